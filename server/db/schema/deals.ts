import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { crmAccount } from './accounts.ts';
import { organization, user } from './auth.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const orgRef = (name: string) => text(name).references(() => organization.id, { onDelete: 'cascade' });
const userRef = (name: string) => text(name).references(() => user.id, { onDelete: 'set null' });
const inList = (values: readonly string[]) => sql.raw(values.map((v) => `'${v}'`).join(','));

/**
 * A two-sided relationship: `organization_id` proposed it to `partner_id`. Both sides read it; each
 * side names its owning alliance manager. At most one live (proposed, active or paused)
 * partnership exists per unordered pair — a unique index, so two simultaneous proposals cannot
 * both land.
 */
export const partnership = pgTable(
  'partnership',
  {
    id: text('id').primaryKey(),
    organizationId: orgRef('organization_id').notNull(),
    partnerId: orgRef('partner_id').notNull(),
    status: text('status').notNull(),
    types: text('types').array().notNull(),
    message: text('message').notNull().default(''),
    proposerOwnerUserId: userRef('proposer_owner_user_id'),
    partnerOwnerUserId: userRef('partner_owner_user_id'),
    pausedByOrgId: text('paused_by_org_id'),
    endReason: text('end_reason'),
    createdAt: ts('created_at').notNull().defaultNow(),
    decidedAt: ts('decided_at'),
    statusChangedAt: ts('status_changed_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('partnership_live_pair_uq')
      .on(sql`least(${t.organizationId}, ${t.partnerId})`, sql`greatest(${t.organizationId}, ${t.partnerId})`)
      .where(sql`${t.status} in ('proposed','active','paused')`),
    index('partnership_org_idx').on(t.organizationId, t.id),
    index('partnership_partner_idx').on(t.partnerId, t.id),
    check('partnership_not_self', sql`${t.organizationId} <> ${t.partnerId}`),
    check(
      'partnership_status',
      sql`${t.status} in ('proposed','active','paused','declined','withdrawn','ended')`,
    ),
    check('partnership_types', sql`cardinality(${t.types}) > 0`),
  ],
);

/** What happened to a partnership, by whom and when (the partnership page's timeline). */
export const partnershipEvent = pgTable(
  'partnership_event',
  {
    id: text('id').primaryKey(),
    /** The acting organization. */
    organizationId: orgRef('organization_id').notNull(),
    partnershipId: text('partnership_id')
      .notNull()
      .references(() => partnership.id, { onDelete: 'cascade' }),
    actorUserId: userRef('actor_user_id'),
    kind: text('kind').notNull(),
    data: jsonb('data'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('partnership_event_partnership_idx').on(t.partnershipId, t.id)],
);

/**
 * A deal between organizations: a P2P referral (`organization_id` sends it to `counterparty_id`),
 * a registration (a partner registers it with the vendor `counterparty_id`), or a vendor's own
 * pipeline opportunity (no counterparty). `vendor_id` is the vendor whose territory the customer is
 * in (registrations and opportunities), which is what the conflict engine searches. The customer
 * keys are derived by the service: `customer_domain_key` is the registrable domain without its
 * public suffix (acme.com, www.acme.co.uk, shop.acme.de → acme), `customer_name_key` the folded
 * name without legal suffixes. Who may see a deal is `deal_party`.
 */
export const deal = pgTable(
  'deal',
  {
    id: text('id').primaryKey(),
    organizationId: orgRef('organization_id').notNull(),
    counterpartyId: orgRef('counterparty_id'),
    vendorId: orgRef('vendor_id'),
    partnershipId: text('partnership_id').references(() => partnership.id, { onDelete: 'set null' }),
    kind: text('kind').notNull(),
    status: text('status').notNull(),
    title: text('title').notNull(),
    customerName: text('customer_name').notNull(),
    customerDomain: text('customer_domain'),
    customerDomainKey: text('customer_domain_key'),
    customerNameKey: text('customer_name_key').notNull(),
    customerCountry: text('customer_country'),
    contactName: text('contact_name').notNull().default(''),
    contactEmail: text('contact_email').notNull().default(''),
    need: text('need').notNull().default(''),
    amountMinor: bigint('amount_minor', { mode: 'number' }).notNull(),
    currency: text('currency').notNull(),
    wonAmountMinor: bigint('won_amount_minor', { mode: 'number' }),
    /** A subscription: the amounts are per month, and recurring commissions pay on it. */
    subscription: boolean('subscription').notNull().default(false),
    expectedClose: date('expected_close', { mode: 'string' }),
    statusReason: text('status_reason'),
    /** Outcome of the last conflict check (registrations). */
    conflictOutcome: text('conflict_outcome'),
    createdByUserId: userRef('created_by_user_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
    /** When it reached the counterparty (referral sent, registration submitted). */
    sentAt: ts('sent_at'),
    /** When the counterparty must have answered (referral response window, review SLA). */
    responseDueAt: ts('response_due_at'),
    answeredAt: ts('answered_at'),
    overdueNotifiedAt: ts('overdue_notified_at'),
    closedAt: ts('closed_at'),
  },
  (t) => [
    index('deal_vendor_domain_idx')
      .on(t.vendorId, t.customerDomainKey)
      .where(sql`${t.status} in ('submitted','under_review','approved','open')`),
    index('deal_vendor_country_idx')
      .on(t.vendorId, t.customerCountry)
      .where(sql`${t.status} in ('submitted','under_review','approved','open')`),
    // The name path of the conflict engine: records without a domain, similar names, shared words.
    index('deal_vendor_nodomain_idx')
      .on(t.vendorId, t.customerCountry)
      .where(
        sql`${t.customerDomainKey} is null and ${t.status} in ('submitted','under_review','approved','open')`,
      ),
    index('deal_name_trgm_idx')
      .using('gin', sql`${t.customerNameKey} gin_trgm_ops`)
      .where(sql`${t.status} in ('submitted','under_review','approved','open')`),
    index('deal_name_words_idx')
      .using('gin', sql`string_to_array(${t.customerNameKey}, ' ')`)
      .where(sql`${t.status} in ('submitted','under_review','approved','open')`),
    index('deal_due_idx')
      .on(t.responseDueAt)
      .where(sql`${t.overdueNotifiedAt} is null and ${t.answeredAt} is null`),
    index('deal_pair_idx').on(t.organizationId, t.counterpartyId),
    check('deal_kind', sql`${t.kind} in ('referral','registration','opportunity')`),
    check(
      'deal_status',
      sql`${t.status} in (${inList([
        'sent',
        'accepted',
        'qualified',
        'proposal',
        'declined',
        'withdrawn',
        'draft',
        'submitted',
        'under_review',
        'approved',
        'rejected',
        'expired',
        'open',
        'won',
        'lost',
      ])})`,
    ),
    check('deal_amount', sql`${t.amountMinor} >= 0 and coalesce(${t.wonAmountMinor}, 0) >= 0`),
    check('deal_counterparty', sql`(${t.kind} = 'opportunity') = (${t.counterpartyId} is null)`),
  ],
);

/**
 * Every organization on a deal, which is who may read it: its creator (`from`), its counterparty
 * (`to`) and co-selling partners, each with an attribution (sourced, influenced, delivering).
 */
export const dealParty = pgTable(
  'deal_party',
  {
    dealId: text('deal_id')
      .notNull()
      .references(() => deal.id, { onDelete: 'cascade' }),
    organizationId: orgRef('organization_id').notNull(),
    side: text('side').notNull(),
    attribution: text('attribution'),
    addedAt: ts('added_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.dealId, t.organizationId] }),
    index('deal_party_org_idx').on(t.organizationId, t.dealId),
    check('deal_party_side', sql`${t.side} in ('from','to','co_seller')`),
    check(
      'deal_party_attribution',
      sql`${t.attribution} is null or ${t.attribution} in ('sourced','influenced','delivering')`,
    ),
  ],
);

/** The deal's timeline: each change with the acting organization, user and time. */
export const dealEvent = pgTable(
  'deal_event',
  {
    id: text('id').primaryKey(),
    /** The acting organization (the vendor for scheduled expiry). */
    organizationId: orgRef('organization_id').notNull(),
    dealId: text('deal_id')
      .notNull()
      .references(() => deal.id, { onDelete: 'cascade' }),
    actorUserId: userRef('actor_user_id'),
    kind: text('kind').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    note: text('note'),
    data: jsonb('data'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('deal_event_deal_idx').on(t.dealId, t.id)],
);

/**
 * A match the conflict engine found for a submitted registration. Owned by the vendor: only the
 * vendor's reviewers read these, so a partner never learns who else registered the customer.
 */
export const dealConflict = pgTable(
  'deal_conflict',
  {
    id: text('id').primaryKey(),
    organizationId: orgRef('organization_id').notNull(),
    dealId: text('deal_id')
      .notNull()
      .references(() => deal.id, { onDelete: 'cascade' }),
    /** The deal the customer matched, or null for an account match. */
    matchedDealId: text('matched_deal_id').references(() => deal.id, { onDelete: 'cascade' }),
    /** Or: an account of the vendor's own imported open opportunities the customer matched. */
    matchedAccountId: text('matched_account_id').references(() => crmAccount.id, { onDelete: 'cascade' }),
    matchedBy: text('matched_by').notNull(),
    score: real('score').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('deal_conflict_pair_uq').on(t.dealId, t.matchedDealId),
    // Leads with the account: also what deleting accounts (an import removing them) probes.
    uniqueIndex('deal_conflict_account_uq').on(t.matchedAccountId, t.dealId),
    index('deal_conflict_org_idx').on(t.organizationId, t.dealId),
    check('deal_conflict_one_match', sql`num_nonnulls(${t.matchedDealId}, ${t.matchedAccountId}) = 1`),
  ],
);

/**
 * The protection an approved registration wins at its vendor. The partial unique index is what
 * makes two approvals for one vendor and customer impossible, however many run at once.
 */
export const dealProtection = pgTable(
  'deal_protection',
  {
    id: text('id').primaryKey(),
    /** The vendor. */
    organizationId: orgRef('organization_id').notNull(),
    dealId: text('deal_id')
      .notNull()
      .references(() => deal.id, { onDelete: 'cascade' }),
    partnerId: orgRef('partner_id').notNull(),
    customerKey: text('customer_key').notNull(),
    status: text('status').notNull().default('active'),
    startsAt: ts('starts_at').notNull().defaultNow(),
    endsAt: ts('ends_at').notNull(),
    extensionRequestedDays: integer('extension_requested_days'),
    extensionReason: text('extension_reason'),
    extensionRequestedAt: ts('extension_requested_at'),
    expiryWarnedAt: ts('expiry_warned_at'),
    closedAt: ts('closed_at'),
  },
  (t) => [
    uniqueIndex('deal_protection_active_uq')
      .on(t.organizationId, t.customerKey)
      .where(sql`${t.status} = 'active'`),
    uniqueIndex('deal_protection_deal_uq').on(t.dealId),
    index('deal_protection_ends_idx').on(t.endsAt).where(sql`${t.status} = 'active'`),
    check('deal_protection_status', sql`${t.status} in ('active','expired','released')`),
    check('deal_protection_window', sql`${t.endsAt} > ${t.startsAt}`),
  ],
);

/** A vendor's deal rules: protection window, review SLA, referral response window. */
export const dealSettings = pgTable(
  'deal_settings',
  {
    organizationId: orgRef('organization_id').primaryKey(),
    protectionDays: integer('protection_days').notNull().default(90),
    reviewSlaBusinessDays: integer('review_sla_business_days').notNull().default(2),
    referralResponseBusinessDays: integer('referral_response_business_days').notNull().default(5),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    check('deal_settings_protection', sql`${t.protectionDays} between 1 and 730`),
    check('deal_settings_sla', sql`${t.reviewSlaBusinessDays} between 1 and 60`),
    check('deal_settings_response', sql`${t.referralResponseBusinessDays} between 1 and 60`),
  ],
);

/** An in-app notification for one user in one organization (the bell). */
export const notification = pgTable(
  'notification',
  {
    id: text('id').primaryKey(),
    organizationId: orgRef('organization_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull().default(''),
    link: text('link'),
    createdAt: ts('created_at').notNull().defaultNow(),
    readAt: ts('read_at'),
  },
  (t) => [
    index('notification_user_idx').on(t.organizationId, t.userId, t.id),
    index('notification_unread_idx').on(t.organizationId, t.userId).where(sql`${t.readAt} is null`),
  ],
);
