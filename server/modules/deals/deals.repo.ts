import { and, asc, desc, eq, ilike, inArray, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.ts';
import { containing } from '../../db/like.ts';
import { deal, dealEvent, dealParty, dealSettings, organization, user } from '../../db/schema/index.ts';
import { inTenant, type TenantScope } from '../../db/tenant.ts';

/** A stored deal. */
export type DealRow = typeof deal.$inferSelect;
/** A deal about to be stored (with its id). */
export type NewDeal = typeof deal.$inferInsert & { id: string };
/** The scoped organization's place on a deal. */
export type Side = 'from' | 'to' | 'co_seller';

/** States in which a deal waits for its counterparty's answer. */
export const WAITING_STATUSES = ['sent', 'submitted', 'under_review'];

// A draft is its creator's own until it is submitted: the counterparty does not see it yet.
const visibleToParty = or(sql`${deal.status} <> 'draft'`, eq(dealParty.side, 'from'))!;

/** Inserts a deal with its parties and first timeline event. */
export async function insertDeal(
  db: Db,
  row: typeof deal.$inferInsert,
  parties: Omit<typeof dealParty.$inferInsert, 'dealId'>[],
  event: Omit<typeof dealEvent.$inferInsert, 'dealId'>,
) {
  const [created] = await db.insert(deal).values(row).returning();
  await db.insert(dealParty).values(parties.map((p) => ({ ...p, dealId: row.id })));
  await db.insert(dealEvent).values({ ...event, dealId: row.id });
  return created!;
}

/** The deal and the scoped organization's side on it; undefined when it is not a party. */
export async function selectDealFor(db: Db, scope: TenantScope, id: string, forUpdate = false) {
  const query = db
    .select({ deal, side: dealParty.side })
    .from(deal)
    .innerJoin(dealParty, and(eq(dealParty.dealId, deal.id), inTenant(dealParty, scope)))
    .where(and(eq(deal.id, id), visibleToParty));
  const [row] = await (forUpdate ? query.for('update', { of: deal }) : query);
  return row && { deal: row.deal, side: row.side as Side };
}

/** Updates a deal the caller has locked. */
export async function updateDeal(db: Db, id: string, patch: Partial<typeof deal.$inferInsert>) {
  const [row] = await db
    .update(deal)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(deal.id, id))
    .returning();
  return row!;
}

/** Appends timeline events. */
export async function insertDealEvents(db: Db, ...rows: (typeof dealEvent.$inferInsert)[]) {
  if (rows.length) await db.insert(dealEvent).values(rows);
}

/** Every organization on a deal. */
export async function selectParties(db: Db, dealId: string) {
  return db
    .select({
      organizationId: dealParty.organizationId,
      side: dealParty.side,
      attribution: dealParty.attribution,
      name: organization.name,
      slug: organization.slug,
    })
    .from(dealParty)
    .innerJoin(organization, eq(organization.id, dealParty.organizationId))
    .where(eq(dealParty.dealId, dealId))
    .orderBy(sql`array_position(array['from','to','co_seller'], ${dealParty.side})`, dealParty.addedAt);
}

/** Adds a co-selling partner (or changes its attribution). */
export async function upsertCoSeller(db: Db, dealId: string, organizationId: string, attribution: string) {
  await db
    .insert(dealParty)
    .values({ dealId, organizationId, side: 'co_seller', attribution })
    .onConflictDoUpdate({ target: [dealParty.dealId, dealParty.organizationId], set: { attribution } });
}

/** Removes a co-selling partner; false when it was not one. */
export async function deleteCoSeller(db: Db, dealId: string, organizationId: string) {
  const rows = await db
    .delete(dealParty)
    .where(
      and(
        eq(dealParty.dealId, dealId),
        eq(dealParty.organizationId, organizationId),
        eq(dealParty.side, 'co_seller'),
      ),
    )
    .returning({ id: dealParty.dealId });
  return rows.length > 0;
}

/** A deal's timeline with the acting organization and user, oldest first. */
export async function selectDealEvents(db: Db, dealId: string) {
  return db
    .select({
      id: dealEvent.id,
      kind: dealEvent.kind,
      fromStatus: dealEvent.fromStatus,
      toStatus: dealEvent.toStatus,
      note: dealEvent.note,
      data: dealEvent.data,
      organization: { id: organization.id, name: organization.name, slug: organization.slug },
      actorUserId: dealEvent.actorUserId,
      actorName: user.name,
      createdAt: dealEvent.createdAt,
    })
    .from(dealEvent)
    .innerJoin(organization, eq(organization.id, dealEvent.organizationId))
    .leftJoin(user, eq(user.id, dealEvent.actorUserId))
    .where(eq(dealEvent.dealId, dealId))
    .orderBy(asc(dealEvent.id));
}

/** Filters of the deal list and export. */
export interface DealFilters {
  kind?: string;
  status?: string;
  direction?: 'sent' | 'received' | 'co_selling';
  partnerId?: string;
  q?: string;
  overdue?: 'true' | 'false';
}

const SIDE_OF = { sent: 'from', received: 'to', co_selling: 'co_seller' } as const;

function dealConditions(scope: TenantScope, f: DealFilters, now: Date): SQL[] {
  const conds: (SQL | undefined)[] = [
    inTenant(dealParty, scope),
    visibleToParty,
    f.direction ? eq(dealParty.side, SIDE_OF[f.direction]) : undefined,
    f.kind ? eq(deal.kind, f.kind) : undefined,
    f.status ? eq(deal.status, f.status) : undefined,
    f.partnerId
      ? sql`exists (select 1 from deal_party o where o.deal_id = "deal"."id" and o.organization_id = ${f.partnerId} and o.organization_id <> ${scope.orgId})`
      : undefined,
    f.q ? or(ilike(deal.customerName, containing(f.q)), ilike(deal.title, containing(f.q))) : undefined,
    f.overdue === 'true'
      ? and(inArray(deal.status, WAITING_STATUSES), isNull(deal.answeredAt), lte(deal.responseDueAt, now))
      : undefined,
  ];
  return conds.filter((c): c is SQL => !!c);
}

/** Deals the scoped organization is on, newest first (`before` is an id cursor). */
export async function selectDeals(
  db: Db,
  scope: TenantScope,
  f: DealFilters,
  opts: { limit: number; before?: string; now: Date },
) {
  const conds = dealConditions(scope, f, opts.now);
  if (opts.before) conds.push(sql`${deal.id} < ${opts.before}`);
  const rows = await db
    .select({ deal, side: dealParty.side })
    .from(deal)
    .innerJoin(dealParty, eq(dealParty.dealId, deal.id))
    .where(and(...conds))
    .orderBy(desc(deal.id))
    .limit(opts.limit);
  return rows.map((r) => ({ deal: r.deal, side: r.side as Side }));
}

/** The vendor's registrations waiting for review, soonest due first (cursor: due time + id). */
export async function selectReviewQueue(
  db: Db,
  scope: TenantScope,
  opts: { limit: number; after?: { due: string; id: string }; ownerUserId?: string },
) {
  const conds: (SQL | undefined)[] = [
    eq(deal.counterpartyId, scope.orgId),
    eq(deal.kind, 'registration'),
    inArray(deal.status, ['submitted', 'under_review']),
    opts.after
      ? sql`(${deal.responseDueAt}, ${deal.id}) > (${opts.after.due}::timestamptz, ${opts.after.id})`
      : undefined,
    opts.ownerUserId
      ? sql`exists (select 1 from partnership p where p.id = ${deal.partnershipId} and
          (case when p.organization_id = ${scope.orgId} then p.proposer_owner_user_id else p.partner_owner_user_id end) = ${opts.ownerUserId})`
      : undefined,
  ];
  return db
    .select({
      deal,
      conflictCount: sql<number>`(select count(*)::int from deal_conflict c where c.deal_id = "deal"."id")`,
      ownerUserId: sql<string | null>`(select case when p.organization_id = ${scope.orgId}
          then p.proposer_owner_user_id else p.partner_owner_user_id end
          from partnership p where p.id = "deal"."partnership_id")`,
    })
    .from(deal)
    .where(and(...conds))
    .orderBy(asc(deal.responseDueAt), asc(deal.id))
    .limit(opts.limit);
}

/** An organization's deal settings, or the defaults when it never changed them. */
export async function selectSettings(db: Db, orgId: string) {
  const [row] = await db.select().from(dealSettings).where(eq(dealSettings.organizationId, orgId));
  return row ?? { protectionDays: 90, reviewSlaBusinessDays: 2, referralResponseBusinessDays: 5 };
}

/** Saves the scoped organization's deal settings. */
export async function upsertSettings(
  db: Db,
  scope: TenantScope,
  patch: Partial<
    Pick<
      typeof dealSettings.$inferInsert,
      'protectionDays' | 'reviewSlaBusinessDays' | 'referralResponseBusinessDays'
    >
  >,
) {
  const [row] = await db
    .insert(dealSettings)
    .values({ organizationId: scope.orgId, ...patch })
    .onConflictDoUpdate({ target: dealSettings.organizationId, set: { ...patch, updatedAt: new Date() } })
    .returning();
  return row!;
}

/** Deals waiting past their response time whose counterparty was not told yet; marks them told. */
export async function claimOverdueDeals(db: Db, now: Date) {
  const due = db
    .select({ id: deal.id })
    .from(deal)
    .where(
      and(
        isNull(deal.overdueNotifiedAt),
        isNull(deal.answeredAt),
        lte(deal.responseDueAt, now),
        inArray(deal.status, WAITING_STATUSES),
      ),
    )
    .limit(500)
    .for('update', { skipLocked: true });
  return db.update(deal).set({ overdueNotifiedAt: now }).where(inArray(deal.id, due)).returning();
}

/** Per direction of a pair: counts, value and won value per currency, decided count, median answer time. */
export async function selectPairLedger(db: Db, fromOrgId: string, toOrgId: string) {
  const result = await db.execute(sql`
    select d.currency,
           count(*)::int as deals,
           coalesce(sum(d.amount_minor), 0)::bigint as value,
           count(*) filter (where d.status = 'won')::int as won,
           coalesce(sum(d.won_amount_minor) filter (where d.status = 'won'), 0)::bigint as won_value,
           count(*) filter (where d.status in ('won','lost','declined','rejected','expired'))::int as decided
      from deal d
     where d.organization_id = ${fromOrgId} and d.counterparty_id = ${toOrgId}
       and d.kind in ('referral','registration') and d.status <> 'draft'
     group by d.currency order by d.currency`);
  const median = await db.execute(sql`
    select percentile_cont(0.5) within group (order by extract(epoch from d.answered_at - d.sent_at)) / 3600 as hours
      from deal d
     where d.organization_id = ${fromOrgId} and d.counterparty_id = ${toOrgId}
       and d.kind in ('referral','registration') and d.answered_at is not null and d.sent_at is not null`);
  return {
    byCurrency: rowsOf<{
      currency: string;
      deals: number;
      value: string | number;
      won: number;
      won_value: string | number;
      decided: number;
    }>(result),
    medianHours: rowsOf<{ hours: number | string | null }>(median)[0]?.hours ?? null,
  };
}

/** Deals by id, for the scheduled sweep (which acts for the system, not a tenant). */
export async function selectDealsByIds(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, DealRow>();
  const rows = await db
    .select()
    .from(deal)
    .where(inArray(deal.id, [...ids]));
  return new Map(rows.map((d) => [d.id, d]));
}

/** Moves the approved deals among `ids` to expired (others were won, lost or withdrawn meanwhile). */
export async function expireApprovedDeals(db: Db, ids: readonly string[], now: Date) {
  if (ids.length === 0) return [];
  return db
    .update(deal)
    .set({ status: 'expired', closedAt: now, updatedAt: now })
    .where(and(inArray(deal.id, [...ids]), eq(deal.status, 'approved')))
    .returning();
}
