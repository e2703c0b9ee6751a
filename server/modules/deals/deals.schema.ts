import { z } from 'zod';
import {
  ALL_DEAL_STATUSES,
  CONFLICT_OUTCOMES,
  CURRENCIES,
  DEAL_ATTRIBUTIONS,
  DEAL_KINDS,
} from '../../../common/deals.ts';
import { isFacetValue } from '../../../common/taxonomy/index.ts';
import { pageQuery } from '../../http/pagination.ts';

const id = z.string().max(64);
const orgRef = z.object({ id: z.string(), name: z.string(), slug: z.string() });

/** Money in integer minor units of an ISO 4217 currency. */
export const currencySchema = z
  .string()
  .trim()
  .toUpperCase()
  .refine((c) => CURRENCIES.includes(c), { message: 'Unknown currency: use an ISO 4217 code such as EUR' })
  .describe('ISO 4217 currency code');

const amountMinor = z
  .number()
  .int('Amounts are integer minor units (cents): 1234.50 EUR is 123450')
  .min(0, 'Amounts cannot be negative')
  .max(1e15)
  .describe('Integer minor units (cents): 123450 is 1,234.50');

const moneySchema = z.object({ amountMinor: z.number().int(), currency: z.string() }).meta({ id: 'Money' });

const today = () => new Date().toISOString().slice(0, 10);

const expectedClose = z.iso
  .date('Use a date like 2027-03-31')
  .refine((d) => d >= today(), { message: 'The expected close date is in the past' })
  .describe('Expected close date (YYYY-MM-DD, today or later)');

const country = z
  .string()
  .trim()
  .toUpperCase()
  .refine((c) => isFacetValue('country', c), { message: 'Unknown country: use an ISO 3166 code such as SE' })
  .describe("The customer's country (ISO 3166-1 alpha-2)");

/** The customer as the sender describes it. */
const customerFields = {
  customerName: z.string().trim().min(2).max(200).describe("The customer company's name"),
  customerDomain: z
    .string()
    .trim()
    .max(253)
    .nullable()
    .default(null)
    .describe("The customer's web domain or address (www., https:// and paths are fine)"),
  customerCountry: country.nullable().default(null),
};

const dealFields = {
  ...customerFields,
  title: z.string().trim().max(200).optional().describe('A short name; defaults to the customer name'),
  contactName: z.string().trim().max(200).default('').describe('Contact person at the customer'),
  contactEmail: z
    .union([z.email().max(254), z.literal('')])
    .default('')
    .describe("The contact's e-mail"),
  need: z.string().trim().max(4000).default('').describe('What the customer needs'),
  amountMinor,
  currency: currencySchema,
  expectedClose: expectedClose.nullable().default(null),
  subscription: z
    .boolean()
    .default(false)
    .describe('A subscription: the amounts are per month (recurring commissions pay on it)'),
};

export const createReferralBody = z
  .object({ partnerId: id.describe('The partner organization that receives the lead'), ...dealFields })
  .strict();

export const createRegistrationBody = z
  .object({
    vendorId: id.describe('The vendor you register the opportunity with'),
    submit: z.boolean().default(true).describe('Submit now (default) or keep as a draft'),
    ...dealFields,
  })
  .strict();

export const createOpportunityBody = z.object(dealFields).strict();

export const updateDealBody = z
  .object({
    title: z.string().trim().min(1).max(200),
    contactName: dealFields.contactName.unwrap(),
    contactEmail: z.union([z.email().max(254), z.literal('')]),
    need: z.string().trim().max(4000),
    amountMinor,
    currency: currencySchema,
    expectedClose: expectedClose.nullable(),
    subscription: z.boolean(),
    customerName: customerFields.customerName,
    customerDomain: customerFields.customerDomain.unwrap(),
    customerCountry: country.nullable(),
  })
  .partial()
  .strict();

export const conflictCheckBody = z
  .object({
    vendorId: id.describe('The vendor you are about to register with'),
    ...customerFields,
    customerName: z.string().trim().max(200).describe("The customer company's name"),
    dealId: id.optional().describe('Your draft being edited (left out of the matches)'),
  })
  .strict();

export const conflictPreviewSchema = z
  .object({
    outcome: z.enum(CONFLICT_OUTCOMES).describe('clear; potential_conflict (the vendor reviews it); blocked'),
    protectedUntil: z.date().nullable().describe('When blocked: the protection ends then'),
    customerDomain: z.string().nullable().describe('The registrable domain the check used, if any'),
  })
  .meta({ id: 'ConflictPreview' });

export const transitionBody = z
  .object({
    to: z.enum(ALL_DEAL_STATUSES).describe('The state to move to'),
    reason: z.string().trim().max(2000).optional().describe('Why (required to decline or reject)'),
    wonAmountMinor: amountMinor.optional().describe('The final amount, required to mark won'),
  })
  .strict();

export const addPartnerBody = z
  .object({
    organizationId: id.describe('A partner you co-sell with'),
    attribution: z.enum(DEAL_ATTRIBUTIONS).describe('sourced, influenced or delivering'),
  })
  .strict();

export const dealParams = z.object({ id }).strict();
export const partyParams = z.object({ id, orgId: id }).strict();

export const listDealsQuery = pageQuery
  .extend({
    kind: z.enum(DEAL_KINDS).optional(),
    status: z.enum(ALL_DEAL_STATUSES).optional(),
    direction: z
      .enum(['sent', 'received', 'co_selling'])
      .optional()
      .describe('sent: you created it; received: you are its counterparty; co_selling: you were added'),
    partnerId: id.optional().describe('Only deals with this organization on them'),
    q: z.string().trim().max(120).optional().describe('Customer or title contains'),
    overdue: z.enum(['true', 'false']).optional().describe('Only deals waiting past their response time'),
  })
  .strict();

export const exportDealsQuery = listDealsQuery.omit({ limit: true, cursor: true });

export const reviewQueueQuery = pageQuery
  .extend({ mine: z.enum(['true', 'false']).optional().describe('Only partners you own') })
  .strict();

export const extensionBody = z
  .object({
    days: z.number().int().min(1).max(365).describe('Days to add to the protection'),
    reason: z.string().trim().min(3).max(2000).describe('Why the deal needs longer'),
  })
  .strict();

export const decisionBody = z.object({ reason: z.string().trim().max(2000).optional() }).strict();

export const settingsBody = z
  .object({
    protectionDays: z.number().int().min(1).max(730).describe('Days an approved registration protects'),
    reviewSlaBusinessDays: z.number().int().min(1).max(60).describe('Business days to review a registration'),
    referralResponseBusinessDays: z
      .number()
      .int()
      .min(1)
      .max(60)
      .describe('Business days to answer a referral'),
  })
  .partial()
  .strict();

export const settingsSchema = z
  .object({
    protectionDays: z.number(),
    reviewSlaBusinessDays: z.number(),
    referralResponseBusinessDays: z.number(),
  })
  .meta({ id: 'DealSettings' });

const partySchema = z.object({
  organization: orgRef,
  side: z.enum(['from', 'to', 'co_seller']),
  attribution: z.enum(DEAL_ATTRIBUTIONS).nullable(),
});

export const dealSummarySchema = z
  .object({
    id: z.string(),
    kind: z.enum(DEAL_KINDS),
    status: z.enum(ALL_DEAL_STATUSES),
    title: z.string(),
    customerName: z.string(),
    customerDomain: z.string().nullable(),
    customerCountry: z.string().nullable(),
    amount: moneySchema,
    wonAmount: moneySchema.nullable(),
    subscription: z.boolean().describe('Amounts are per month'),
    expectedClose: z.string().nullable(),
    from: orgRef.describe('Who created it: referral sender, registering partner, or the opportunity owner'),
    to: orgRef.nullable().describe('Referral receiver or vendor; null for own opportunities'),
    mySide: z.enum(['from', 'to', 'co_seller']),
    conflictOutcome: z.enum(CONFLICT_OUTCOMES).nullable(),
    sentAt: z.date().nullable(),
    responseDueAt: z.date().nullable(),
    overdue: z.boolean().describe('Waiting for an answer past its response window or review SLA'),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'DealSummary' });

export const conflictMatchSchema = z.object({
  dealId: z.string(),
  kind: z.enum(DEAL_KINDS),
  status: z.enum(ALL_DEAL_STATUSES),
  partner: orgRef.describe("The organization behind the match (the vendor's own pipeline for opportunities)"),
  customerName: z.string(),
  customerDomain: z.string().nullable(),
  customerCountry: z.string().nullable(),
  matchedBy: z.enum(['domain', 'name']),
  score: z.number(),
  protectedUntil: z.date().nullable(),
});

export const accountMatchSchema = z
  .object({
    accountId: z.string(),
    externalId: z.string().describe("The account's id in the vendor's CRM"),
    name: z.string(),
    domain: z.string().nullable(),
    country: z.string().nullable(),
    stage: z.string().nullable().describe('The imported opportunity stage'),
    matchedBy: z.enum(['domain', 'name']),
    score: z.number(),
  })
  .meta({ id: 'DealAccountMatch' });

export const dealSchema = dealSummarySchema
  .extend({
    contactName: z.string(),
    contactEmail: z.string(),
    need: z.string(),
    statusReason: z.string().nullable(),
    partnershipId: z.string().nullable(),
    parties: z.array(partySchema),
    protection: z
      .object({
        status: z.enum(['active', 'expired', 'released']),
        startsAt: z.date(),
        endsAt: z.date(),
        extensionRequestedDays: z.number().nullable(),
        extensionReason: z.string().nullable(),
      })
      .nullable()
      .describe('The protection this registration won (partner and vendor only)'),
    conflicts: z
      .array(conflictMatchSchema)
      .nullable()
      .describe("The matches the conflict engine found: the vendor's reviewers only, else null"),
    accountMatches: z
      .array(accountMatchSchema)
      .nullable()
      .describe(
        "Open opportunities among the vendor's imported accounts the customer matched (the vendor's reviewers only, else null)",
      ),
    allowedMoves: z.array(z.enum(ALL_DEAL_STATUSES)).describe('States you may move it to now'),
    canEdit: z.boolean(),
  })
  .meta({ id: 'Deal' });

export const dealEventSchema = z
  .object({
    id: z.string(),
    kind: z.string().describe('created, status_changed, edited, partner_added, partner_removed, extension_*'),
    fromStatus: z.string().nullable(),
    toStatus: z.string().nullable(),
    note: z.string().nullable(),
    data: z
      .unknown()
      .nullable()
      .describe('Details: the co-seller and attribution, extension days, won amount, edited fields'),
    organization: orgRef,
    actor: z.object({ id: z.string(), name: z.string() }).nullable().describe('Null for scheduled changes'),
    createdAt: z.date(),
  })
  .meta({ id: 'DealEvent' });

export const queueItemSchema = dealSummarySchema
  .extend({
    conflictCount: z.number().int(),
    owner: z.object({ id: z.string(), name: z.string() }).nullable().describe('Your owning alliance manager'),
  })
  .meta({ id: 'ReviewQueueItem' });

const directionSchema = z.object({
  deals: z.number().int().describe('Deals sent this way (referrals and registrations, drafts excluded)'),
  value: z.array(moneySchema).describe('Their estimated value, per currency'),
  won: z.number().int(),
  wonValue: z.array(moneySchema),
  winRate: z.number().nullable().describe('won ÷ decided (won, lost, declined, rejected, expired)'),
  medianResponseHours: z.number().nullable().describe('Median time the receiving side took to answer'),
});

export const ledgerSchema = z
  .object({
    me: orgRef,
    partner: orgRef,
    sent: directionSchema.describe('From you to the partner'),
    received: directionSchema.describe('From the partner to you'),
    reciprocity: z
      .number()
      .nullable()
      .describe('min(sent, received) ÷ max(sent, received): 1 is perfectly two-way, 0 one-way'),
  })
  .meta({ id: 'PairLedger' });

export type CreateReferralInput = z.output<typeof createReferralBody>;
export type CreateRegistrationInput = z.output<typeof createRegistrationBody>;
export type CreateOpportunityInput = z.output<typeof createOpportunityBody>;
export type ConflictCheckInput = z.output<typeof conflictCheckBody>;
export type UpdateDealInput = z.output<typeof updateDealBody>;
export type ListDealsQuery = z.output<typeof exportDealsQuery> & { limit?: number; cursor?: string };
