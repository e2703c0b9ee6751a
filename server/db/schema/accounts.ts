import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  check,
  customType,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { organization, user } from './auth.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const orgRef = (name: string) => text(name).references(() => organization.id, { onDelete: 'cascade' });
const userRef = (name: string) => text(name).references(() => user.id, { onDelete: 'set null' });

/**
 * A set of accounts one organization manages: its own (`subject_id` = `organization_id`), or the
 * list it uploaded for an offline partner (`subject_id` = that partner), to map against it alone.
 * Accounts, populations' keys and overlaps hang off a set.
 */
export const accountSet = pgTable(
  'account_set',
  {
    id: text('id').primaryKey(),
    /** The tenant that manages the set. */
    organizationId: orgRef('organization_id').notNull(),
    /** Whose accounts these are. */
    subjectId: orgRef('subject_id').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [uniqueIndex('account_set_uq').on(t.organizationId, t.subjectId)],
);

/**
 * One imported account (a CRM account or company; `account` is better-auth's login table). `external_id` is the CRM's id (re-imports upsert by
 * it). `domain` is the registrable domain (from website, domain or e-mail; free-mail ignored),
 * `name_key` the folded name without legal suffixes, and `match_key` what matching compares:
 * `d:<domain>`, else `n:<country>:<canonical name key>` (see account_name_canon), else null
 * (unmatchable). `pop_bits` has one bit per population of the set the account belongs to.
 */
export const crmAccount = pgTable(
  'crm_account',
  {
    id: text('id').primaryKey(),
    organizationId: orgRef('organization_id').notNull(),
    setId: text('set_id')
      .notNull()
      .references(() => accountSet.id, { onDelete: 'cascade' }),
    externalId: text('external_id').notNull(),
    name: text('name').notNull(),
    website: text('website'),
    domain: text('domain'),
    /** The domain without its public suffix (acme for acme.co.uk), as the deal conflict engine keys customers. */
    domainKey: text('domain_key'),
    nameKey: text('name_key').notNull(),
    country: text('country'),
    status: text('status'),
    stage: text('stage'),
    fields: jsonb('fields').notNull().default({}),
    matchKey: text('match_key'),
    popBits: integer('pop_bits').notNull().default(0),
    importId: text('import_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('crm_account_external_uq').on(t.setId, t.externalId),
    index('crm_account_match_idx').on(t.setId, t.matchKey),
    index('crm_account_org_idx').on(t.organizationId, t.setId),
    // The deal conflict engine's probes of a vendor's open opportunities (bit 2): domain key, name.
    index('crm_account_open_domain_idx').on(t.setId, t.domainKey).where(sql`${t.popBits} & 4 <> 0`),
    index('crm_account_open_name_trgm_idx')
      .using('gin', sql`${t.nameKey} gin_trgm_ops`)
      .where(sql`${t.popBits} & 4 <> 0`),
    index('crm_account_open_name_words_idx')
      .using('gin', sql`string_to_array(${t.nameKey}, ' ')`)
      .where(sql`${t.popBits} & 4 <> 0`),
  ],
);

/**
 * A population of a set: the standard three (customers, prospects, open opportunities, derived
 * from the imported status/stage) or a custom one defined by a filter on imported fields. `bit` is
 * its bit in `crm_account.pop_bits` (0–30).
 */
export const population = pgTable(
  'population',
  {
    id: text('id').primaryKey(),
    organizationId: orgRef('organization_id').notNull(),
    setId: text('set_id')
      .notNull()
      .references(() => accountSet.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    bit: smallint('bit').notNull(),
    filter: jsonb('filter'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('population_bit_uq').on(t.setId, t.bit),
    uniqueIndex('population_name_uq').on(t.setId, sql`lower(${t.name})`),
    check('population_kind', sql`${t.kind} in ('customers','prospects','open_opportunities','custom')`),
    check('population_bit', sql`${t.bit} between 0 and 30`),
  ],
);

/**
 * The distinct match keys of each population of a set, with how many accounts carry the key
 * (duplicates inside one organization collapse to one key, so both sides count the same overlap).
 * Maintained incrementally from account changes.
 */
export const populationKey = pgTable(
  'population_key',
  {
    setId: text('set_id')
      .notNull()
      .references(() => accountSet.id, { onDelete: 'cascade' }),
    bit: smallint('bit').notNull(),
    matchKey: text('match_key').notNull(),
    accounts: integer('accounts').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.setId, t.bit, t.matchKey] }),
    index('population_key_key_idx').on(t.matchKey),
  ],
);

/**
 * How many match keys population `bit_a` of set A shares with population `bit_b` of set B, kept
 * for both directions of every related pair (partners; an offline partner's list and its uploader),
 * so reading a matrix is a lookup. Maintained incrementally; a full recompute exists for repair.
 */
export const overlap = pgTable(
  'overlap',
  {
    setA: text('set_a')
      .notNull()
      .references(() => accountSet.id, { onDelete: 'cascade' }),
    bitA: smallint('bit_a').notNull(),
    setB: text('set_b')
      .notNull()
      .references(() => accountSet.id, { onDelete: 'cascade' }),
    bitB: smallint('bit_b').notNull(),
    keys: integer('keys').notNull(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.setA, t.bitA, t.setB, t.bitB] }), index('overlap_b_idx').on(t.setB)],
);

/**
 * The pairs of sets whose overlap is kept (both directions): a pair is computed in full the first
 * time it is needed and maintained incrementally from then on.
 */
export const overlapPair = pgTable(
  'overlap_pair',
  {
    setA: text('set_a')
      .notNull()
      .references(() => accountSet.id, { onDelete: 'cascade' }),
    setB: text('set_b')
      .notNull()
      .references(() => accountSet.id, { onDelete: 'cascade' }),
    computedAt: ts('computed_at').notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.setA, t.setB] }), index('overlap_pair_b_idx').on(t.setB)],
);

/**
 * Canonical name keys per country for accounts without a usable domain: a new name key similar
 * enough to an existing one (token-weighted similarity) adopts it, so fuzzy name matches become
 * equal match keys. Internal to matching: never shown to anyone.
 */
export const accountNameCanon = pgTable(
  'account_name_canon',
  {
    country: text('country').notNull(),
    nameKey: text('name_key').notNull(),
    canonical: text('canonical').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.country, t.nameKey] }),
    index('account_name_canon_trgm_idx').using('gin', sql`${t.nameKey} gin_trgm_ops`),
  ],
);

/**
 * What an organization shares with one partner, per population of its own set: hidden, counts
 * only, overlapping records (names and domains of accounts both have), or full (plus `fields`).
 * No row means hidden.
 */
export const accountSharing = pgTable(
  'account_sharing',
  {
    organizationId: orgRef('organization_id').notNull(),
    partnerId: orgRef('partner_id').notNull(),
    populationId: text('population_id')
      .notNull()
      .references(() => population.id, { onDelete: 'cascade' }),
    level: text('level').notNull(),
    fields: text('fields').array().notNull().default(sql`'{}'::text[]`),
    updatedByUserId: userRef('updated_by_user_id'),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.organizationId, t.partnerId, t.populationId] }),
    index('account_sharing_partner_idx').on(t.partnerId, t.organizationId),
    check('account_sharing_level', sql`${t.level} in ('hidden','counts','overlap','full')`),
  ],
);

/**
 * An import of a CSV file into a set, run as a job: the column mapping, progress, totals, and
 * whether accounts missing from the file are removed. The file is deleted once processed.
 */
export const accountImport = pgTable(
  'account_import',
  {
    id: text('id').primaryKey(),
    organizationId: orgRef('organization_id').notNull(),
    setId: text('set_id')
      .notNull()
      .references(() => accountSet.id, { onDelete: 'cascade' }),
    status: text('status').notNull().default('uploaded'),
    fileName: text('file_name').notNull(),
    fileBytes: bigint('file_bytes', { mode: 'number' }).notNull(),
    mapping: jsonb('mapping').notNull(),
    removeMissing: boolean('remove_missing').notNull().default(false),
    rowsRead: integer('rows_read').notNull().default(0),
    inserted: integer('inserted').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    unchanged: integer('unchanged').notNull().default(0),
    removed: integer('removed').notNull().default(0),
    errorRows: integer('error_rows').notNull().default(0),
    failure: text('failure'),
    createdByUserId: userRef('created_by_user_id'),
    createdAt: ts('created_at').notNull().defaultNow(),
    startedAt: ts('started_at'),
    finishedAt: ts('finished_at'),
  },
  (t) => [
    index('account_import_org_idx').on(t.organizationId, t.id),
    check('account_import_status', sql`${t.status} in ('uploaded','queued','running','done','failed')`),
  ],
);

/** A row an import refused, for the downloadable error report. */
export const accountImportError = pgTable(
  'account_import_error',
  {
    importId: text('import_id')
      .notNull()
      .references(() => accountImport.id, { onDelete: 'cascade' }),
    row: integer('row').notNull(),
    message: text('message').notNull(),
    raw: text('raw').notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.importId, t.row] })],
);

const bytea = customType<{ data: Buffer }>({ dataType: () => 'bytea' });

/**
 * The uploaded file of an import, in chunks, until the job has processed it (then deleted): in the
 * database rather than on one machine's disk, so any worker process can run the import.
 */
export const accountImportChunk = pgTable(
  'account_import_chunk',
  {
    importId: text('import_id')
      .notNull()
      .references(() => accountImport.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    data: bytea('data').notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.seq] })],
);
