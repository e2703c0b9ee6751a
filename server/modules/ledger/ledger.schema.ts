import { z } from 'zod';
import { CURRENCIES } from '../../../common/deals.ts';
import { pageQuery } from '../../http/pagination.ts';
import { RATE_PATTERN } from './ledger.fx.ts';

const id = z.string().max(64);
const orgRef = z.object({ id: z.string(), name: z.string(), slug: z.string() });
const isoDate = (what: string) => z.iso.date('Use a date like 2026-03-31').describe(what);

const currency = z
  .string()
  .trim()
  .toUpperCase()
  .refine((c) => CURRENCIES.includes(c), { message: 'Unknown currency: use an ISO 4217 code such as EUR' })
  .describe('ISO 4217 currency code');

const ENTRY_KINDS = ['commission', 'mdf', 'p2p_fee', 'reversal', 'payout', 'settlement'] as const;

export const entrySchema = z
  .object({
    id: z.string(),
    kind: z
      .enum(ENTRY_KINDS)
      .describe('commission, mdf, p2p_fee (earned); reversal (undoes one); payout, settlement (paid)'),
    mySide: z.enum(['payer', 'beneficiary']).describe('Whether your organization pays or receives it'),
    payer: orgRef,
    beneficiary: orgRef,
    amount: z
      .object({ amountMinor: z.number().int(), currency: z.string() })
      .describe('Integer minor units; negative for a reversal'),
    description: z.string(),
    sourceType: z
      .string()
      .describe(
        'What posted it: deal.deal_won, deal.referral_qualified, deal.lead_accepted, deal.p2p_fee, mdf_request, reversal, payout_statement, netting',
      ),
    sourceId: z.string().describe('The deal, MDF request, reversed entry, statement or netting period'),
    ruleId: z.string().nullable().describe('The commission rule (or referral fee term) that priced it'),
    seq: z.number().int().describe('The month of a recurring commission (0 first), or the currency index'),
    programId: z.string().nullable(),
    dealId: z.string().nullable(),
    reversesEntryId: z.string().nullable().describe('For a reversal: the entry it undoes'),
    reversedByEntryId: z.string().nullable().describe('The reversal that undid this entry, if any'),
    pending: z.boolean().describe('Still in its holding period (payable from availableAt)'),
    earnedAt: z.date(),
    availableAt: z.date().describe('End of the holding period: payable from then'),
    createdAt: z.date(),
  })
  .meta({ id: 'LedgerEntry' });

export const entryDetailSchema = entrySchema
  .extend({
    lines: z
      .array(
        z.object({
          account: z.enum(['expense', 'payable', 'cash']),
          amountMinor: z.number().int(),
          currency: z.string(),
        }),
      )
      .describe("Double-entry lines in the payer's books; they sum to zero per currency"),
    reversal: entrySchema.nullable().describe('The entry reversing this one, if any'),
  })
  .meta({ id: 'LedgerEntryDetail' });

export const listEntriesQuery = pageQuery
  .extend({
    side: z
      .enum(['payer', 'beneficiary'])
      .optional()
      .describe('payer: what your organization owes; beneficiary: what it earns (default both)'),
    counterpartyId: id.optional().describe('Only entries with this organization on the other side'),
    kind: z.enum(ENTRY_KINDS).optional(),
    dealId: id.optional().describe('Only entries of this deal'),
  })
  .strict();

export const entryParams = z.object({ id }).strict();
export const dealParams = z.object({ id }).strict();

export const clawbackBody = z
  .object({
    reason: z.string().trim().min(3).max(2000).describe('Why (the partner is told): refund, reversed win …'),
  })
  .strict();

export const entriesSchema = z.object({ data: z.array(entrySchema) });

export const moneySettingsSchema = z
  .object({
    reportingCurrency: z.string().describe('Reports convert to this currency'),
    payoutMinimums: z
      .record(z.string(), z.number().int())
      .describe('Per currency, the least (minor units) a payable balance must reach to be paid out'),
    updatedAt: z.date().nullable().describe('Null while on the defaults (EUR, no minimums)'),
  })
  .meta({ id: 'MoneySettings' });

export const moneySettingsBody = z
  .object({
    reportingCurrency: currency.optional(),
    payoutMinimums: z
      .record(
        z.string(),
        z.number().int('Minor units are integers').min(0, 'Minimums cannot be negative').max(1e15),
      )
      .superRefine((map, ctx) => {
        for (const code of Object.keys(map))
          if (!CURRENCIES.includes(code))
            ctx.addIssue({
              code: 'custom',
              path: [code],
              message: `Unknown currency "${code}": use an ISO 4217 code such as EUR`,
            });
      })
      .optional()
      .describe('Replaces the whole map: { "EUR": 5000 } pays EUR balances from 50.00'),
  })
  .strict();

export const fxRateSchema = z
  .object({
    id: z.string(),
    base: z.string(),
    quote: z.string(),
    rateDate: z.string().describe('The day the rate is for'),
    rate: z.string().describe('1 base = rate quote (a decimal string)'),
    createdAt: z.date(),
  })
  .meta({ id: 'FxRate' });

export const listRatesQuery = pageQuery
  .extend({ base: currency.optional(), quote: currency.optional() })
  .strict();

export const createRateBody = z
  .object({
    base: currency,
    quote: currency,
    rateDate: isoDate('The day the rate is for'),
    rate: z
      .string()
      .trim()
      .regex(RATE_PATTERN, 'A positive decimal like 1.0850, at most 10 decimals')
      .describe('1 base = rate quote, as a decimal string'),
  })
  .strict()
  .refine((b) => b.base !== b.quote, { message: 'Base and quote must differ', path: ['quote'] });

export const rateParams = z.object({ id }).strict();

export const importBody = z
  .string()
  .max(2_000_000)
  .describe('CSV with a header row: base,quote,date,rate (e.g. EUR,USD,2026-03-31,1.0850)');

export const importResultSchema = z.object({
  imported: z.number().int(),
  created: z.number().int(),
  updated: z.number().int().describe('Pairs and dates that had a rate: it was replaced'),
});

export const reportQuery = z
  .object({
    from: isoDate('First day (by the date entries were earned)'),
    to: isoDate('Last day, included (at most five years after from)'),
  })
  .strict();

const sumsSchema = z.object({
  currency: z.string(),
  earnedMinor: z.number().int().describe('Commissions, MDF and fees'),
  reversedMinor: z.number().int().describe('Reversals (negative)'),
  paidMinor: z.number().int().describe('Payouts and settlements'),
  netMinor: z.number().int().describe('earned + reversed'),
});
const sideSchema = z.object({
  byCurrency: z.array(sumsSchema).describe('In the original currencies'),
  total: sumsSchema.describe('Converted to the reporting currency at the rate of each entry’s date'),
});

export const reportSchema = z
  .object({
    from: z.string(),
    to: z.string(),
    reportingCurrency: z.string(),
    asBeneficiary: sideSchema.describe('What your organization earned'),
    asPayer: sideSchema.describe('What your organization owes its partners'),
  })
  .meta({ id: 'LedgerReport' });

export const partnershipParams = z.object({ id }).strict();

export const referralFeeSchema = z
  .object({
    partnershipId: z.string(),
    partner: orgRef,
    rateBp: z
      .number()
      .int()
      .nullable()
      .describe('What you pay the partner on its referrals you win (basis points; null: none)'),
    partnerRateBp: z.number().int().nullable().describe('What the partner pays you on yours'),
    updatedAt: z.date().nullable(),
  })
  .meta({ id: 'ReferralFee' });

export const referralFeeBody = z
  .object({
    rateBp: z
      .number()
      .int()
      .min(0, 'Between 0 and 10000 (0–100 %)')
      .max(10000, 'Between 0 and 10000 (0–100 %)')
      .describe('Basis points of the won amount: 1000 = 10 %'),
  })
  .strict();

export const nettingQuery = z
  .object({
    from: isoDate('First day (default: the start of the month eleven months before to)').optional(),
    to: isoDate('Last day, included (default: today)').optional(),
  })
  .strict();

export const nettingSchema = z
  .object({
    partner: orgRef,
    from: z.string(),
    to: z.string(),
    months: z
      .array(
        z.object({
          month: z.string().describe('YYYY-MM'),
          currency: z.string(),
          owedToMe: z.number().int().describe('Fees the partner owes you (minor units, net of reversals)'),
          owedByMe: z.number().int().describe('Fees you owe the partner'),
          settled: z.number().int().describe('Settlements paid to you, less those you paid'),
          net: z.number().int().describe('owedToMe − owedByMe − settled: positive, the partner owes you'),
        }),
      )
      .describe('Per month and currency'),
    balances: z
      .array(z.object({ currency: z.string(), net: z.number().int() }))
      .describe('Outstanding through `to` per currency (positive: the partner owes you)'),
    headline: z.string().describe('"Contoso owes Northwind €1,200.00"'),
  })
  .meta({ id: 'Netting' });

export const settleBody = z
  .object({
    periodStart: isoDate('First day of the period settled'),
    periodEnd: isoDate('Last day of the period settled (today or earlier)'),
    externalReference: z.string().trim().min(1).max(200).optional().describe('Bank transfer reference'),
  })
  .strict();
