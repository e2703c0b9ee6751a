import { z } from 'zod';
import { CURRENCIES, PARTNERSHIP_TYPES } from '../../../common/deals.ts';
import { pageQuery } from '../../http/pagination.ts';

const id = z.string().max(64);
const orgRef = z.object({ id: z.string(), name: z.string(), slug: z.string() });
const userRef = z.object({ id: z.string(), name: z.string() }).nullable();

/** Kinds of program. */
export const PROGRAM_KINDS = ['reseller', 'referral', 'ambassador', 'custom'] as const;
/** A program's states: only published programs take applications; only the vendor sees drafts. */
export const PROGRAM_STATUSES = ['draft', 'published', 'archived'] as const;
/** Kinds of application question. */
export const QUESTION_KINDS = ['text', 'long_text', 'yes_no', 'choice'] as const;

const bp = z
  .number()
  .int('Percentages are whole basis points: 12.5 % is 1250')
  .min(0, 'A percentage cannot be below 0 %')
  .max(10000, 'A percentage cannot be above 100 % (10000 basis points)')
  .describe('Basis points: 1 % = 100, 0–10000');

const amountMinor = z
  .number()
  .int('Amounts are integer minor units (cents)')
  .min(0, 'Amounts cannot be negative')
  .max(1e15)
  .describe("Integer minor units of the program's currency");

const count = z.number().int().min(0).max(1_000_000);

const currency = z
  .string()
  .trim()
  .toUpperCase()
  .refine((c) => CURRENCIES.includes(c), { message: 'Unknown currency: use an ISO 4217 code such as EUR' })
  .describe('ISO 4217 code: requirements, bounties and MDF are in it');

const partnershipTypes = z
  .array(z.enum(PARTNERSHIP_TYPES))
  .min(1)
  .max(PARTNERSHIP_TYPES.length)
  .refine((types) => new Set(types).size === types.length, { message: 'Each type once' })
  .describe(
    `Partnership types an enrollment creates or adds (${PARTNERSHIP_TYPES.join(', ')}); by default resells for a reseller program, refers for referral and ambassador programs; a custom program must name them`,
  );

export const questionSchema = z
  .object({
    id: z
      .string()
      .trim()
      .regex(/^[a-z0-9_-]{1,40}$/, 'Use 1–40 lowercase letters, digits, - or _')
      .describe('Stable id: answers are keyed by it'),
    label: z.string().trim().min(1).max(300),
    kind: z
      .enum(QUESTION_KINDS)
      .describe('text, long_text, yes_no (a boolean answer), choice (one of options)'),
    options: z
      .array(z.string().trim().min(1).max(200))
      .max(50)
      .optional()
      .describe('The choices (choice only)'),
    required: z.boolean().default(false),
  })
  .strict()
  .meta({ id: 'ProgramQuestion' });

const questions = z
  .array(questionSchema)
  .max(50)
  .superRefine((qs, ctx) => {
    const seen = new Set<string>();
    qs.forEach((q, i) => {
      if (seen.has(q.id))
        ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `Question id ${q.id} is used twice` });
      seen.add(q.id);
      if (q.kind === 'choice' && !q.options?.length)
        ctx.addIssue({ code: 'custom', path: [i, 'options'], message: 'A choice question needs options' });
      if (q.kind !== 'choice' && q.options)
        ctx.addIssue({ code: 'custom', path: [i, 'options'], message: 'Only choice questions have options' });
    });
  })
  .describe('The application form');

export const onboardingItemSchema = z
  .object({
    title: z.string().trim().min(1).max(300),
    ownerSide: z.enum(['vendor', 'partner']).describe('Which side does (and ticks) it'),
    dueInDays: z.number().int().min(0).max(365).describe('Due this many days after approval'),
  })
  .strict()
  .meta({ id: 'OnboardingTemplateItem' });

const programFields = {
  name: z.string().trim().min(2).max(120),
  kind: z.enum(PROGRAM_KINDS).describe('reseller, referral (agents), ambassador, or custom'),
  description: z.string().trim().max(10000),
  terms: z.string().trim().max(50000).describe('The program terms partners accept by applying'),
  currency,
  partnershipTypes,
  questions,
  onboarding: z
    .array(onboardingItemSchema)
    .max(50)
    .describe('The onboarding checklist copied into each enrollment'),
  status: z
    .enum(PROGRAM_STATUSES)
    .describe('draft (only you see it), published (open for applications), archived'),
  downgradeGraceDays: z
    .number()
    .int()
    .min(0)
    .max(365)
    .describe('Days a partner may sit below its tier before it moves down'),
  holdingDays: z
    .number()
    .int()
    .min(0)
    .max(365)
    .describe('Days a commission stays pending before it is payable'),
};

export const createProgramBody = z
  .object({
    ...programFields,
    description: programFields.description.default(''),
    terms: programFields.terms.default(''),
    partnershipTypes: programFields.partnershipTypes.optional(),
    questions: programFields.questions.default([]),
    onboarding: programFields.onboarding.default([]),
    status: programFields.status.default('draft'),
    downgradeGraceDays: programFields.downgradeGraceDays.default(60),
    holdingDays: programFields.holdingDays.default(30),
  })
  .strict();

export const updateProgramBody = z.object(programFields).partial().strict();

export const programParams = z.object({ id }).strict();
export const ruleParams = z.object({ id, ruleId: id }).strict();
export const taskParams = z.object({ id, taskId: id }).strict();

export const listProgramsQuery = pageQuery
  .extend({
    scope: z
      .enum(['mine', 'available'])
      .default('mine')
      .describe("mine: your organization's programs; available: other organizations' published programs"),
    kind: z.enum(PROGRAM_KINDS).optional(),
    status: z.enum(PROGRAM_STATUSES).optional().describe('mine only'),
    q: z.string().trim().max(120).optional().describe('Name contains'),
  })
  .strict();

const requirementsSchema = z
  .object({
    revenueMinor: amountMinor
      .default(0)
      .describe("Trailing-12-month won revenue, minor units of the program's currency"),
    wonDeals: count.default(0),
    registeredDeals: count.default(0).describe('Registrations the vendor accepted'),
    certifiedPeople: count.default(0).describe('People with an unexpired certification'),
    customers: count.default(0).describe('Distinct customers of won deals'),
  })
  .strict();

export const tierInputSchema = z
  .object({
    id: id
      .optional()
      .describe('An existing tier of this program (kept, renamed or moved); absent: a new tier'),
    name: z.string().trim().min(1).max(80),
    requirements: requirementsSchema.default({
      revenueMinor: 0,
      wonDeals: 0,
      registeredDeals: 0,
      certifiedPeople: 0,
      customers: 0,
    }),
    discountBp: bp.default(0).describe('Reseller discount, basis points'),
    mdfBudgetMinor: amountMinor.default(0).describe('MDF budget per calendar year'),
  })
  .strict();

export const putTiersBody = z
  .object({ tiers: z.array(tierInputSchema).max(20).describe('Every tier, lowest first') })
  .strict();

export const RULE_KINDS = ['percentage', 'flat', 'recurring', 'per_lead'] as const;
export const RULE_EVENTS = ['deal_won', 'referral_qualified', 'lead_accepted'] as const;
const dealKind = z
  .enum(['any', 'registration', 'referral'])
  .default('any')
  .describe('Which deals it pays on');
const tierId = id.nullable().default(null).describe('The tier it belongs to; null: every tier');

export const createRuleBody = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('percentage').describe('A percentage of the won amount'),
      event: z.enum(['deal_won', 'referral_qualified']).default('deal_won'),
      rateBp: bp,
      tierId,
      dealKind,
    })
    .strict(),
  z
    .object({
      kind: z.literal('flat').describe('A flat bounty per event'),
      event: z.enum(RULE_EVENTS),
      amountMinor,
      tierId,
      dealKind,
    })
    .strict(),
  z
    .object({
      kind: z.literal('recurring').describe('A percentage of a subscription deal for N months'),
      event: z.literal('deal_won').default('deal_won'),
      rateBp: bp,
      months: z.number().int().min(1).max(60),
      tierId,
      dealKind,
    })
    .strict(),
  z
    .object({
      kind: z.literal('per_lead').describe('A flat amount per accepted lead'),
      event: z.literal('lead_accepted').default('lead_accepted'),
      amountMinor,
      tierId,
      dealKind,
    })
    .strict(),
]);

export const ruleSchema = z
  .object({
    id: z.string(),
    programId: z.string(),
    tierId: z.string().nullable().describe('null: every tier'),
    kind: z.enum(RULE_KINDS),
    event: z.enum(RULE_EVENTS),
    dealKind: z.enum(['any', 'registration', 'referral']),
    rateBp: z.number().nullable(),
    amountMinor: z.number().nullable(),
    months: z.number().nullable(),
    currency: z.string(),
    status: z.enum(['active', 'retired']).describe('Rules are never edited: retired and replaced'),
    createdAt: z.date(),
    retiredAt: z.date().nullable(),
  })
  .meta({ id: 'CommissionRule' });

export const requirementsOut = z.object({
  revenueMinor: z.number(),
  wonDeals: z.number(),
  registeredDeals: z.number(),
  certifiedPeople: z.number(),
  customers: z.number(),
});

export const tierSchema = z
  .object({
    id: z.string(),
    rank: z.number().describe('1 is the lowest'),
    name: z.string(),
    requirements: requirementsOut,
    benefits: z.object({
      discountBp: z.number(),
      mdfBudgetMinor: z.number(),
      rules: z
        .array(ruleSchema)
        .describe("Active commission rules paying at this tier (its own and the program's)"),
    }),
  })
  .meta({ id: 'ProgramTier' });

export const programSchema = z
  .object({
    id: z.string(),
    vendor: orgRef,
    mine: z.boolean().describe('Your organization runs it'),
    name: z.string(),
    kind: z.enum(PROGRAM_KINDS),
    status: z.enum(PROGRAM_STATUSES),
    description: z.string(),
    terms: z.string(),
    currency: z.string(),
    partnershipTypes: z.array(z.enum(PARTNERSHIP_TYPES)),
    questions: z.array(questionSchema),
    onboarding: z.array(onboardingItemSchema),
    downgradeGraceDays: z.number(),
    holdingDays: z.number(),
    tiers: z.array(tierSchema),
    rules: z.array(ruleSchema).describe('Active rules'),
    myEnrollment: z
      .object({ id: z.string(), status: z.string(), tierId: z.string().nullable() })
      .nullable()
      .describe("Your organization's latest enrollment in it"),
    myApplication: z
      .object({ id: z.string(), status: z.string() })
      .nullable()
      .describe("Your organization's latest application to it"),
    createdAt: z.date(),
    updatedAt: z.date(),
  })
  .meta({ id: 'Program' });

export const programSummarySchema = programSchema
  .omit({ tiers: true, rules: true, questions: true, onboarding: true, terms: true })
  .extend({
    tierCount: z.number(),
    enrolledCount: z
      .number()
      .nullable()
      .describe('Partners actively enrolled; null unless your organization runs the program'),
    pendingApplications: z
      .number()
      .nullable()
      .describe('Applications awaiting review; null unless your organization runs the program'),
  })
  .meta({ id: 'ProgramSummary' });

// Applications

const answerValue = z.union([z.string().max(10000), z.boolean()]);

export const applyBody = z
  .object({
    answers: z.record(z.string().max(40), answerValue).default({}).describe('Question id → answer'),
    message: z.string().trim().max(4000).default('').describe('A note to the vendor'),
  })
  .strict();

export const approveBody = z
  .object({
    tierId: id.optional().describe('Start at this tier (else the tier its numbers qualify for)'),
    ownerUserId: id
      .optional()
      .describe("Your owning alliance manager for this partner (the partnership's owner on your side)"),
  })
  .strict();

export const reasonBody = z
  .object({
    reason: z.string().trim().min(1, 'Give a reason').max(2000).describe('Why (shown to the other side)'),
  })
  .strict();

export const endBody = reasonBody;

const sideQuery = z
  .enum(['vendor', 'partner'])
  .optional()
  .describe("vendor: as the program's vendor; partner: as the partner; absent: both");

export const listApplicationsQuery = pageQuery
  .extend({
    side: sideQuery,
    status: z.enum(['pending', 'approved', 'rejected', 'withdrawn']).optional(),
    programId: id.optional(),
  })
  .strict();

const programRef = z.object({ id: z.string(), name: z.string(), kind: z.string(), currency: z.string() });

export const applicationSchema = z
  .object({
    id: z.string(),
    side: z.enum(['vendor', 'partner']).describe("Your organization's side"),
    program: programRef,
    vendor: orgRef,
    partner: orgRef,
    status: z.enum(['pending', 'approved', 'rejected', 'withdrawn']),
    answers: z.record(z.string(), z.unknown()),
    message: z.string(),
    reason: z.string().nullable().describe('Why it was rejected'),
    appliedBy: userRef,
    decidedBy: userRef,
    enrollmentId: z.string().nullable().describe('The enrollment an approval created'),
    createdAt: z.date(),
    decidedAt: z.date().nullable(),
  })
  .meta({ id: 'ProgramApplication' });

// Enrollments

export const listEnrollmentsQuery = pageQuery
  .extend({
    side: sideQuery,
    programId: id.optional(),
    status: z.enum(['active', 'ended']).optional(),
  })
  .strict();

const tierRef = z.object({ id: z.string(), name: z.string(), rank: z.number() });

export const taskSchema = z
  .object({
    id: z.string(),
    position: z.number(),
    title: z.string(),
    ownerSide: z.enum(['vendor', 'partner']),
    owner: userRef,
    dueOn: z.string().nullable(),
    done: z.boolean(),
    doneAt: z.date().nullable(),
    doneBy: userRef,
    canTick: z.boolean().describe('Your side owns it and your role may tick it (and assign its owner)'),
    canReschedule: z.boolean().describe('You may move its due date (its side; the vendor any task)'),
  })
  .meta({ id: 'OnboardingTask' });

export const enrollmentSummarySchema = z
  .object({
    id: z.string(),
    side: z.enum(['vendor', 'partner']),
    program: programRef,
    vendor: orgRef,
    partner: orgRef,
    status: z.enum(['active', 'ended']),
    tier: tierRef.nullable(),
    onboarding: z.object({ done: z.number(), total: z.number() }),
    progress: z
      .object({
        nextTierName: z.string().nullable().describe('The next tier up; null at the top or without tiers'),
        headline: z.string().nullable().describe('E.g. "EUR 40,000 of 50,000 to Gold"; null without tiers'),
      })
      .describe("Progress toward the next tier, from the last evaluation's numbers"),
    joinedAt: z.date(),
    endedAt: z.date().nullable(),
    evaluatedAt: z.date().nullable(),
  })
  .meta({ id: 'EnrollmentSummary' });

export const metricsSchema = requirementsOut
  .extend({
    currency: z.string(),
    otherCurrencyDeals: z
      .number()
      .describe('Won deals in other currencies: counted as deals, not as revenue'),
    since: z.string().describe('Start of the trailing 12 months'),
  })
  .meta({ id: 'TierMetrics' });

export const tierChangeSchema = z
  .object({
    id: z.string(),
    kind: z.enum(['initial', 'upgrade', 'downgrade', 'grace_started', 'grace_cleared', 'manual']),
    fromTier: tierRef.nullable(),
    toTier: tierRef.nullable(),
    metrics: z.unknown().describe('The numbers that caused it'),
    reason: z.string(),
    createdAt: z.date(),
  })
  .meta({ id: 'TierChange' });

export const enrollmentSchema = enrollmentSummarySchema
  .extend({
    metrics: metricsSchema.nullable().describe("The last evaluation's numbers"),
    belowSince: z.date().nullable().describe("Since when it has been below its tier's requirements"),
    downgradeOn: z.date().nullable().describe('When it moves down unless it catches up'),
    progress: z.object({
      nextTier: tierRef.nullable(),
      nextTierName: z.string().nullable().describe("The next tier's name (as in the summary)"),
      requirements: z.array(
        z.object({ metric: z.string(), current: z.number(), target: z.number(), met: z.boolean() }),
      ),
      headline: z.string().nullable().describe('E.g. "EUR 40,000 of 50,000 to Gold"'),
    }),
    mdf: z
      .object({ year: z.number(), budgetMinor: z.number(), usedMinor: z.number(), currency: z.string() })
      .describe("This calendar year's MDF budget of its tier and what approved requests use of it"),
    tasks: z.array(taskSchema),
    history: z.array(tierChangeSchema).describe('Newest first'),
  })
  .meta({ id: 'Enrollment' });

export const addTaskBody = z
  .object({
    title: z.string().trim().min(1).max(300),
    ownerSide: z.enum(['vendor', 'partner']),
    ownerUserId: id.nullable().default(null).describe("A member of the owner side's organization"),
    dueOn: z.iso.date().nullable().default(null),
  })
  .strict();

export const updateTaskBody = z
  .object({
    done: z.boolean(),
    ownerUserId: id.nullable().describe("A member of the owner side's organization"),
    dueOn: z.iso.date().nullable(),
  })
  .partial()
  .strict();

// Certifications

export const listCertificationsQuery = pageQuery
  .extend({
    partnerId: id.optional().describe('As the vendor: only this partner'),
    vendorId: id.optional().describe('As the partner: only this vendor'),
  })
  .strict();

export const createCertificationBody = z
  .object({
    partnerId: id.describe('The partner organization the person works at'),
    personName: z.string().trim().min(1).max(200),
    personEmail: z.email().max(254),
    name: z.string().trim().min(1).max(200).describe('The certification'),
    issuedOn: z.iso.date(),
    expiresOn: z.iso.date().nullable().default(null),
  })
  .strict()
  .refine((b) => !b.expiresOn || b.expiresOn > b.issuedOn, {
    message: 'It must expire after it was issued',
    path: ['expiresOn'],
  });

export const certificationSchema = z
  .object({
    id: z.string(),
    vendor: orgRef,
    partner: orgRef,
    personName: z.string(),
    personEmail: z.string(),
    name: z.string(),
    issuedOn: z.string(),
    expiresOn: z.string().nullable(),
    active: z.boolean().describe('Issued and not expired today: counts toward tiers'),
    createdAt: z.date(),
  })
  .meta({ id: 'Certification' });

// MDF

export const MDF_STATUSES = [
  'requested',
  'approved',
  'rejected',
  'claimed',
  'claim_approved',
  'claim_rejected',
] as const;

export const listMdfQuery = pageQuery
  .extend({ side: sideQuery, status: z.enum(MDF_STATUSES).optional(), enrollmentId: id.optional() })
  .strict();

export const createMdfBody = z
  .object({
    enrollmentId: id.describe('Your enrollment whose tier budget it draws on'),
    title: z.string().trim().min(2).max(200),
    description: z.string().trim().max(4000).default(''),
    amountMinor: amountMinor.min(1, 'Ask for more than nothing'),
  })
  .strict();

export const claimBody = z
  .object({ proof: z.string().trim().min(1, 'Give proof: a link or a note').max(4000) })
  .strict();

export const MDF_ACTIONS = ['approve', 'reject', 'claim', 'approve-claim', 'reject-claim'] as const;
export type MdfAction = (typeof MDF_ACTIONS)[number];
export const mdfActionParams = z.object({ id, action: z.enum(MDF_ACTIONS) }).strict();

export const mdfActionBody = z
  .object({
    reason: z.string().trim().min(1).max(2000).optional().describe('reject, reject-claim: why (required)'),
    proof: z.string().trim().min(1).max(4000).optional().describe('claim: a link or a note (required)'),
  })
  .strict();

export const mdfSchema = z
  .object({
    id: z.string(),
    side: z.enum(['vendor', 'partner']),
    enrollmentId: z.string(),
    program: z.object({ id: z.string(), name: z.string() }),
    vendor: orgRef,
    partner: orgRef,
    status: z.enum(MDF_STATUSES),
    title: z.string(),
    description: z.string(),
    amount: z.object({ amountMinor: z.number(), currency: z.string() }),
    budgetYear: z.number(),
    proof: z.string().nullable(),
    reason: z.string().nullable(),
    createdAt: z.date(),
    decidedAt: z.date().nullable(),
    claimedAt: z.date().nullable(),
    claimDecidedAt: z.date().nullable(),
  })
  .meta({ id: 'MdfRequest' });

export type CreateProgramInput = z.infer<typeof createProgramBody>;
export type UpdateProgramInput = z.infer<typeof updateProgramBody>;
export type TierInput = z.infer<typeof tierInputSchema>;
export type CreateRuleInput = z.infer<typeof createRuleBody>;
export type Question = z.infer<typeof questionSchema>;
export type OnboardingItem = z.infer<typeof onboardingItemSchema>;
