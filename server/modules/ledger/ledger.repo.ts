import { and, desc, eq, gte, inArray, isNull, lt, or, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import { rowsOf } from '../../db/client.ts';
import {
  deal,
  dealEvent,
  dealParty,
  ledgerEntry,
  moneySettings,
  referralFeeTerm,
} from '../../db/schema/index.ts';
import type { TenantScope } from '../../db/tenant.ts';
import type { EntryRow } from './ledger.post.ts';

/** A stored deal, as the commission engine reads it. */
export type DealRow = typeof deal.$inferSelect;

/** The deal by id (server-side: the engine runs for a deal its caller already authorized). */
export async function selectDeal(db: Db, id: string) {
  const [row] = await db.select().from(deal).where(eq(deal.id, id));
  return row;
}

/** When the deal last moved to `status` (its timeline), if it did. */
export async function selectStatusTime(db: Db, dealId: string, status: string) {
  const [row] = await db
    .select({ at: dealEvent.createdAt })
    .from(dealEvent)
    .where(and(eq(dealEvent.dealId, dealId), eq(dealEvent.toStatus, status)))
    .orderBy(desc(dealEvent.id))
    .limit(1);
  return row?.at;
}

/** Whether the scoped organization is a party to the deal (sender, receiver or co-seller). */
export async function isDealParty(db: Db, scope: TenantScope, dealId: string) {
  const [row] = await db
    .select({ dealId: dealParty.dealId })
    .from(dealParty)
    .where(and(eq(dealParty.dealId, dealId), eq(dealParty.organizationId, scope.orgId)));
  return !!row;
}

/**
 * Deals that reached a paying state since `since` and have no entry yet for that event: won deals
 * (by closing time) and referrals accepted or qualified (by their timeline).
 */
export async function selectUnpostedDealEvents(db: Db, since: Date) {
  const result = await db.execute(sql`
    select d.id as deal_id, 'deal_won' as event
      from ${deal} d
     where d.status = 'won' and d.counterparty_id is not null and d.closed_at >= ${since}
       and not exists (select 1 from ${ledgerEntry} e where e.deal_id = d.id
                        and e.source_type in ('deal.deal_won', 'deal.p2p_fee'))
    union
    select distinct e.deal_id, case e.to_status when 'accepted' then 'lead_accepted'
                                                else 'referral_qualified' end
      from ${dealEvent} e join ${deal} d on d.id = e.deal_id
     where d.kind = 'referral' and e.to_status in ('accepted', 'qualified') and e.created_at >= ${since}
       and not exists (select 1 from ${ledgerEntry} l where l.deal_id = d.id
                        and l.source_type = case e.to_status when 'accepted' then 'deal.lead_accepted'
                                                             else 'deal.referral_qualified' end)
  `);
  return rowsOf<{ deal_id: string; event: string }>(result);
}

/** The earning entries of a deal paid by the scoped organization that no entry reverses yet. */
export async function selectReversibleEntries(db: Db, scope: TenantScope, dealId: string) {
  const reversal = alias(ledgerEntry, 'reversal');
  const rows = await db
    .select({ e: ledgerEntry })
    .from(ledgerEntry)
    .leftJoin(reversal, eq(reversal.reversesEntryId, ledgerEntry.id))
    .where(
      and(
        eq(ledgerEntry.organizationId, scope.orgId),
        eq(ledgerEntry.dealId, dealId),
        inArray(ledgerEntry.kind, ['commission', 'mdf', 'p2p_fee']),
        isNull(reversal.id),
      ),
    )
    .orderBy(ledgerEntry.id);
  return rows.map((r) => r.e);
}

/** Filters of the entry list. */
export interface EntryFilters {
  side?: 'payer' | 'beneficiary';
  counterpartyId?: string;
  kind?: string;
  dealId?: string;
  limit: number;
  before?: string;
}

const mine = (scope: TenantScope, side?: 'payer' | 'beneficiary'): SQL =>
  side === 'payer'
    ? eq(ledgerEntry.organizationId, scope.orgId)
    : side === 'beneficiary'
      ? eq(ledgerEntry.beneficiaryId, scope.orgId)
      : or(eq(ledgerEntry.organizationId, scope.orgId), eq(ledgerEntry.beneficiaryId, scope.orgId))!;

/** A page of entries the scoped organization pays or receives, newest first. */
export async function selectEntries(db: Db, scope: TenantScope, f: EntryFilters) {
  return db
    .select()
    .from(ledgerEntry)
    .where(
      and(
        mine(scope, f.side),
        f.counterpartyId
          ? or(
              and(
                eq(ledgerEntry.organizationId, scope.orgId),
                eq(ledgerEntry.beneficiaryId, f.counterpartyId),
              ),
              and(
                eq(ledgerEntry.beneficiaryId, scope.orgId),
                eq(ledgerEntry.organizationId, f.counterpartyId),
              ),
            )
          : undefined,
        f.kind ? eq(ledgerEntry.kind, f.kind) : undefined,
        f.dealId ? eq(ledgerEntry.dealId, f.dealId) : undefined,
        f.before ? lt(ledgerEntry.id, f.before) : undefined,
      ),
    )
    .orderBy(desc(ledgerEntry.id))
    .limit(f.limit);
}

/** One entry the scoped organization pays or receives. */
export async function selectEntry(db: Db, scope: TenantScope, id: string) {
  const [row] = await db
    .select()
    .from(ledgerEntry)
    .where(and(eq(ledgerEntry.id, id), mine(scope)));
  return row;
}

/** The entries reversing the given ones, by the id they reverse. */
export async function selectReversalsOf(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return new Map<string, EntryRow>();
  const rows = await db
    .select()
    .from(ledgerEntry)
    .where(inArray(ledgerEntry.reversesEntryId, [...ids]));
  return new Map(rows.map((r) => [r.reversesEntryId!, r]));
}

/** The organization's money settings row, if it saved one. */
export async function selectMoneySettings(db: Db, orgId: string) {
  const [row] = await db.select().from(moneySettings).where(eq(moneySettings.organizationId, orgId));
  return row;
}

/** Saves the organization's money settings. */
export async function upsertMoneySettings(
  db: Db,
  scope: TenantScope,
  values: { reportingCurrency: string; payoutMinimums: Record<string, number> },
) {
  const now = new Date();
  const [row] = await db
    .insert(moneySettings)
    .values({ organizationId: scope.orgId, ...values, updatedAt: now })
    .onConflictDoUpdate({ target: moneySettings.organizationId, set: { ...values, updatedAt: now } })
    .returning();
  return row!;
}

/** What `payerId` pays `partnerId` on referrals from it that it wins, if set. */
export async function selectReferralFeeTerm(db: Db, payerId: string, partnerId: string) {
  const [row] = await db
    .select()
    .from(referralFeeTerm)
    .where(and(eq(referralFeeTerm.organizationId, payerId), eq(referralFeeTerm.partnerId, partnerId)));
  return row;
}

/** Sets the scoped organization's referral fee to a partner (the id stays, so posted fees keep it). */
export async function upsertReferralFeeTerm(
  db: Db,
  scope: TenantScope,
  values: { id: string; partnerId: string; rateBp: number; updatedByUserId: string },
) {
  const now = new Date();
  const [row] = await db
    .insert(referralFeeTerm)
    .values({ ...values, organizationId: scope.orgId, updatedAt: now })
    .onConflictDoUpdate({
      target: [referralFeeTerm.organizationId, referralFeeTerm.partnerId],
      set: { rateBp: values.rateBp, updatedByUserId: values.updatedByUserId, updatedAt: now },
    })
    .returning();
  return row!;
}

/** Sums of the organization's entries earned in `[from, to)`, per side, kind, currency and day. */
export async function selectReportSums(db: Db, scope: TenantScope, from: Date, to: Date) {
  const day = sql<string>`to_char(${ledgerEntry.earnedAt} at time zone 'UTC', 'YYYY-MM-DD')`;
  const rows = await db
    .select({
      payerId: ledgerEntry.organizationId,
      kind: ledgerEntry.kind,
      currency: ledgerEntry.currency,
      day,
      amountMinor: sql<string>`sum(${ledgerEntry.amountMinor})`,
    })
    .from(ledgerEntry)
    .where(and(mine(scope), gte(ledgerEntry.earnedAt, from), lt(ledgerEntry.earnedAt, to)))
    .groupBy(ledgerEntry.organizationId, ledgerEntry.kind, ledgerEntry.currency, day);
  return rows.map((r) => ({
    side: r.payerId === scope.orgId ? ('payer' as const) : ('beneficiary' as const),
    kind: r.kind,
    currency: r.currency,
    day: r.day,
    amountMinor: Number(r.amountMinor),
  }));
}

/**
 * The P2P fees (with their reversals) and settlements between two organizations earned before
 * `before`, as signed sums per payer, kind (`fee` or `settlement`), currency and month.
 */
export async function selectPairSums(db: Db, a: string, b: string, before: Date) {
  const original = alias(ledgerEntry, 'original');
  const month = sql<string>`to_char(${ledgerEntry.earnedAt} at time zone 'UTC', 'YYYY-MM')`;
  const kind = sql<'fee' | 'settlement'>`case when ${ledgerEntry.kind} = 'settlement' then 'settlement'
    else 'fee' end`;
  const rows = await db
    .select({
      payerId: ledgerEntry.organizationId,
      kind,
      currency: ledgerEntry.currency,
      month,
      amountMinor: sql<string>`sum(${ledgerEntry.amountMinor})`,
    })
    .from(ledgerEntry)
    .leftJoin(original, eq(original.id, ledgerEntry.reversesEntryId))
    .where(
      and(
        or(
          and(eq(ledgerEntry.organizationId, a), eq(ledgerEntry.beneficiaryId, b)),
          and(eq(ledgerEntry.organizationId, b), eq(ledgerEntry.beneficiaryId, a)),
        ),
        or(
          inArray(ledgerEntry.kind, ['p2p_fee', 'settlement']),
          and(eq(ledgerEntry.kind, 'reversal'), eq(original.kind, 'p2p_fee')),
        ),
        lt(ledgerEntry.earnedAt, before),
      ),
    )
    .groupBy(ledgerEntry.organizationId, kind, ledgerEntry.currency, month);
  return rows.map((r) => ({ ...r, amountMinor: Number(r.amountMinor) }));
}

/** The latest settlement between two organizations (its earned_at is the end of the period it settled). */
export async function selectLastSettlement(db: Db, a: string, b: string) {
  const [row] = await db
    .select()
    .from(ledgerEntry)
    .where(
      and(
        eq(ledgerEntry.kind, 'settlement'),
        eq(ledgerEntry.sourceType, 'netting'),
        or(
          and(eq(ledgerEntry.organizationId, a), eq(ledgerEntry.beneficiaryId, b)),
          and(eq(ledgerEntry.organizationId, b), eq(ledgerEntry.beneficiaryId, a)),
        ),
      ),
    )
    .orderBy(desc(ledgerEntry.earnedAt))
    .limit(1);
  return row;
}

/** Entries posted for a source (any rule and seq). */
export async function selectEntriesBySource(db: Db, sourceType: string, sourceId: string) {
  return db
    .select()
    .from(ledgerEntry)
    .where(and(eq(ledgerEntry.sourceType, sourceType), eq(ledgerEntry.sourceId, sourceId)));
}

/** Which of the given commission rules have posted at least one entry. */
export async function selectRulesThatPosted(db: Db, ruleIds: readonly string[]) {
  if (ruleIds.length === 0) return new Set<string>();
  const rows = await db
    .selectDistinct({ ruleId: ledgerEntry.ruleId })
    .from(ledgerEntry)
    .where(inArray(ledgerEntry.ruleId, [...ruleIds]));
  return new Set(rows.map((r) => r.ruleId!));
}
