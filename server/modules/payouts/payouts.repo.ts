// Payouts read the ledger's tables (ledger_entry, money_settings) to find what is payable and to
// show earnings; they never write them: payments are posted through the ledger's `postEntries`.
import { and, asc, desc, eq, gt, inArray, isNull, lt, lte, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import {
  ledgerEntry,
  moneySettings,
  payout,
  payoutLine,
  payoutStatement,
  user,
} from '../../db/schema/index.ts';
import { inTenant, type TenantScope } from '../../db/tenant.ts';
import type { EarningState } from './payouts.schema.ts';

/** A stored payout. */
export type PayoutRow = typeof payout.$inferSelect;
/** A stored statement with its payout's period. */
export type StatementRow = typeof payoutStatement.$inferSelect & { periodStart: string; periodEnd: string };
/** A ledger entry as payouts see it. */
export type EntryRow = typeof ledgerEntry.$inferSelect;

/**
 * The ledger kinds a payout pays. P2P fees (and reversals of them) are settled by netting between
 * the two partners, never by a payout.
 */
export const PAYABLE_KINDS = ['commission', 'mdf', 'reversal'] as const;

const payableKind = (): SQL =>
  and(
    inArray(ledgerEntry.kind, [...PAYABLE_KINDS]),
    sql`not exists (select 1 from ledger_entry o where o.id = ${ledgerEntry.reversesEntryId} and o.kind = 'p2p_fee')`,
  )!;

// The live line of an entry (at most one: payout_line_live_uq) and its statement.
const liveLine = and(eq(payoutLine.entryId, ledgerEntry.id), isNull(payoutLine.releasedAt));
const ts = (d: Date) => sql`${d.toISOString()}::timestamptz`;
const stateOf = (now: Date) =>
  sql<EarningState>`case when ${payoutStatement.status} = 'paid' then 'paid'
    when ${payoutStatement.status} = 'open' then 'in_payout'
    when ${ledgerEntry.availableAt} > ${ts(now)} then 'pending' else 'payable' end`;
const sumWhere = (cond: SQL) =>
  sql`coalesce(sum(case when ${cond} then ${ledgerEntry.amountMinor} else 0 end), 0)`.mapWith(Number);

/** The payout of the scoped payer whose period ends on `periodEnd`, if one was run. */
export async function selectPayoutByPeriod(db: Db, scope: TenantScope, periodEnd: string) {
  const [row] = await db
    .select()
    .from(payout)
    .where(inTenant(payout, scope, eq(payout.periodEnd, periodEnd)));
  return row;
}

/** Inserts a payout (payout_period_uq refuses a second one for the same period end). */
export async function insertPayout(db: Db, row: typeof payout.$inferInsert) {
  const [created] = await db.insert(payout).values(row).returning();
  return created!;
}

/**
 * The scoped payer's payable entries available before `cutoff` that are on no live line. Not
 * locked: a concurrent run that takes the same entry fails on payout_line_live_uq instead.
 */
export async function selectPayableEntries(db: Db, scope: TenantScope, cutoff: Date) {
  const rows = await db
    .select({ e: ledgerEntry })
    .from(ledgerEntry)
    .leftJoin(payoutLine, liveLine)
    .where(
      and(
        eq(ledgerEntry.organizationId, scope.orgId),
        payableKind(),
        lt(ledgerEntry.availableAt, cutoff),
        isNull(payoutLine.id),
      ),
    )
    .orderBy(asc(ledgerEntry.id));
  return rows.map((r) => r.e);
}

/** The scoped organization's minimum payout per currency (minor units). */
export async function selectPayoutMinimums(db: Db, scope: TenantScope): Promise<Record<string, number>> {
  const [row] = await db
    .select({ m: moneySettings.payoutMinimums })
    .from(moneySettings)
    .where(inTenant(moneySettings, scope));
  const out: Record<string, number> = {};
  for (const [currency, v] of Object.entries((row?.m ?? {}) as Record<string, unknown>))
    if (typeof v === 'number' && Number.isFinite(v)) out[currency] = v;
  return out;
}

/** Inserts statements. */
export async function insertStatements(db: Db, rows: (typeof payoutStatement.$inferInsert)[]) {
  if (rows.length) await db.insert(payoutStatement).values(rows);
}

/** Inserts lines; payout_line_live_uq refuses an entry that is on another live line. */
export async function insertLines(db: Db, rows: (typeof payoutLine.$inferInsert)[]) {
  if (rows.length) await db.insert(payoutLine).values(rows);
}

/** A page of the scoped payer's payouts, newest first. */
export async function selectPayouts(db: Db, scope: TenantScope, opts: { limit: number; before?: string }) {
  return db
    .select()
    .from(payout)
    .where(inTenant(payout, scope, opts.before ? lt(payout.id, opts.before) : undefined))
    .orderBy(desc(payout.id))
    .limit(opts.limit);
}

/** One payout of the scoped payer. */
export async function selectPayout(db: Db, scope: TenantScope, id: string) {
  const [row] = await db
    .select()
    .from(payout)
    .where(inTenant(payout, scope, eq(payout.id, id)));
  return row;
}

/** Statement count per status and line totals per currency (open and paid statements) of payouts. */
export async function selectPayoutAggregates(db: Db, payoutIds: string[]) {
  if (payoutIds.length === 0) return { counts: [], totals: [] };
  const counts = await db
    .select({
      payoutId: payoutStatement.payoutId,
      status: payoutStatement.status,
      n: sql`count(*)`.mapWith(Number),
    })
    .from(payoutStatement)
    .where(inArray(payoutStatement.payoutId, payoutIds))
    .groupBy(payoutStatement.payoutId, payoutStatement.status);
  const totals = await db
    .select({
      payoutId: payoutStatement.payoutId,
      currency: payoutLine.currency,
      amountMinor: sql`sum(${payoutLine.amountMinor})`.mapWith(Number),
    })
    .from(payoutLine)
    .innerJoin(payoutStatement, eq(payoutStatement.id, payoutLine.statementId))
    .where(
      and(inArray(payoutStatement.payoutId, payoutIds), inArray(payoutStatement.status, ['open', 'paid'])),
    )
    .groupBy(payoutStatement.payoutId, payoutLine.currency);
  return { counts, totals };
}

const statementColumns = {
  id: payoutStatement.id,
  organizationId: payoutStatement.organizationId,
  payoutId: payoutStatement.payoutId,
  beneficiaryId: payoutStatement.beneficiaryId,
  status: payoutStatement.status,
  externalReference: payoutStatement.externalReference,
  failureReason: payoutStatement.failureReason,
  decidedByUserId: payoutStatement.decidedByUserId,
  decidedAt: payoutStatement.decidedAt,
  createdAt: payoutStatement.createdAt,
  periodStart: payout.periodStart,
  periodEnd: payout.periodEnd,
};

/** The statements of one of the scoped payer's payouts. */
export async function selectPayoutStatements(db: Db, scope: TenantScope, payoutId: string) {
  return db
    .select(statementColumns)
    .from(payoutStatement)
    .innerJoin(payout, eq(payout.id, payoutStatement.payoutId))
    .where(inTenant(payoutStatement, scope, eq(payoutStatement.payoutId, payoutId)))
    .orderBy(asc(payoutStatement.id));
}

/** One statement of one of the scoped payer's payouts (locked for a decision when `forUpdate`). */
export async function selectPayerStatement(
  db: Db,
  scope: TenantScope,
  payoutId: string,
  statementId: string,
  forUpdate = false,
): Promise<StatementRow | undefined> {
  const query = db
    .select(statementColumns)
    .from(payoutStatement)
    .innerJoin(payout, eq(payout.id, payoutStatement.payoutId))
    .where(
      inTenant(
        payoutStatement,
        scope,
        eq(payoutStatement.id, statementId),
        eq(payoutStatement.payoutId, payoutId),
      ),
    );
  const [row] = await (forUpdate ? query.for('update', { of: payoutStatement }) : query);
  return row;
}

/** A page of statements paying the scoped organization (the beneficiary), newest first. */
export async function selectBeneficiaryStatements(
  db: Db,
  scope: TenantScope,
  opts: { vendorId?: string; limit: number; before?: string },
) {
  return db
    .select(statementColumns)
    .from(payoutStatement)
    .innerJoin(payout, eq(payout.id, payoutStatement.payoutId))
    .where(
      and(
        eq(payoutStatement.beneficiaryId, scope.orgId),
        opts.vendorId ? eq(payoutStatement.organizationId, opts.vendorId) : undefined,
        opts.before ? lt(payoutStatement.id, opts.before) : undefined,
      ),
    )
    .orderBy(desc(payoutStatement.id))
    .limit(opts.limit);
}

/** One statement paying the scoped organization (the beneficiary). */
export async function selectBeneficiaryStatement(db: Db, scope: TenantScope, id: string) {
  const [row] = await db
    .select(statementColumns)
    .from(payoutStatement)
    .innerJoin(payout, eq(payout.id, payoutStatement.payoutId))
    .where(and(eq(payoutStatement.beneficiaryId, scope.orgId), eq(payoutStatement.id, id)));
  return row;
}

/** Line count and totals per currency of statements. */
export async function selectStatementTotals(db: Db, statementIds: string[]) {
  if (statementIds.length === 0) return [];
  return db
    .select({
      statementId: payoutLine.statementId,
      currency: payoutLine.currency,
      amountMinor: sql`sum(${payoutLine.amountMinor})`.mapWith(Number),
      lines: sql`count(*)`.mapWith(Number),
    })
    .from(payoutLine)
    .where(inArray(payoutLine.statementId, statementIds))
    .groupBy(payoutLine.statementId, payoutLine.currency);
}

/** The lines of statements with their ledger entries, in entry order. */
export async function selectStatementLines(db: Db, statementIds: string[]) {
  if (statementIds.length === 0) return [];
  return db
    .select({
      id: payoutLine.id,
      statementId: payoutLine.statementId,
      entryId: payoutLine.entryId,
      currency: payoutLine.currency,
      amountMinor: payoutLine.amountMinor,
      releasedAt: payoutLine.releasedAt,
      kind: ledgerEntry.kind,
      description: ledgerEntry.description,
      dealId: ledgerEntry.dealId,
      earnedAt: ledgerEntry.earnedAt,
      availableAt: ledgerEntry.availableAt,
    })
    .from(payoutLine)
    .innerJoin(ledgerEntry, eq(ledgerEntry.id, payoutLine.entryId))
    .where(inArray(payoutLine.statementId, statementIds))
    .orderBy(asc(payoutLine.statementId), asc(payoutLine.entryId));
}

/** Records a statement's decision (the caller holds its lock). */
export async function updateStatement(
  db: Db,
  id: string,
  patch: Pick<
    Partial<typeof payoutStatement.$inferInsert>,
    'status' | 'externalReference' | 'failureReason' | 'decidedByUserId' | 'decidedAt'
  >,
) {
  await db.update(payoutStatement).set(patch).where(eq(payoutStatement.id, id));
}

/** Releases a failed statement's lines: their entries are payable again. */
export async function releaseLines(db: Db, statementId: string, at: Date) {
  await db
    .update(payoutLine)
    .set({ releasedAt: at })
    .where(and(eq(payoutLine.statementId, statementId), isNull(payoutLine.releasedAt)));
}

/** Whose side a balance or entry query takes: what the scoped org pays, or what it is paid. */
export type Side =
  | { as: 'payer'; scope: TenantScope; counterpartyId?: string }
  | { as: 'beneficiary'; scope: TenantScope; counterpartyId?: string };

const sideWhere = (side: Side): SQL =>
  side.as === 'payer'
    ? and(
        eq(ledgerEntry.organizationId, side.scope.orgId),
        side.counterpartyId ? eq(ledgerEntry.beneficiaryId, side.counterpartyId) : undefined,
      )!
    : and(
        eq(ledgerEntry.beneficiaryId, side.scope.orgId),
        side.counterpartyId ? eq(ledgerEntry.organizationId, side.counterpartyId) : undefined,
      )!;

/** Pending / payable / in payout / paid per payer, beneficiary and currency, as of `now`. */
export async function selectBalances(db: Db, side: Side, now: Date) {
  const free = isNull(payoutStatement.id);
  return db
    .select({
      payerId: ledgerEntry.organizationId,
      beneficiaryId: ledgerEntry.beneficiaryId,
      currency: ledgerEntry.currency,
      pendingMinor: sumWhere(and(free, gt(ledgerEntry.availableAt, now))!),
      payableMinor: sumWhere(and(free, lte(ledgerEntry.availableAt, now))!),
      inPayoutMinor: sumWhere(eq(payoutStatement.status, 'open')),
      paidMinor: sumWhere(eq(payoutStatement.status, 'paid')),
    })
    .from(ledgerEntry)
    .leftJoin(payoutLine, liveLine)
    .leftJoin(payoutStatement, eq(payoutStatement.id, payoutLine.statementId))
    .where(and(sideWhere(side), payableKind()))
    .groupBy(ledgerEntry.organizationId, ledgerEntry.beneficiaryId, ledgerEntry.currency)
    .orderBy(ledgerEntry.organizationId, ledgerEntry.beneficiaryId, ledgerEntry.currency);
}

/** A page of entries with their state as of `now`, newest first. */
export async function selectEntriesWithState(
  db: Db,
  side: Side,
  now: Date,
  opts: { state?: EarningState; limit: number; before?: string },
) {
  const state = stateOf(now);
  return db
    .select({
      e: ledgerEntry,
      state,
      statementId: payoutStatement.id,
    })
    .from(ledgerEntry)
    .leftJoin(payoutLine, liveLine)
    .leftJoin(payoutStatement, eq(payoutStatement.id, payoutLine.statementId))
    .where(
      and(
        sideWhere(side),
        payableKind(),
        opts.state ? sql`(${state}) = ${opts.state}` : undefined,
        opts.before ? lt(ledgerEntry.id, opts.before) : undefined,
      ),
    )
    .orderBy(desc(ledgerEntry.id))
    .limit(opts.limit);
}

/** Id and name of users. */
export async function selectUserNames(db: Db, ids: readonly (string | null)[]) {
  const wanted = [...new Set(ids.filter((id): id is string => !!id))];
  if (wanted.length === 0) return new Map<string, string>();
  const rows = await db.select({ id: user.id, name: user.name }).from(user).where(inArray(user.id, wanted));
  return new Map(rows.map((r) => [r.id, r.name]));
}
