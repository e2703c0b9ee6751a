import { z } from 'zod';
import { pageQuery } from '../../http/pagination.ts';

const id = z.string().max(64);
const orgRef = z.object({ id: z.string(), name: z.string(), slug: z.string() });
const day = (what: string) => z.iso.date('Use a date like 2026-03-31').describe(`${what} (YYYY-MM-DD, UTC)`);

const money = z
  .object({
    currency: z.string().describe('ISO 4217 currency code'),
    amountMinor: z.number().int().describe('Integer minor units (cents); negative for reversals'),
  })
  .meta({ id: 'PayoutMoney' });

const statusCounts = z
  .object({ open: z.number().int(), paid: z.number().int(), failed: z.number().int() })
  .describe('How many statements are in each state');

/** The states of a payout statement. */
export const STATEMENT_STATUSES = ['open', 'paid', 'failed'] as const;
/** Where an earning stands: held back, payable, on an open statement, or paid. */
export const EARNING_STATES = ['pending', 'payable', 'in_payout', 'paid'] as const;

export const runPayoutBody = z
  .object({
    periodStart: day(
      'First day of the period (a label: earlier entries not paid yet, rolled over or released, are taken too)',
    ),
    periodEnd: day(
      'Last day of the period, today or earlier: every payable entry available by the end of this day is taken',
    ),
  })
  .strict();

export const payoutParams = z.object({ id }).strict();
export const statementParams = z.object({ id, statementId: id }).strict();
export const earningStatementParams = z.object({ id }).strict();

export const listPayoutsQuery = pageQuery.strict();

export const payableQuery = z
  .object({
    beneficiaryId: id.optional().describe('Only this partner'),
  })
  .strict();

export const earningsQuery = pageQuery
  .extend({
    vendorId: id.optional().describe('Only what this organization (the payer) owes you'),
    state: z.enum(EARNING_STATES).optional().describe('Only entries in this state'),
  })
  .strict();

export const earningStatementsQuery = pageQuery
  .extend({ vendorId: id.optional().describe('Only statements from this payer') })
  .strict();

export const paidBody = z
  .object({
    externalReference: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .describe('The reference of the bank transfer or payment (shown to the partner)'),
  })
  .strict();

export const failedBody = z
  .object({
    reason: z.string().trim().min(1).max(2000).describe('Why the payment failed (shown to the partner)'),
  })
  .strict();

export const payoutSummarySchema = z
  .object({
    id: z.string(),
    periodStart: z.string(),
    periodEnd: z.string(),
    runBy: z.object({ id: z.string(), name: z.string() }).nullable().describe('Who ran it'),
    createdAt: z.date(),
    statementCount: z.number().int(),
    totals: z.array(money).describe('Per currency, over its open and paid statements (failed ones released)'),
    statusCounts,
  })
  .meta({ id: 'PayoutSummary' });

export const statementSchema = z
  .object({
    id: z.string(),
    payoutId: z.string(),
    periodStart: z.string(),
    periodEnd: z.string(),
    payer: orgRef.describe('Who pays (the vendor)'),
    beneficiary: orgRef.describe('Who is paid (the partner)'),
    status: z.enum(STATEMENT_STATUSES).describe('open → paid | failed (failed lines are payable again)'),
    totals: z.array(money).describe('Per currency: the sum of its lines'),
    lineCount: z.number().int(),
    externalReference: z.string().nullable(),
    failureReason: z.string().nullable(),
    decidedAt: z.date().nullable().describe('When it was marked paid or failed'),
    createdAt: z.date(),
  })
  .meta({ id: 'PayoutStatement' });

export const payoutSchema = payoutSummarySchema
  .extend({ statements: z.array(statementSchema) })
  .meta({ id: 'Payout' });

export const lineSchema = z
  .object({
    id: z.string(),
    entryId: z.string(),
    kind: z.string().describe('commission, mdf or reversal'),
    description: z.string(),
    dealId: z.string().nullable(),
    earnedAt: z.date(),
    availableAt: z.date(),
    amountMinor: z.number().int(),
    currency: z.string(),
    released: z.boolean().describe('The statement failed: the entry is payable again'),
  })
  .meta({ id: 'PayoutLine' });

export const statementDetailSchema = statementSchema
  .extend({ lines: z.array(lineSchema) })
  .meta({ id: 'PayoutStatementDetail' });

const balanceFields = {
  currency: z.string(),
  pendingMinor: z.number().int().describe('Earned, still inside the holding period'),
  payableMinor: z.number().int().describe('Available and not on a payout yet (reversals count negative)'),
  inPayoutMinor: z.number().int().describe('On an open payout statement'),
  paidMinor: z.number().int().describe('On a paid statement'),
};

export const earningsBalanceSchema = z
  .object({ vendor: orgRef.describe('Who owes it'), ...balanceFields })
  .meta({ id: 'EarningsBalance' });

export const payableBalanceSchema = z
  .object({
    partner: orgRef.describe('Who is owed'),
    ...balanceFields,
    minimumMinor: z.number().int().describe('Your minimum payout in this currency'),
    wouldPay: z.boolean().describe('A payout run now would pay the payable amount (above the minimum)'),
  })
  .meta({ id: 'PayableBalance' });

export const earningEntrySchema = z
  .object({
    id: z.string(),
    vendor: orgRef,
    kind: z.string(),
    description: z.string(),
    dealId: z.string().nullable(),
    amountMinor: z.number().int(),
    currency: z.string(),
    earnedAt: z.date(),
    availableAt: z.date(),
    state: z.enum(EARNING_STATES),
    statementId: z.string().nullable().describe('The statement it is on (open or paid), if any'),
  })
  .meta({ id: 'EarningEntry' });

export const earningsSchema = z
  .object({
    balances: z.array(earningsBalanceSchema).describe('Per payer and currency'),
    data: z.array(earningEntrySchema).describe('A page of entries, newest first'),
    nextCursor: z.string().nullable().describe('Cursor of the next page of entries, or null'),
  })
  .meta({ id: 'Earnings' });

export type RunPayoutInput = z.infer<typeof runPayoutBody>;
export type EarningState = (typeof EARNING_STATES)[number];
