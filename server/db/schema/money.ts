import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { organization, user } from './auth.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const orgRef = (name: string) => text(name).references(() => organization.id, { onDelete: 'cascade' });
// Ledger rows outlive nothing: an organization with money history cannot be deleted from under it.
const keptOrgRef = (name: string) => text(name).references(() => organization.id, { onDelete: 'restrict' });
const userRef = (name: string) => text(name).references(() => user.id, { onDelete: 'set null' });

/** An organization's money settings: reporting currency and minimum payout per currency. */
export const moneySettings = pgTable('money_settings', {
  organizationId: orgRef('organization_id').primaryKey(),
  reportingCurrency: text('reporting_currency').notNull().default('EUR'),
  /** { "EUR": 5000 }: below it a partner's payable balance in that currency rolls over. */
  payoutMinimums: jsonb('payout_minimums').notNull().default({}),
  updatedAt: ts('updated_at').notNull().defaultNow(),
});

/** A dated exchange rate an organization entered or imported: 1 `base` = `rate` `quote`. */
export const fxRate = pgTable(
  'fx_rate',
  {
    id: text('id').primaryKey(),
    organizationId: orgRef('organization_id').notNull(),
    base: text('base').notNull(),
    quote: text('quote').notNull(),
    rateDate: date('rate_date', { mode: 'string' }).notNull(),
    rate: numeric('rate', { precision: 24, scale: 10 }).notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('fx_rate_uq').on(t.organizationId, t.base, t.quote, t.rateDate),
    check('fx_rate_pair', sql`${t.base} <> ${t.quote}`),
    check('fx_rate_positive', sql`${t.rate} > 0`),
  ],
);

/**
 * One posting of the append-only ledger: `organization_id` owes `beneficiary_id` `amount_minor`
 * (negative for a reversal). It names its source (`source_type`/`source_id`: a won deal, a
 * qualified referral, an MDF claim, a payout statement, a netting period, the entry it reverses)
 * and the rule that priced it; the unique index on source, rule and `seq` (the month of a
 * recurring commission, the currency of a payout) is what makes posting the same event twice
 * impossible. Pending until `available_at` (holding period), payable after. Triggers reject every
 * UPDATE and DELETE; corrections are reversing entries.
 */
export const ledgerEntry = pgTable(
  'ledger_entry',
  {
    id: text('id').primaryKey(),
    /** Who pays (the vendor; for a P2P fee the partner that won the referral). */
    organizationId: keptOrgRef('organization_id').notNull(),
    beneficiaryId: keptOrgRef('beneficiary_id').notNull(),
    kind: text('kind').notNull(),
    currency: text('currency').notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    sourceType: text('source_type').notNull(),
    sourceId: text('source_id').notNull(),
    ruleId: text('rule_id'),
    seq: integer('seq').notNull().default(0),
    reversesEntryId: text('reverses_entry_id'),
    programId: text('program_id'),
    dealId: text('deal_id'),
    description: text('description').notNull(),
    earnedAt: ts('earned_at').notNull(),
    availableAt: ts('available_at').notNull(),
    createdByUserId: text('created_by_user_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('ledger_entry_source_uq').on(t.sourceType, t.sourceId, sql`coalesce(${t.ruleId}, '')`, t.seq),
    uniqueIndex('ledger_entry_reverses_uq').on(t.reversesEntryId),
    index('ledger_entry_payer_idx').on(t.organizationId, t.beneficiaryId, t.availableAt),
    index('ledger_entry_beneficiary_idx').on(t.beneficiaryId, t.id),
    index('ledger_entry_deal_idx').on(t.dealId),
    check(
      'ledger_entry_kind',
      sql`${t.kind} in ('commission','mdf','p2p_fee','reversal','payout','settlement')`,
    ),
    check('ledger_entry_parties', sql`${t.organizationId} <> ${t.beneficiaryId}`),
    check('ledger_entry_nonzero', sql`${t.amountMinor} <> 0`),
  ],
);

/**
 * The double-entry lines of a ledger entry, in the payer's books: `expense` (what the partner
 * business cost), `payable` (owed to the beneficiary, a liability: credits are negative) and
 * `cash`. A deferred constraint trigger checks at commit that each entry's lines sum to zero per
 * currency; like entries, lines are never updated or deleted.
 */
export const ledgerLine = pgTable(
  'ledger_line',
  {
    id: text('id').primaryKey(),
    entryId: text('entry_id')
      .notNull()
      .references(() => ledgerEntry.id, { onDelete: 'restrict' }),
    organizationId: keptOrgRef('organization_id').notNull(),
    account: text('account').notNull(),
    currency: text('currency').notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
  },
  (t) => [
    index('ledger_line_entry_idx').on(t.entryId),
    check('ledger_line_account', sql`${t.account} in ('expense','payable','cash')`),
  ],
);

/** A payout run by a payer's finance user: every payable entry available before `period_end`. */
export const payout = pgTable(
  'payout',
  {
    id: text('id').primaryKey(),
    organizationId: orgRef('organization_id').notNull(),
    periodStart: date('period_start', { mode: 'string' }).notNull(),
    periodEnd: date('period_end', { mode: 'string' }).notNull(),
    runByUserId: userRef('run_by_user_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('payout_period_uq').on(t.organizationId, t.periodEnd),
    check('payout_period', sql`${t.periodEnd} >= ${t.periodStart}`),
  ],
);

/** One partner's statement in a payout: open → paid (with an external reference) | failed. */
export const payoutStatement = pgTable(
  'payout_statement',
  {
    id: text('id').primaryKey(),
    organizationId: orgRef('organization_id').notNull(),
    payoutId: text('payout_id')
      .notNull()
      .references(() => payout.id, { onDelete: 'cascade' }),
    beneficiaryId: orgRef('beneficiary_id').notNull(),
    status: text('status').notNull().default('open'),
    externalReference: text('external_reference'),
    failureReason: text('failure_reason'),
    decidedByUserId: userRef('decided_by_user_id'),
    decidedAt: ts('decided_at'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('payout_statement_uq').on(t.payoutId, t.beneficiaryId),
    index('payout_statement_beneficiary_idx').on(t.beneficiaryId, t.id),
    check('payout_statement_status', sql`${t.status} in ('open','paid','failed')`),
  ],
);

/**
 * A ledger entry on a statement. The partial unique index keeps an entry on at most one live
 * statement, so two payout runs at once cannot both take it; a failed statement releases its
 * lines (`released_at`) and the amounts are payable again.
 */
export const payoutLine = pgTable(
  'payout_line',
  {
    id: text('id').primaryKey(),
    organizationId: orgRef('organization_id').notNull(),
    statementId: text('statement_id')
      .notNull()
      .references(() => payoutStatement.id, { onDelete: 'cascade' }),
    entryId: text('entry_id')
      .notNull()
      .references(() => ledgerEntry.id, { onDelete: 'restrict' }),
    currency: text('currency').notNull(),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    releasedAt: ts('released_at'),
  },
  (t) => [
    uniqueIndex('payout_line_live_uq').on(t.entryId).where(sql`${t.releasedAt} is null`),
    index('payout_line_statement_idx').on(t.statementId),
  ],
);

/**
 * The fee an organization pays a partner on referrals from that partner it wins (P2P), set by the
 * payer. Both directions of a pair together are what netting balances.
 */
export const referralFeeTerm = pgTable(
  'referral_fee_term',
  {
    id: text('id').primaryKey(),
    /** Who pays: the receiver of the referrals. */
    organizationId: orgRef('organization_id').notNull(),
    partnerId: orgRef('partner_id').notNull(),
    rateBp: integer('rate_bp').notNull(),
    updatedByUserId: userRef('updated_by_user_id'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('referral_fee_term_uq').on(t.organizationId, t.partnerId),
    check('referral_fee_term_rate', sql`${t.rateBp} between 0 and 10000`),
  ],
);
