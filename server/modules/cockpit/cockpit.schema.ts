import { z } from 'zod';

const id = z.string().max(64);
const day = (what: string) => z.iso.date('Use a date like 2026-03-31').describe(`${what} (YYYY-MM-DD, UTC)`);

/** An amount in the organization's reporting currency. */
export const moneySchema = z
  .object({
    amountMinor: z.number().int().describe('Integer minor units (cents)'),
    currency: z.string().describe('ISO 4217 code: the reporting currency'),
  })
  .meta({ id: 'CockpitMoney' });

const share = (what: string) =>
  z.number().min(0).max(1).nullable().describe(`${what} (0..1; null: nothing to divide by)`);
const days = (what: string) => z.number().nullable().describe(`${what}, in days (null: no deal to measure)`);
const orgRef = z.object({ id: z.string(), name: z.string() });
const userRef = z.object({
  id: z.string(),
  name: z.string(),
  role: z.string().describe('Role in the organization'),
});

/** The filters the cockpit and its export take. */
export const cockpitQuery = z
  .object({
    from: day('First day of the period; default: 12 months before `to`').optional(),
    to: day('Last day of the period; default: today').optional(),
    programId: id.optional().describe('Only partners enrolled (active) in this program of yours'),
    tierId: id.optional().describe('Only partners currently at this tier of one of your programs'),
    region: z
      .string()
      .max(10)
      .optional()
      .describe(
        'Only partners serving this UN M49 region or sub-region (e.g. 150 Europe, 154 Northern Europe)',
      ),
    industry: z.string().max(10).optional().describe('Only partners in this NAICS sector (e.g. 62)'),
    allianceManagerId: id
      .optional()
      .describe('Only partnerships this user (or someone reporting to them) owns: a user id'),
  })
  .strict();

/** A query of the cockpit. */
export type CockpitQuery = z.infer<typeof cockpitQuery>;

const winRate = z
  .object({
    partner: share('Partner deals won / partner deals won or lost'),
    direct: share('Direct deals won / direct deals won or lost'),
  })
  .describe('Win rate with vs without partners');

const kpis = z.object({
  partnerSourced: z.object({ revenue: moneySchema, deals: z.number().int() }),
  partnerInfluenced: z.object({ revenue: moneySchema, deals: z.number().int() }),
  direct: z
    .object({ revenue: moneySchema, deals: z.number().int() })
    .nullable()
    .describe('Null in an alliance manager’s portfolio scope (direct deals belong to no portfolio)'),
  channelShare: share('(Sourced + influenced) / all won revenue'),
  activePartners: z.object({
    active: z.number().int(),
    total: z.number().int().describe('Partners at the end of the period'),
    ratio: share('Active / total'),
  }),
  activation: z.object({
    joined: z.number().int().describe('Partners that joined in the period'),
    activated: z.number().int().describe('… of which have a won or approved deal since joining'),
    rate: share('Activated / joined'),
  }),
  timeToFirstDeal: z.object({ medianDays: days('Median'), partners: z.number().int() }),
  winRate,
  avgDealSize: z.object({ partner: moneySchema.nullable(), direct: moneySchema.nullable() }),
  timeToClose: z.object({
    partner: days('Median for won partner deals'),
    direct: days('Median for won direct deals'),
  }),
  concentration: z.object({
    top10Share: share('Share of partner-sourced revenue from the ten biggest partners'),
    hhi: z.number().int().nullable().describe('Σ share² × 10,000 over partners (0–10,000; null: no revenue)'),
    top: z
      .array(z.object({ partner: orgRef, revenue: moneySchema, share: z.number() }))
      .describe('The ten biggest partners by partner-sourced revenue'),
  }),
  costOfIndirect: z.object({
    commissions: moneySchema,
    discounts: moneySchema,
    mdf: moneySchema,
    total: moneySchema,
    partnerRevenue: moneySchema,
    costBps: z.number().int().nullable().describe('Total / partner revenue in basis points'),
    directCostOfSaleBps: z.number().int().describe('Your configured direct cost of sale'),
  }),
  p2p: z.object({
    revenue: moneySchema.describe('Won referrals, received and sent'),
    share: share('P2P revenue / all partner revenue (including referrals you sent)'),
  }),
});

const tierRow = z.object({
  program: orgRef,
  tier: z.object({ id: z.string(), name: z.string(), rank: z.number().int() }).nullable(),
  partners: z.number().int(),
});

const trendRow = z.object({
  month: z.string().describe('YYYY-MM'),
  sourced: moneySchema,
  influenced: moneySchema,
  direct: moneySchema.nullable(),
  channelShare: share('Channel share of the month'),
  activePartners: z
    .number()
    .int()
    .describe('Partners with a deal event in the 12 months up to the month’s end'),
  newPartners: z.number().int(),
  wonDeals: z.number().int(),
});

const rollupRow = z.object({
  user: userRef,
  partners: z.number().int().describe('Live partnerships the person owns'),
  sourced: moneySchema,
  influenced: moneySchema,
  wonDeals: z.number().int(),
  winRate: share('Won / won or lost partner deals'),
});

/** The cockpit. */
export const cockpitSchema = z.object({
  period: z.object({ from: z.string(), to: z.string() }),
  currency: z.string().describe('The reporting currency every amount is in'),
  scope: z.enum(['organization', 'portfolio']),
  filters: z.object({
    programId: z.string().nullable(),
    tierId: z.string().nullable(),
    region: z.string().nullable(),
    industry: z.string().nullable(),
    allianceManagerId: z.string().nullable(),
  }),
  definitions: z.record(z.string(), z.string()).describe('How each number is computed, in words'),
  kpis,
  trend: z.array(trendRow),
  tiers: z.array(tierRow),
  rollup: z.array(rollupRow),
});

/** The cockpit as the API returns it. */
export type Cockpit = z.infer<typeof cockpitSchema>;

export const settingsSchema = z.object({
  directCostOfSaleBps: z.number().int().describe('Cost of a direct sale as a share of its revenue (bp)'),
  updatedAt: z.string().nullable(),
});

export const settingsBody = z
  .object({
    directCostOfSaleBps: z
      .number()
      .int()
      .min(0)
      .max(10_000)
      .describe('Cost of a direct sale as a share of its revenue, in basis points (1,500 = 15 %)'),
  })
  .strict();

export const amQuery = z
  .object({ userId: id.optional().describe('Whose view (a user id); default: yours') })
  .strict();

const dealRef = z.object({ id: z.string(), title: z.string(), kind: z.string(), status: z.string() });

/** The alliance manager view. */
export const amViewSchema = z.object({
  user: userRef,
  currency: z.string(),
  portfolio: z.array(
    z.object({
      partner: orgRef,
      partnershipId: z.string(),
      status: z.string(),
      since: z.string().nullable(),
      owner: z.object({ id: z.string(), name: z.string() }).nullable(),
      trust: z.number().int().nullable().describe('Trust score 0–100 (insights), null until computed'),
      wonDeals: z.number().int().describe('Won in the trailing 12 months'),
      wonRevenue: moneySchema,
      openDeals: z.number().int(),
      lastActivityAt: z.string().nullable().describe('Last deal event with this partner'),
    }),
  ),
  goingInactive: z.array(
    z.object({
      partner: orgRef,
      lastActivityAt: z.string(),
      daysSince: z.number().int(),
      inactiveOn: z.string().describe('When it stops counting as active without a new deal event'),
    }),
  ),
  openSla: z.array(
    z.object({
      deal: dealRef,
      partner: orgRef,
      dueAt: z.string().nullable(),
      overdue: z.boolean(),
    }),
  ),
  expiringProtections: z.array(
    z.object({
      deal: dealRef,
      partner: orgRef,
      side: z.enum(['vendor', 'partner']).describe('vendor: you granted it; partner: you hold it'),
      endsAt: z.string(),
    }),
  ),
  recommendations: z
    .array(
      z.object({
        candidate: z.object({
          id: z.string(),
          name: z.string(),
          countries: z.array(z.string()),
          industries: z.array(z.string()),
        }),
        score: z.number(),
        reasons: z.array(z.object({ kind: z.string(), text: z.string() })),
      }),
    )
    .describe('The five best partner recommendations (insights), without dismissed and snoozed ones'),
});
