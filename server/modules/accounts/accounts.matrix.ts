import { pipeline, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { Db } from '../../db/client.ts';
import { forbidden, notFound } from '../../errors.ts';
import type { MemberActor } from '../../http/actor.ts';
import { authorize } from '../../http/authorize.ts';
import { safeCell } from '../../http/csv.ts';
import { decodeCursor, encodeCursor } from '../../http/pagination.ts';
import { selectOrgsWithMembers } from '../members/index.ts';
import { selectOrgRefs } from '../organizations/index.ts';
import * as repo from './accounts.matrix.repo.ts';
import { ensurePair } from './accounts.overlap.ts';
import {
  levelRank,
  lowerLevel,
  type PartnerView,
  requireSharingPartnership,
  resolvePartner,
  type Shared,
  type SharingLevel,
  STANDARD_SHARED_FIELDS,
  sharingState,
} from './accounts.sharing.ts';

type PopulationKind = 'customers' | 'prospects' | 'open_opportunities' | 'custom';
const ref = (p: repo.PopulationRow) => ({ id: p.id, name: p.name, kind: p.kind as PopulationKind });
const atLeast = (level: SharingLevel, min: SharingLevel) => levelRank(level) >= levelRank(min);

/** Makes sure the overlap of the two sets is maintained (computed in full the first time). */
async function pairOf(db: Db, view: PartnerView) {
  if (view.mySet && view.theirSet) await ensurePair(db, view.mySet.id, view.theirSet.id);
}

/**
 * My populations × the partner's populations shared with me at counts or more. A cell shows its
 * count only when both sides share their population at counts or more, so both sides see the same
 * matrix; the counts are a lookup in the maintained overlap table.
 */
export async function getMatrix(db: Db, actor: MemberActor, partnerId: string) {
  authorize(actor, 'accounts.read');
  const view = await resolvePartner(db, actor, partnerId);
  requireSharingPartnership(view);
  await pairOf(db, view);
  const [state, overlaps] = await Promise.all([
    sharingState(db, actor, view),
    view.mySet && view.theirSet ? repo.selectOverlaps(db, view.mySet.id, view.theirSet.id) : [],
  ]);
  const keysOf = new Map(overlaps.map((o) => [`${o.bitA}:${o.bitB}`, o.keys]));
  const rows = state.myPopulations.map((p) => ({ ...ref(p), level: state.mine.get(p.id)!.level }));
  const columns = state.theirPopulations.map((p) => ({ ...ref(p), level: state.theirs.get(p.id)!.level }));
  const cells = state.myPopulations.flatMap((x, i) =>
    state.theirPopulations.map((y, j) => {
      const visible = atLeast(rows[i]!.level, 'counts') && atLeast(columns[j]!.level, 'counts');
      return {
        mine: x.id,
        theirs: y.id,
        visible,
        keys: visible ? (keysOf.get(`${x.bit}:${y.bit}`) ?? 0) : null,
        level: visible ? lowerLevel(rows[i]!.level, columns[j]!.level) : ('hidden' as const),
      };
    }),
  );
  const visibleKeys = cells.flatMap((c) => (c.keys === null ? [] : [c.keys]));
  return {
    partner: view.partner,
    offline: view.offline,
    partnershipStatus: view.partnershipStatus,
    rows,
    columns,
    cells,
    totals: { visibleCells: visibleKeys.length, maxKeys: Math.max(0, ...visibleKeys) },
  };
}

/** The cell a list is drawn from, after checking that both sides' sharing allows the list. */
interface Cell {
  view: PartnerView;
  mine: repo.PopulationRow;
  theirs: repo.PopulationRow;
  mySet: repo.SetRow;
  theirSet: repo.SetRow;
  /** What the partner shares of the column: the fields their accounts may show. */
  theirShared: Shared;
}

/**
 * Resolves a cell for its list: my population must be mine (404), theirs shared with me at counts
 * or more (404 otherwise, exactly as for an unknown id, so a hidden population stays unknown);
 * both at overlap or more (403 saying which side shares counts only).
 */
async function resolveCell(
  db: Db,
  actor: MemberActor,
  q: { partnerId: string; mine: string; theirs: string },
): Promise<Cell> {
  authorize(actor, 'accounts.read');
  const view = await resolvePartner(db, actor, q.partnerId);
  requireSharingPartnership(view);
  const state = await sharingState(db, actor, view);
  const mine = state.myPopulations.find((p) => p.id === q.mine);
  const theirs = state.theirPopulations.find((p) => p.id === q.theirs);
  if (!mine || !theirs || !view.mySet || !view.theirSet) throw notFound('Population');
  const myShared = state.mine.get(mine.id)!;
  const theirShared = state.theirs.get(theirs.id)!;
  if (!atLeast(theirShared.level, 'overlap'))
    throw forbidden(
      `${view.partner.name} shares ${theirs.name} as counts only: the list needs overlapping records or full from both sides`,
    );
  if (!atLeast(myShared.level, 'overlap'))
    throw forbidden(
      myShared.level === 'hidden'
        ? `You do not share ${mine.name} with ${view.partner.name}: share it at overlapping records or full to see the list`
        : `You share ${mine.name} with ${view.partner.name} as counts only: the list needs overlapping records or full from both sides`,
    );
  await pairOf(db, view);
  return {
    view,
    mine,
    theirs,
    mySet: view.mySet,
    theirSet: view.theirSet,
    theirShared,
  };
}

/** A partner account as the cell's sharing lets me see it. */
function theirAccount(cell: Cell, a: Awaited<ReturnType<typeof repo.selectAccountsByKeys>>[number]) {
  const extra = a.fields as Record<string, string>;
  const standard: Record<string, string | null> = {
    website: a.website,
    country: a.country,
    status: a.status,
    stage: a.stage,
  };
  const fields: Record<string, string> = {};
  if (cell.theirShared.level === 'full') {
    const names = cell.theirShared.fields ?? [...STANDARD_SHARED_FIELDS, ...Object.keys(extra)];
    for (const name of names) {
      const value = name in standard ? standard[name] : extra[name];
      if (typeof value === 'string') fields[name] = value;
    }
  }
  return { name: a.name, domain: a.domain, fields };
}

const myAccount = (a: Awaited<ReturnType<typeof repo.selectAccountsByKeys>>[number]) => ({
  id: a.id,
  externalId: a.externalId,
  name: a.name,
  domain: a.domain,
  website: a.website,
  country: a.country,
  status: a.status,
  stage: a.stage,
  fields: a.fields as Record<string, string>,
});

/** One page of a cell's list: per shared match key, my accounts and the partner's. */
async function cellRows(db: Db, cell: Cell, afterKey: string | null, limit: number) {
  const keys = await repo.selectCellKeys(
    db,
    { setA: cell.mySet.id, bitA: cell.mine.bit, setB: cell.theirSet.id, bitB: cell.theirs.bit },
    afterKey,
    limit + 1,
  );
  const page = keys.slice(0, limit);
  const [mine, theirs] = await Promise.all([
    repo.selectAccountsByKeys(db, cell.mySet.id, cell.mine.bit, page),
    repo.selectAccountsByKeys(db, cell.theirSet.id, cell.theirs.bit, page),
  ]);
  const rows = page
    .map((key) => ({
      mine: mine.filter((a) => a.matchKey === key),
      theirs: theirs.filter((a) => a.matchKey === key),
    }))
    .filter((r) => r.mine.length > 0 && r.theirs.length > 0);
  return { rows, more: keys.length > limit, lastKey: page.at(-1) ?? null };
}

const accountCursor = (v: unknown[]): v is [string] => v.length === 1 && typeof v[0] === 'string';

/**
 * A page of a cell's list, in match key order. The cursor names my first account of the last row
 * (never a match key: keys of name matches are internal to matching).
 */
export async function listCell(
  db: Db,
  actor: MemberActor,
  q: { partnerId: string; mine: string; theirs: string; limit: number; cursor?: string },
) {
  const cell = await resolveCell(db, actor, q);
  let afterKey: string | null = null;
  if (q.cursor) {
    const [accountId] = decodeCursor(q.cursor, accountCursor);
    afterKey = (await repo.selectMatchKeyOf(db, actor.scope, cell.mySet.id, accountId)) ?? null;
    if (afterKey === null) return { level: cell.theirShared.level, data: [], nextCursor: null };
  }
  const { rows, more } = await cellRows(db, cell, afterKey, q.limit);
  const last = rows.at(-1)?.mine[0];
  return {
    level: cell.theirShared.level,
    data: rows.map((r) => ({
      mine: r.mine.map(myAccount),
      theirs: r.theirs.map((a) => theirAccount(cell, a)),
    })),
    nextCursor: more && last ? encodeCursor([last.id]) : null,
  };
}

const CSV_PAGE = 500;

/**
 * A cell's whole list as CSV, one line per pair of my account and a matching partner account,
 * streamed page by page (access is checked before the first byte). Every text cell is neutralised
 * against formula injection.
 */
export async function cellCsv(
  db: Db,
  actor: MemberActor,
  q: { partnerId: string; mine: string; theirs: string },
) {
  const cell = await resolveCell(db, actor, q);
  const myFields = await repo.selectFieldNames(db, actor.scope, cell.mySet.id);
  const theirFields =
    cell.theirShared.level !== 'full'
      ? []
      : (cell.theirShared.fields ?? [
          ...STANDARD_SHARED_FIELDS,
          ...(await repo.selectFieldNames(db, actor.scope, cell.theirSet.id)),
        ]);
  const header = [
    'your_external_id',
    'your_name',
    'your_domain',
    'your_website',
    'your_country',
    'your_status',
    'your_stage',
    ...myFields.map((f) => `your_${f}`),
    'partner_name',
    'partner_domain',
    ...theirFields.map((f) => `partner_${f}`),
  ];
  async function* lines() {
    yield header.map(safeCell);
    let afterKey: string | null = null;
    for (;;) {
      const { rows, more, lastKey } = await cellRows(db, cell, afterKey, CSV_PAGE);
      for (const r of rows)
        for (const a of r.mine) {
          const mine = myAccount(a);
          const own = [
            mine.externalId,
            mine.name,
            mine.domain ?? '',
            mine.website ?? '',
            mine.country ?? '',
            mine.status ?? '',
            mine.stage ?? '',
            ...myFields.map((f) => mine.fields[f] ?? ''),
          ];
          for (const t of r.theirs) {
            const theirs = theirAccount(cell, t);
            yield [
              ...own,
              theirs.name,
              theirs.domain ?? '',
              ...theirFields.map((f) => theirs.fields[f] ?? ''),
            ].map(safeCell);
          }
        }
      if (!more || lastKey === null) return;
      afterKey = lastKey;
    }
  }
  const csv = stringify();
  // A failure mid-stream (the database went away) ends the download cut short rather than hanging.
  pipeline(Readable.from(lines()), csv, () => {});
  const slug = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'list';
  return {
    csv,
    filename: `overlap-${slug(cell.mine.name)}-${slug(cell.view.partner.name)}-${slug(cell.theirs.name)}.csv`,
  };
}

/** A partner's line in the network view. */
interface NetworkRow {
  partner: { id: string; name: string; slug: string };
  offline: boolean;
  status: 'shared' | 'not_shared' | 'no_accounts';
  keys: number | null;
  best: ReturnType<typeof ref> | null;
}

/**
 * For one of my populations, which partners overlap it most: per partner the best count with any
 * of their populations a cell may show (both sides at counts or more), largest first; partners
 * for whom no such cell exists are listed as not shared, without numbers, and those without
 * accounts as such. Active partnerships and my offline partners' lists.
 */
export async function network(db: Db, actor: MemberActor, populationId: string) {
  authorize(actor, 'accounts.read');
  const mySet = await repo.selectSet(db, actor.scope);
  const x = await repo.selectPopulation(db, actor.scope, populationId);
  if (!mySet || !x || x.setId !== mySet.id) throw notFound('Population');

  const [live, offlineSets] = await Promise.all([
    repo.selectLivePartners(db, actor.scope),
    repo.selectOfflineSets(db, actor.scope),
  ]);
  const liveIds = live.map((p) => p.partnerId);
  const online = await selectOrgsWithMembers(db, liveIds);
  const activeOnline = live
    .filter((p) => p.status === 'active' && online.has(p.partnerId))
    .map((p) => p.partnerId);
  const offline = offlineSets.filter((s) => !online.has(s.subjectId));
  const [theirSets, orgs, mine, theirsToMe] = await Promise.all([
    repo.selectOwnSetsOf(db, activeOnline),
    selectOrgRefs(db, [...activeOnline, ...offline.map((s) => s.subjectId)]),
    repo.selectMySharingWith(db, actor.scope, activeOnline),
    repo.selectSharingWithMe(db, actor.scope, activeOnline),
  ]);
  const setOf = new Map<string, repo.SetRow>([
    ...theirSets.map((s) => [s.organizationId, s] as const),
    ...offline.map((s) => [s.subjectId, s] as const),
  ]);
  const sets = [...setOf.values()];
  for (const s of sets) await ensurePair(db, mySet.id, s.id);
  const [populations, overlaps] = await Promise.all([
    repo.selectPopulationsOf(
      db,
      sets.map((s) => s.id),
    ),
    repo.selectOverlapsOfPopulation(
      db,
      mySet.id,
      x.bit,
      sets.map((s) => s.id),
    ),
  ]);
  const offlineIds = new Set(offline.map((s) => s.subjectId));
  const data = [...activeOnline, ...offlineIds].flatMap((partnerId): NetworkRow[] => {
    const partner = orgs.get(partnerId);
    if (!partner) return [];
    const isOffline = offlineIds.has(partnerId);
    const set = setOf.get(partnerId);
    const base = { partner, offline: isOffline };
    if (!set) return [{ ...base, status: 'no_accounts', keys: null, best: null }];
    const myLevel = isOffline
      ? 'full'
      : (mine.find((m) => m.partnerId === partnerId && m.populationId === x.id)?.level ?? 'hidden');
    const visible = populations.filter(
      (p) =>
        p.setId === set.id &&
        (isOffline ||
          theirsToMe.some(
            (t) =>
              t.ownerId === partnerId &&
              t.populationId === p.id &&
              atLeast(t.level as SharingLevel, 'counts'),
          )),
    );
    if (!atLeast(myLevel as SharingLevel, 'counts') || visible.length === 0)
      return [{ ...base, status: 'not_shared', keys: null, best: null }];
    let best = { keys: 0, population: visible[0]! };
    for (const p of visible) {
      const keys = overlaps.find((o) => o.setB === set.id && o.bitB === p.bit)?.keys ?? 0;
      if (keys > best.keys) best = { keys, population: p };
    }
    return [{ ...base, status: 'shared' as const, keys: best.keys, best: ref(best.population) }];
  });
  const order = { shared: 0, not_shared: 1, no_accounts: 2 };
  data.sort(
    (a, b) =>
      order[a.status] - order[b.status] ||
      (b.keys ?? 0) - (a.keys ?? 0) ||
      a.partner.name.localeCompare(b.partner.name),
  );
  return { population: ref(x), data };
}

/**
 * The partners to map accounts with: active and paused partnerships with organizations that have
 * users, and offline partners (my uploaded lists, and offline organizations I am partnering with),
 * each with whether there are accounts and a summary of the sharing both ways.
 */
export async function listPartners(db: Db, actor: MemberActor) {
  authorize(actor, 'accounts.read');
  const [live, offlineSets, mySet] = await Promise.all([
    repo.selectLivePartners(db, actor.scope),
    repo.selectOfflineSets(db, actor.scope),
    repo.selectSet(db, actor.scope),
  ]);
  const online = await selectOrgsWithMembers(db, [
    ...live.map((p) => p.partnerId),
    ...offlineSets.map((s) => s.subjectId),
  ]);
  const statusOf = new Map(live.map((p) => [p.partnerId, p.status as 'proposed' | 'active' | 'paused']));
  const onlineIds = live
    .filter((p) => p.status !== 'proposed' && online.has(p.partnerId))
    .map((p) => p.partnerId);
  const offlineIds = [
    ...new Set([
      ...offlineSets.filter((s) => !online.has(s.subjectId)).map((s) => s.subjectId),
      ...live.filter((p) => !online.has(p.partnerId)).map((p) => p.partnerId),
    ]),
  ];
  const activeIds = onlineIds.filter((id) => statusOf.get(id) === 'active');
  const [orgs, theirSets, myPopulations, mine, theirsToMe] = await Promise.all([
    selectOrgRefs(db, [...onlineIds, ...offlineIds]),
    repo.selectOwnSetsOf(db, onlineIds),
    mySet ? repo.selectPopulations(db, mySet.id) : [],
    repo.selectMySharingWith(db, actor.scope, onlineIds),
    repo.selectSharingWithMe(db, actor.scope, activeIds),
  ]);
  const setOf = new Map<string, repo.SetRow>([
    ...theirSets.map((s) => [s.organizationId, s] as const),
    ...offlineSets.filter((s) => offlineIds.includes(s.subjectId)).map((s) => [s.subjectId, s] as const),
  ]);
  const [withAccounts, offlinePopulations] = await Promise.all([
    repo.selectSetsWithAccounts(
      db,
      [...setOf.values()].map((s) => s.id),
    ),
    repo.selectPopulationsOf(
      db,
      offlineIds.flatMap((id) => (setOf.has(id) ? [setOf.get(id)!.id] : [])),
    ),
  ]);
  const tally = (levels: string[]) => ({
    counts: levels.filter((l) => l === 'counts').length,
    overlap: levels.filter((l) => l === 'overlap').length,
    full: levels.filter((l) => l === 'full').length,
  });
  const myPopulationIds = new Set(myPopulations.map((p) => p.id));
  const entries = [...onlineIds, ...offlineIds].flatMap((partnerId) => {
    const partner = orgs.get(partnerId);
    if (!partner) return [];
    const isOffline = offlineIds.includes(partnerId);
    const set = setOf.get(partnerId);
    const myLevels = isOffline
      ? []
      : mine
          .filter((m) => m.partnerId === partnerId && myPopulationIds.has(m.populationId))
          .map((m) => m.level);
    const theirLevels = isOffline
      ? offlinePopulations.filter((p) => p.setId === set?.id).map(() => 'full')
      : theirsToMe.filter((t) => t.ownerId === partnerId).map((t) => t.level);
    const iShare = tally(myLevels);
    return [
      {
        partner,
        offline: isOffline,
        partnershipStatus: statusOf.get(partnerId) ?? null,
        hasAccounts: !!set && withAccounts.has(set.id),
        iShare: { ...iShare, hidden: myPopulations.length - iShare.counts - iShare.overlap - iShare.full },
        theyShare: tally(theirLevels),
      },
    ];
  });
  entries.sort((a, b) => a.partner.name.localeCompare(b.partner.name));
  return { data: entries };
}
