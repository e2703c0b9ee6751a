import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { organization, user } from './auth.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const orgRef = (name: string) => text(name).references(() => organization.id, { onDelete: 'cascade' });
const userRef = (name: string) => text(name).references(() => user.id, { onDelete: 'set null' });
const bp = (name: string) => integer(name);
const inRange = (column: unknown) => sql`${column} between 0 and 10000`;

/**
 * A vendor's channel program (reseller, referral/agent, ambassador or custom). `questions` is the
 * application form ([{ id, label, kind, options, required }]); `onboarding` the checklist template
 * copied into each approved enrollment ([{ title, ownerSide, dueInDays }]). Requirements and flat
 * benefits of its tiers are in the program's `currency`.
 */
export const program = pgTable(
  'program',
  {
    id: text('id').primaryKey(),
    /** The vendor. */
    organizationId: orgRef('organization_id').notNull(),
    name: text('name').notNull(),
    kind: text('kind').notNull(),
    status: text('status').notNull().default('draft'),
    description: text('description').notNull().default(''),
    terms: text('terms').notNull().default(''),
    currency: text('currency').notNull(),
    /** The partnership types an enrollment creates or adds (resells for a reseller program …). */
    partnershipTypes: text('partnership_types').array().notNull(),
    questions: jsonb('questions').notNull().default([]),
    onboarding: jsonb('onboarding').notNull().default([]),
    /** Days a partner may sit below its tier's requirements before it is moved down. */
    downgradeGraceDays: integer('downgrade_grace_days').notNull().default(60),
    /** Days a commission stays pending before it is payable. */
    holdingDays: integer('holding_days').notNull().default(30),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('program_name_uq').on(t.organizationId, sql`lower(${t.name})`),
    index('program_published_idx').on(t.status, t.id),
    check('program_kind', sql`${t.kind} in ('reseller','referral','ambassador','custom')`),
    check('program_status', sql`${t.status} in ('draft','published','archived')`),
    check('program_grace', sql`${t.downgradeGraceDays} between 0 and 365`),
    check('program_holding', sql`${t.holdingDays} between 0 and 365`),
  ],
);

/**
 * One tier of a program, `rank` 1 the lowest. Requirements are trailing-12-month numbers (revenue
 * in the program's currency, minor units); benefits a discount and an MDF budget per calendar
 * year. Commission benefits are `commission_rule` rows. Percentages are basis points (1 % = 100).
 */
export const programTier = pgTable(
  'program_tier',
  {
    id: text('id').primaryKey(),
    organizationId: orgRef('organization_id').notNull(),
    programId: text('program_id')
      .notNull()
      .references(() => program.id, { onDelete: 'cascade' }),
    rank: integer('rank').notNull(),
    name: text('name').notNull(),
    minRevenueMinor: bigint('min_revenue_minor', { mode: 'number' }).notNull().default(0),
    minWonDeals: integer('min_won_deals').notNull().default(0),
    minRegisteredDeals: integer('min_registered_deals').notNull().default(0),
    minCertifiedPeople: integer('min_certified_people').notNull().default(0),
    minCustomers: integer('min_customers').notNull().default(0),
    discountBp: bp('discount_bp').notNull().default(0),
    mdfBudgetMinor: bigint('mdf_budget_minor', { mode: 'number' }).notNull().default(0),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('program_tier_rank_uq').on(t.programId, t.rank),
    check('program_tier_discount', inRange(t.discountBp)),
    check(
      'program_tier_minimums',
      sql`${t.minRevenueMinor} >= 0 and ${t.minWonDeals} >= 0 and ${t.minRegisteredDeals} >= 0 and ${t.minCertifiedPeople} >= 0 and ${t.minCustomers} >= 0 and ${t.mdfBudgetMinor} >= 0`,
    ),
  ],
);

/**
 * How a program pays: on which event (a won deal, a qualified referral, an accepted lead), for
 * which deal kind, and how much — a percentage of the won amount (`rate_bp`), a flat amount, a
 * recurring percentage for `months` months of a subscription, or a flat amount per lead. A rule is
 * never edited once it may have posted: it is retired and a new one added, so every ledger entry
 * keeps pointing at the rule that made it. `tier_id` null means every tier.
 */
export const commissionRule = pgTable(
  'commission_rule',
  {
    id: text('id').primaryKey(),
    organizationId: orgRef('organization_id').notNull(),
    programId: text('program_id')
      .notNull()
      .references(() => program.id, { onDelete: 'cascade' }),
    tierId: text('tier_id').references(() => programTier.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    event: text('event').notNull(),
    dealKind: text('deal_kind').notNull().default('any'),
    rateBp: bp('rate_bp'),
    amountMinor: bigint('amount_minor', { mode: 'number' }),
    months: integer('months'),
    status: text('status').notNull().default('active'),
    createdAt: ts('created_at').notNull().defaultNow(),
    retiredAt: ts('retired_at'),
  },
  (t) => [
    index('commission_rule_program_idx').on(t.programId).where(sql`${t.status} = 'active'`),
    check('commission_rule_kind', sql`${t.kind} in ('percentage','flat','recurring','per_lead')`),
    check('commission_rule_event', sql`${t.event} in ('deal_won','referral_qualified','lead_accepted')`),
    check('commission_rule_deal_kind', sql`${t.dealKind} in ('any','registration','referral')`),
    check('commission_rule_status', sql`${t.status} in ('active','retired')`),
    check('commission_rule_rate', sql`${t.rateBp} is null or ${inRange(t.rateBp)}`),
    check('commission_rule_amount', sql`${t.amountMinor} is null or ${t.amountMinor} >= 0`),
    check('commission_rule_months', sql`${t.months} is null or ${t.months} between 1 and 60`),
  ],
);

/** A partner's application to a program, with its answers to the program's questions. */
export const programApplication = pgTable(
  'program_application',
  {
    id: text('id').primaryKey(),
    /** The vendor. */
    organizationId: orgRef('organization_id').notNull(),
    partnerId: orgRef('partner_id').notNull(),
    programId: text('program_id')
      .notNull()
      .references(() => program.id, { onDelete: 'cascade' }),
    status: text('status').notNull().default('pending'),
    answers: jsonb('answers').notNull().default({}),
    message: text('message').notNull().default(''),
    reason: text('reason'),
    appliedByUserId: userRef('applied_by_user_id'),
    decidedByUserId: userRef('decided_by_user_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
    decidedAt: ts('decided_at'),
  },
  (t) => [
    uniqueIndex('program_application_pending_uq')
      .on(t.programId, t.partnerId)
      .where(sql`${t.status} = 'pending'`),
    index('program_application_org_idx').on(t.organizationId, t.status, t.id),
    index('program_application_partner_idx').on(t.partnerId, t.id),
    check('program_application_status', sql`${t.status} in ('pending','approved','rejected','withdrawn')`),
  ],
);

/**
 * A partner in a program: its current tier, since when it has been below that tier's requirements
 * (the downgrade grace period runs from there), and the numbers of its last evaluation.
 */
export const enrollment = pgTable(
  'enrollment',
  {
    id: text('id').primaryKey(),
    /** The vendor. */
    organizationId: orgRef('organization_id').notNull(),
    partnerId: orgRef('partner_id').notNull(),
    programId: text('program_id')
      .notNull()
      .references(() => program.id, { onDelete: 'cascade' }),
    applicationId: text('application_id').references(() => programApplication.id, { onDelete: 'set null' }),
    status: text('status').notNull().default('active'),
    tierId: text('tier_id').references(() => programTier.id, { onDelete: 'set null' }),
    belowSince: ts('below_since'),
    metrics: jsonb('metrics'),
    evaluatedAt: ts('evaluated_at'),
    joinedAt: ts('joined_at').notNull().defaultNow(),
    endedAt: ts('ended_at'),
  },
  (t) => [
    uniqueIndex('enrollment_active_uq').on(t.programId, t.partnerId).where(sql`${t.status} = 'active'`),
    index('enrollment_org_idx').on(t.organizationId, t.id),
    index('enrollment_partner_idx').on(t.partnerId, t.organizationId),
    check('enrollment_status', sql`${t.status} in ('active','ended')`),
  ],
);

/** Every tier change of an enrollment, with the numbers that caused it. */
export const tierChange = pgTable(
  'tier_change',
  {
    id: text('id').primaryKey(),
    organizationId: orgRef('organization_id').notNull(),
    enrollmentId: text('enrollment_id')
      .notNull()
      .references(() => enrollment.id, { onDelete: 'cascade' }),
    partnerId: orgRef('partner_id').notNull(),
    fromTierId: text('from_tier_id').references(() => programTier.id, { onDelete: 'set null' }),
    toTierId: text('to_tier_id').references(() => programTier.id, { onDelete: 'set null' }),
    kind: text('kind').notNull(),
    metrics: jsonb('metrics').notNull(),
    reason: text('reason').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('tier_change_enrollment_idx').on(t.enrollmentId, t.id),
    check(
      'tier_change_kind',
      sql`${t.kind} in ('initial','upgrade','downgrade','grace_started','grace_cleared','manual')`,
    ),
  ],
);

/** A task of an enrollment's onboarding checklist; both sides see it, its owner side ticks it. */
export const onboardingTask = pgTable(
  'onboarding_task',
  {
    id: text('id').primaryKey(),
    organizationId: orgRef('organization_id').notNull(),
    enrollmentId: text('enrollment_id')
      .notNull()
      .references(() => enrollment.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    ownerSide: text('owner_side').notNull(),
    ownerUserId: userRef('owner_user_id'),
    dueOn: date('due_on', { mode: 'string' }),
    doneAt: ts('done_at'),
    doneByUserId: userRef('done_by_user_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('onboarding_task_enrollment_idx').on(t.enrollmentId, t.position),
    check('onboarding_task_side', sql`${t.ownerSide} in ('vendor','partner')`),
  ],
);

/**
 * A certified person at a partner, recorded by the vendor (the enablement module will feed this
 * later). Unexpired certifications count toward tiers, one per person.
 */
export const certification = pgTable(
  'certification',
  {
    id: text('id').primaryKey(),
    /** The vendor that certifies. */
    organizationId: orgRef('organization_id').notNull(),
    partnerId: orgRef('partner_id').notNull(),
    personName: text('person_name').notNull(),
    personEmail: text('person_email').notNull(),
    name: text('name').notNull(),
    issuedOn: date('issued_on', { mode: 'string' }).notNull(),
    expiresOn: date('expires_on', { mode: 'string' }),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('certification_pair_idx').on(t.organizationId, t.partnerId),
    uniqueIndex('certification_person_uq').on(
      t.organizationId,
      t.partnerId,
      sql`lower(${t.personEmail})`,
      t.name,
    ),
    check('certification_dates', sql`${t.expiresOn} is null or ${t.expiresOn} > ${t.issuedOn}`),
  ],
);

/**
 * A partner's request for marketing development funds against its tier's yearly budget: requested
 * → approved | rejected, then claimed with proof → claim approved (posted to the ledger) | claim
 * rejected.
 */
export const mdfRequest = pgTable(
  'mdf_request',
  {
    id: text('id').primaryKey(),
    /** The vendor. */
    organizationId: orgRef('organization_id').notNull(),
    partnerId: orgRef('partner_id').notNull(),
    enrollmentId: text('enrollment_id')
      .notNull()
      .references(() => enrollment.id, { onDelete: 'cascade' }),
    status: text('status').notNull().default('requested'),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    budgetYear: integer('budget_year').notNull(),
    proof: text('proof'),
    reason: text('reason'),
    requestedByUserId: userRef('requested_by_user_id'),
    decidedByUserId: userRef('decided_by_user_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
    decidedAt: ts('decided_at'),
    claimedAt: ts('claimed_at'),
    claimDecidedAt: ts('claim_decided_at'),
  },
  (t) => [
    index('mdf_request_org_idx').on(t.organizationId, t.id),
    index('mdf_request_partner_idx').on(t.partnerId, t.id),
    check(
      'mdf_request_status',
      sql`${t.status} in ('requested','approved','rejected','claimed','claim_approved','claim_rejected')`,
    ),
    check('mdf_request_amount', sql`${t.amountMinor} > 0`),
  ],
);
