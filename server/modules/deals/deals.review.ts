import type { Db } from '../../db/client.ts';
import type { MemberActor } from '../../http/actor.ts';
import { authorize } from '../../http/authorize.ts';
import { decodeCursor, encodeCursor, twoStrings } from '../../http/pagination.ts';
import { recordAudit } from '../audit/index.ts';
import { selectUserRefs } from '../partnerships/index.ts';
import { presentSummaries } from './deals.present.ts';
import * as repo from './deals.repo.ts';

/** The vendor's registrations waiting for review, soonest due first. */
export async function reviewQueue(
  db: Db,
  actor: MemberActor,
  query: { limit: number; cursor?: string; mine?: 'true' | 'false' },
) {
  authorize(actor, 'deals.review');
  const [due, id] = query.cursor ? decodeCursor(query.cursor, twoStrings) : [];
  const after = due && id ? { due, id } : undefined;
  const rows = await repo.selectReviewQueue(db, actor.scope, {
    limit: query.limit + 1,
    after,
    ownerUserId: query.mine === 'true' ? actor.userId : undefined,
  });
  const page = rows.slice(0, query.limit);
  const summaries = await presentSummaries(
    db,
    page.map((r) => ({ deal: r.deal, side: 'to' as const })),
  );
  const users = await selectUserRefs(
    db,
    page.map((r) => r.ownerUserId),
  );
  const last = page.at(-1);
  return {
    data: summaries.map((s, i) => {
      const owner = page[i]!.ownerUserId;
      return {
        ...s,
        conflictCount: page[i]!.conflictCount,
        owner: owner ? { id: owner, name: users.get(owner)?.name ?? '' } : null,
      };
    }),
    nextCursor:
      rows.length > query.limit && last
        ? encodeCursor([last.deal.responseDueAt?.toISOString() ?? '', last.deal.id])
        : null,
  };
}

/** The actor's organization's deal settings. */
export async function getSettings(db: Db, actor: MemberActor) {
  const { protectionDays, reviewSlaBusinessDays, referralResponseBusinessDays } = await repo.selectSettings(
    db,
    actor.orgId,
  );
  return { protectionDays, reviewSlaBusinessDays, referralResponseBusinessDays };
}

/** Changes the actor's organization's deal settings (applies to deals from now on). */
export async function updateSettings(
  db: Db,
  actor: MemberActor,
  patch: Parameters<typeof repo.upsertSettings>[2],
) {
  authorize(actor, 'deals.settings');
  await db.transaction(async (tx) => {
    await repo.upsertSettings(tx, actor.scope, patch);
    await recordAudit(tx, actor, { action: 'deals.settings_updated', data: patch });
  });
  return getSettings(db, actor);
}
