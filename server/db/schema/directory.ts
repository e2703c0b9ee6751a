import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { organization, user } from './auth.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * An organization's public profile: what the directory lists and searches. Every organization has
 * one; organizations without users (added by others, imported, generated) have one too and can be
 * claimed. `facet_keys` holds every facet value as `facet:key` (regions derived from countries) so
 * one GIN index serves every filter and one unnest serves every facet count.
 */
export const organizationProfile = pgTable(
  'organization_profile',
  {
    organizationId: text('organization_id')
      .primaryKey()
      .references(() => organization.id, { onDelete: 'cascade' }),
    domain: text('domain'),
    description: text('description').notNull().default(''),
    logoUrl: text('logo_url'),
    hqCountry: text('hq_country'),
    countries: text('countries').array().notNull().default(sql`'{}'`),
    languages: text('languages').array().notNull().default(sql`'{}'`),
    sizeBand: text('size_band'),
    foundedYear: integer('founded_year'),
    roles: text('roles').array().notNull().default(sql`'{}'`),
    industries: text('industries').array().notNull().default(sql`'{}'`),
    technologies: text('technologies').array().notNull().default(sql`'{}'`),
    practices: text('practices').array().notNull().default(sql`'{}'`),
    certifications: text('certifications').array().notNull().default(sql`'{}'`),
    services: text('services').array().notNull().default(sql`'{}'`),
    listed: boolean('listed').notNull().default(true),
    /** How the profile came to exist: its own users, another organization, an import, the generator. */
    source: text('source').$type<'self' | 'added' | 'imported' | 'generated'>().notNull().default('self'),
    addedByOrganizationId: text('added_by_organization_id'),
    /** Derived by the service from the fields above; triggers copy them into `directory_entry`. */
    facetKeys: text('facet_keys').array().notNull().default(sql`'{}'`),
    /** Accent-free lowercase name and body text, computed by the service (same code normalizes queries). */
    searchName: text('search_name').notNull().default(''),
    searchBody: text('search_body').notNull().default(''),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('organization_profile_domain_uq').on(t.domain),
    check('organization_profile_source', sql`${t.source} in ('self','added','imported','generated')`),
  ],
);

/**
 * The directory's search index: one narrow row per profile, kept by triggers on
 * organization_profile (vectors computed there) and activity (last_active_at). Searches scan these
 * small rows instead of the wide profiles. `facet_keys` holds every facet value as `facet:key`
 * (regions derived from countries), so one GIN index serves every filter and one unnest every count.
 */
export const directoryEntry = pgTable(
  'directory_entry',
  {
    organizationId: text('organization_id')
      .primaryKey()
      .references(() => organization.id, { onDelete: 'cascade' }),
    listed: boolean('listed').notNull(),
    searchName: text('search_name').notNull(),
    /** The name's words: name matches rank above body matches. */
    nameVector: tsvector('name_vector').notNull(),
    /** Name and body words without positions (matching only; ranking uses tiers, not positions). */
    searchVector: tsvector('search_vector').notNull(),
    facetKeys: text('facet_keys').array().notNull(),
    lastActiveAt: ts('last_active_at'),
  },
  (t) => [
    index('directory_entry_search_idx').using('gin', t.searchVector),
    index('directory_entry_name_vector_idx').using('gin', t.nameVector),
    index('directory_entry_facets_idx').using('gin', t.facetKeys),
    index('directory_entry_name_idx').on(t.searchName, t.organizationId),
    index('directory_entry_name_prefix_idx').on(t.searchName.op('text_pattern_ops')),
    // Listed organizations, most recently active first: insights' coverage candidates stop after
    // the first few hundred matches instead of sorting every organization of a country and industry.
    index('directory_entry_active_idx')
      .on(t.lastActiveAt.desc().nullsLast(), t.organizationId)
      .where(sql`${t.listed}`),
  ],
);

/** Every word of every profile, for typo-tolerant search (pg_trgm similarity finds near spellings). */
export const directoryTerm = pgTable('directory_term', { term: text('term').primaryKey() }, (t) => [
  index('directory_term_trgm_idx').using('gin', sql`${t.term} gin_trgm_ops`),
  index('directory_term_prefix_idx').on(t.term.op('text_pattern_ops')),
]);

/**
 * A sub-ecosystem: a community, a network, a vendor's channel. Members are the organizations that
 * match its facet filter (dynamic) plus those that joined explicitly. `organization_id` is the
 * owning organization; null for network-wide ecosystems created by the operator.
 */
export const ecosystem = pgTable(
  'ecosystem',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id').references(() => organization.id, { onDelete: 'cascade' }),
    slug: text('slug').notNull(),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    parentId: text('parent_id'),
    hubOrganizationId: text('hub_organization_id').references(() => organization.id, {
      onDelete: 'set null',
    }),
    visibility: text('visibility').notNull().default('public'),
    joinPolicy: text('join_policy').notNull().default('open'),
    /** Facet filter `{ country: ['SE'], role: ['msp'] }`; null when membership is explicit only. */
    filter: jsonb('filter').$type<Record<string, string[]>>(),
    activityWindowDays: integer('activity_window_days').notNull().default(90),
    createdByUserId: text('created_by_user_id').references(() => user.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('ecosystem_slug_uq').on(t.slug),
    index('ecosystem_org_idx').on(t.organizationId),
    index('ecosystem_parent_idx').on(t.parentId),
    check('ecosystem_visibility', sql`${t.visibility} in ('public','members')`),
    check('ecosystem_join_policy', sql`${t.joinPolicy} in ('open','approval','invite')`),
    check('ecosystem_window', sql`${t.activityWindowDays} between 1 and 3650`),
  ],
);

/** An organization's explicit place in an ecosystem: a member, a pending request, or an invitation. */
export const ecosystemMember = pgTable(
  'ecosystem_member',
  {
    ecosystemId: text('ecosystem_id')
      .notNull()
      .references(() => ecosystem.id, { onDelete: 'cascade' }),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organization.id, { onDelete: 'cascade' }),
    status: text('status').notNull(),
    message: text('message'),
    createdAt: ts('created_at').notNull().defaultNow(),
    joinedAt: ts('joined_at'),
  },
  (t) => [
    primaryKey({ columns: [t.ecosystemId, t.organizationId] }),
    index('ecosystem_member_org_idx').on(t.organizationId),
    index('ecosystem_member_status_idx').on(t.ecosystemId, t.status),
    check('ecosystem_member_status', sql`${t.status} in ('member','requested','invited')`),
  ],
);

/**
 * The append-only activity stream every module writes to (profile updated, joined an ecosystem,
 * deals, referrals, events, certifications). An organization is active in an ecosystem when it has
 * activity inside that ecosystem's trailing window.
 */
export const activity = pgTable(
  'activity',
  {
    id: text('id').primaryKey(),
    organizationId: text('organization_id')
      .notNull()
      .references(() => organization.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    source: text('source').notNull(),
    occurredAt: ts('occurred_at').notNull().defaultNow(),
    data: jsonb('data'),
  },
  (t) => [index('activity_org_time_idx').on(t.organizationId, t.occurredAt)],
);
