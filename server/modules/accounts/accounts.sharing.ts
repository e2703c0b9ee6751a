import type { Db } from '../../db/client.ts';
import { AppError, invalidInput, notFound } from '../../errors.ts';
import type { MemberActor } from '../../http/actor.ts';
import { authorize } from '../../http/authorize.ts';
import { recordAudit } from '../audit/index.ts';
import { selectOrgsWithMembers } from '../members/index.ts';
import { type OrgRef, selectOrgRefs } from '../organizations/index.ts';
import { selectLivePartnership } from '../partnerships/index.ts';
import * as repo from './accounts.matrix.repo.ts';

/** What an organization shares of one population with a partner, least to most. */
export const SHARING_LEVELS = ['hidden', 'counts', 'overlap', 'full'] as const;
/** A sharing level. */
export type SharingLevel = (typeof SHARING_LEVELS)[number];

/** A level's rank: hidden 0 … full 3. */
export const levelRank = (level: SharingLevel) => SHARING_LEVELS.indexOf(level);
/** The lower of two levels. */
export const lowerLevel = (a: SharingLevel, b: SharingLevel) => (levelRank(a) <= levelRank(b) ? a : b);
const asLevel = (value: string | undefined): SharingLevel =>
  (SHARING_LEVELS as readonly string[]).includes(value ?? '') ? (value as SharingLevel) : 'hidden';

/** Account columns full sharing may carry besides the imported extra fields. */
export const STANDARD_SHARED_FIELDS = ['website', 'country', 'status', 'stage'] as const;

/** A partner as account mapping sees it from the actor's side. */
export interface PartnerView {
  partner: OrgRef;
  /** The partner has no users: the only list of theirs is the one the actor uploaded. */
  offline: boolean;
  partnershipStatus: 'proposed' | 'active' | 'paused' | null;
  /** The actor's own accounts. */
  mySet: repo.SetRow | undefined;
  /** The partner's accounts: their own set, or (offline) the list the actor uploaded for them. */
  theirSet: repo.SetRow | undefined;
}

/**
 * The partner's side of account mapping, or 404 for an organization that is neither a live partner
 * nor an offline partner the actor uploaded a list for; 409 for a partnership that ended. Whether
 * anything is visible is decided by {@link requireSharingPartnership} and the sharing rows.
 */
export async function resolvePartner(db: Db, actor: MemberActor, partnerId: string): Promise<PartnerView> {
  if (partnerId === actor.orgId) throw notFound('Partner');
  const partner = (await selectOrgRefs(db, [partnerId])).get(partnerId);
  if (!partner) throw notFound('Partner');
  const [online, live] = await Promise.all([
    selectOrgsWithMembers(db, [partnerId]).then((s) => s.has(partnerId)),
    selectLivePartnership(db, actor.scope, partnerId),
  ]);
  const partnershipStatus = (live?.status ?? null) as PartnerView['partnershipStatus'];
  const mySet = await repo.selectSet(db, actor.scope);
  if (!online) {
    const theirSet = await repo.selectSet(db, actor.scope, partnerId);
    if (!theirSet && !live) throw notFound('Partner');
    return { partner, offline: true, partnershipStatus, mySet, theirSet };
  }
  if (!live) {
    if (await repo.hadPartnership(db, actor.scope, partnerId))
      throw new AppError(
        'invalid_state',
        `Your partnership with ${partner.name} has ended: nothing is shared without an active one`,
      );
    throw notFound('Partner');
  }
  const [theirSet] = await repo.selectOwnSetsOf(db, [partnerId]);
  return { partner, offline: false, partnershipStatus, mySet, theirSet };
}

/** 409 unless accounts can be mapped with the partner now: an active partnership, or an offline list. */
export function requireSharingPartnership(view: PartnerView) {
  if (view.offline || view.partnershipStatus === 'active') return;
  throw new AppError(
    'invalid_state',
    `Your partnership with ${view.partner.name} is ${view.partnershipStatus}: nothing is shared while it is not active`,
    { partnershipStatus: view.partnershipStatus },
  );
}

/** One population's sharing; `fields` null means every field (the actor's own offline list). */
export interface Shared {
  level: SharingLevel;
  fields: readonly string[] | null;
}

/**
 * Both sides' sharing for the pair, as the actor may know it: every population of the actor's own
 * set with what the actor shares of it, and only the partner's populations shared with the actor
 * at counts or more (a hidden population's existence is not revealed). An offline partner's list
 * is the actor's own: all of it, at full. Read fresh on every call: no caching, so a change or a
 * revocation shows on the next request.
 */
export async function sharingState(db: Db, actor: MemberActor, view: PartnerView) {
  const [myPopulations, theirAll, mineRows, theirRows] = await Promise.all([
    view.mySet ? repo.selectPopulations(db, view.mySet.id) : [],
    view.theirSet ? repo.selectPopulations(db, view.theirSet.id) : [],
    view.offline ? [] : repo.selectSharing(db, actor.orgId, view.partner.id),
    view.offline || view.partnershipStatus !== 'active'
      ? []
      : repo.selectSharing(db, view.partner.id, actor.orgId),
  ]);
  const mine = new Map<string, Shared>(
    myPopulations.map((p) => {
      const row = mineRows.find((r) => r.populationId === p.id);
      return [
        p.id,
        view.offline
          ? { level: 'full', fields: null }
          : { level: asLevel(row?.level), fields: row?.fields ?? [] },
      ];
    }),
  );
  const theirs = new Map<string, Shared>();
  for (const p of theirAll) {
    if (view.offline) theirs.set(p.id, { level: 'full', fields: null });
    else {
      const row = theirRows.find((r) => r.populationId === p.id);
      const level = asLevel(row?.level);
      if (levelRank(level) >= levelRank('counts')) theirs.set(p.id, { level, fields: row?.fields ?? [] });
    }
  }
  return {
    myPopulations,
    theirPopulations: theirAll.filter((p) => theirs.has(p.id)),
    mine,
    theirs,
  };
}

/** What the sharing page shows: my grid for the partner, what they share with me, and my fields. */
export async function getSharing(db: Db, actor: MemberActor, partnerId: string) {
  authorize(actor, 'accounts.read');
  const view = await resolvePartner(db, actor, partnerId);
  const state = await sharingState(db, actor, view);
  const fields = view.mySet ? await repo.selectFieldNames(db, actor.scope, view.mySet.id) : [];
  const ref = (p: repo.PopulationRow) => ({ id: p.id, name: p.name, kind: p.kind as PopulationKind });
  return {
    partner: view.partner,
    offline: view.offline,
    partnershipStatus: view.partnershipStatus,
    mine: state.myPopulations.map((p) => {
      const shared = view.offline ? { level: 'hidden' as const, fields: [] } : state.mine.get(p.id)!;
      return { population: ref(p), level: shared.level, fields: [...(shared.fields ?? [])] };
    }),
    theirs: view.offline
      ? []
      : state.theirPopulations.map((p) => {
          const shared = state.theirs.get(p.id)!;
          return { population: ref(p), level: shared.level, fields: [...(shared.fields ?? [])] };
        }),
    fields: [...new Set([...STANDARD_SHARED_FIELDS, ...fields])],
  };
}

type PopulationKind = 'customers' | 'prospects' | 'open_opportunities' | 'custom';

/** The sharing grid as sent: populations of my own set, each with a level and (at full) fields. */
export interface SharingInput {
  partnerId: string;
  populations: { populationId: string; level: SharingLevel; fields?: string[] }[];
}

/**
 * Replaces what the actor's organization shares with a partner (populations left out become
 * hidden). Needs an active partnership: paused, ended or offline partners get 409. Audited.
 */
export async function putSharing(db: Db, actor: MemberActor, input: SharingInput) {
  authorize(actor, 'accounts.share');
  const view = await resolvePartner(db, actor, input.partnerId);
  if (view.offline || view.partnershipStatus !== 'active')
    throw new AppError(
      'invalid_state',
      view.offline
        ? `${view.partner.name} has no users: there is nobody to share with until they join`
        : `Your partnership with ${view.partner.name} is ${view.partnershipStatus}: sharing needs an active one`,
      { partnershipStatus: view.partnershipStatus },
    );
  const own = view.mySet ? await repo.selectPopulations(db, view.mySet.id) : [];
  const seen = new Set<string>();
  const rows = input.populations.map((p, i) => {
    if (!own.some((o) => o.id === p.populationId))
      throw invalidInput('Not one of your populations', `populations.${i}.populationId`);
    if (seen.has(p.populationId))
      throw invalidInput('This population is listed twice', `populations.${i}.populationId`);
    seen.add(p.populationId);
    if (p.fields?.length && p.level !== 'full')
      throw invalidInput('Fields are shared at the full level only', `populations.${i}.fields`);
    return { populationId: p.populationId, level: p.level, fields: [...new Set(p.fields ?? [])] };
  });
  await db.transaction(async (tx) => {
    await repo.replaceSharing(tx, actor.scope, input.partnerId, rows, actor.userId);
    await recordAudit(tx, actor, {
      action: 'accounts.sharing_updated',
      targetType: 'organization',
      targetId: input.partnerId,
      data: { populations: rows.filter((r) => r.level !== 'hidden') },
    });
  });
  return getSharing(db, actor, input.partnerId);
}
