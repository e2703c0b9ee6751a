import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  doublePrecision,
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
import { organization, user } from './auth.ts';
import { ecosystem } from './directory.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const orgRef = (name: string) => text(name).references(() => organization.id, { onDelete: 'cascade' });

/**
 * One run of the instance-wide insights refresh (graph build, trust, communities, centrality,
 * recommendations). At most one runs at a time: the partial unique index makes a second writer's
 * claim fail, so it is refused instead of racing the first. `stats` holds the run's timings, graph
 * size and modularity.
 */
export const insightsRun = pgTable(
  'insights_run',
  {
    id: text('id').primaryKey(),
    status: text('status').notNull(),
    trigger: text('trigger').notNull(),
    requestedByUserId: text('requested_by_user_id').references(() => user.id, { onDelete: 'set null' }),
    stats: jsonb('stats'),
    failure: text('failure'),
    startedAt: ts('started_at').notNull().defaultNow(),
    /** Refreshed while the run works; a running row whose heartbeat is old is a crashed run. */
    heartbeatAt: ts('heartbeat_at').notNull().defaultNow(),
    finishedAt: ts('finished_at'),
  },
  (t) => [
    uniqueIndex('insights_run_single_writer_uq').on(t.status).where(sql`${t.status} = 'running'`),
    index('insights_run_started_idx').on(t.startedAt),
    check('insights_run_status', sql`${t.status} in ('running','done','failed')`),
    check('insights_run_trigger', sql`${t.trigger} in ('nightly','manual','seed')`),
  ],
);

/**
 * How much `organization_id` can trust `partner_id`, 0–100, and the model's raw inputs behind it:
 * `inputs` holds the numbers in the order of `TRUST_INPUT_NUMBERS` (insights.trust.ts; null where
 * unknown), with the viewer's reporting `currency`, the currencies left out for want of a rate and
 * the latest positive interaction. The explanation (factors, weights, contributions) is rebuilt
 * from them when read. One row per ordered pair: each side reads its own row. Rewritten for one
 * pair on each deal event between them, and for every pair by the full refresh.
 */
export const trustScore = pgTable(
  'trust_score',
  {
    organizationId: orgRef('organization_id').notNull(),
    partnerId: orgRef('partner_id').notNull(),
    score: integer('score').notNull(),
    inputs: doublePrecision('inputs').array().notNull(),
    currency: text('currency').notNull(),
    unconvertedCurrencies: text('unconverted_currencies').array().notNull().default(sql`'{}'`),
    lastPositiveAt: ts('last_positive_at'),
    computedAt: ts('computed_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.partnerId] }),
    index('trust_score_org_score_idx').on(t.organizationId, t.score),
    check('trust_score_range', sql`${t.score} between 0 and 100`),
  ],
);

/** A partner worth approaching for `organization_id`, with its reasons in words (`reasons`). */
export const recommendation = pgTable(
  'recommendation',
  {
    organizationId: orgRef('organization_id').notNull(),
    candidateId: orgRef('candidate_id').notNull(),
    score: real('score').notNull(),
    reasons: jsonb('reasons').notNull(),
    computedAt: ts('computed_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.candidateId] }),
    index('recommendation_org_score_idx').on(t.organizationId, t.score),
  ],
);

/** An organization's answer to a recommendation: dismissed for good, or "not now" until a date. */
export const recommendationFeedback = pgTable(
  'recommendation_feedback',
  {
    organizationId: orgRef('organization_id').notNull(),
    candidateId: orgRef('candidate_id').notNull(),
    state: text('state').notNull(),
    until: ts('until'),
    userId: text('user_id').references(() => user.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.candidateId] }),
    check('recommendation_feedback_state', sql`${t.state} in ('dismissed','snoozed')`),
    check('recommendation_feedback_until', sql`(${t.state} = 'snoozed') = (${t.until} is not null)`),
  ],
);

/**
 * A sub-ecosystem discovered by community detection in one refresh run: its label from the
 * dominant facets of its members, its size, how much of its members' won deal value stayed inside
 * it, and its hubs. Instance-wide (derived from the whole graph); what a tenant may see of it is
 * decided by the insights module (public profiles only, no private edges of others).
 */
export const graphCommunity = pgTable(
  'graph_community',
  {
    id: text('id').primaryKey(),
    runId: text('run_id')
      .notNull()
      .references(() => insightsRun.id, { onDelete: 'cascade' }),
    label: text('label').notNull(),
    facets: jsonb('facets').notNull(),
    size: integer('size').notNull(),
    internalDealShare: real('internal_deal_share'),
    internalValueMinor: bigint('internal_value_minor', { mode: 'number' }),
    valueCurrency: text('value_currency'),
    savedEcosystemId: text('saved_ecosystem_id').references(() => ecosystem.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('graph_community_run_idx').on(t.runId, t.size)],
);

/** An organization's place in a discovered community, with its weighted centrality there. */
export const graphCommunityMember = pgTable(
  'graph_community_member',
  {
    communityId: text('community_id')
      .notNull()
      .references(() => graphCommunity.id, { onDelete: 'cascade' }),
    organizationId: orgRef('organization_id').notNull(),
    centrality: real('centrality').notNull(),
    weightedDegree: real('weighted_degree').notNull(),
    hub: integer('hub').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.communityId, t.organizationId] }),
    index('graph_community_member_org_idx').on(t.organizationId),
    index('graph_community_member_rank_idx').on(t.communityId, t.centrality),
  ],
);

/** An organization's cockpit settings: the direct cost of sale that indirect selling is compared against. */
export const cockpitSettings = pgTable(
  'cockpit_settings',
  {
    organizationId: orgRef('organization_id').primaryKey(),
    /** Cost of a direct sale as a share of its revenue, in basis points (1,500 = 15 %). */
    directCostOfSaleBps: integer('direct_cost_of_sale_bps').notNull().default(1500),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [check('cockpit_settings_cost', sql`${t.directCostOfSaleBps} between 0 and 10000`)],
);
