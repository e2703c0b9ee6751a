/**
 * Writes a generated directory to the database with COPY, chunk by chunk: organizations, their
 * profiles (rows from the directory module's `profileRow`, so facet keys and search text are what
 * the app computes; triggers derive the search index from them), activity, ecosystems and explicit
 * memberships. Each chunk is one transaction; profiles go in before activity (the activity trigger
 * stamps the latest activity on the profile's search entry) and ecosystems before their members.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { CopyLoad, Database } from '../db/client.ts';
import { profileRow } from '../modules/directory/index.ts';
import {
  type GeneratedChunk,
  type GeneratedEcosystem,
  type GeneratedMembership,
  type GeneratedOrganization,
  type GenerateOptions,
  generateDirectory,
} from './generator.ts';

/** The tables the loader writes, in load order. */
export const GENERATED_TABLES = [
  'organization',
  'organization_profile',
  'activity',
  'ecosystem',
  'ecosystem_member',
] as const;
/** One of {@link GENERATED_TABLES}. */
export type GeneratedTable = (typeof GENERATED_TABLES)[number];
/** A number per table. */
export type PerTable = Record<GeneratedTable, number>;

/** How far a load has got (after each chunk). */
export interface LoadProgress {
  organizations: number;
  total: number;
  rows: PerTable;
  elapsedMs: number;
}

/** What to load: the generator's options (minus `reserved`, read from the database) and a progress callback. */
export interface LoadOptions extends Omit<GenerateOptions, 'reserved'> {
  onProgress?: (progress: LoadProgress) => void;
  /** Chunks copied at once, each on its own connection (default 2 on PostgreSQL, 1 on PGlite). */
  concurrency?: number;
}

/**
 * What was loaded: rows, wall-clock seconds, and per table the seconds spent in its COPY statements
 * (summed over concurrent connections, so `rows / tableSeconds` is the rate of one connection).
 */
export interface LoadResult {
  rows: PerTable;
  seconds: number;
  tableSeconds: PerTable;
}

const zero = (): PerTable => ({
  organization: 0,
  organization_profile: 0,
  activity: 0,
  ecosystem: 0,
  ecosystem_member: 0,
});

/**
 * Generates `orgs` organizations and loads them with their activity, ecosystems and memberships.
 * Slugs and domains already in the database are avoided. Chunks are committed one by one (on
 * PostgreSQL two at a time, on two connections): a failure leaves earlier chunks in place.
 */
export async function loadGenerated(database: Database, options: LoadOptions): Promise<LoadResult> {
  const started = performance.now();
  const column = async (sql: string) =>
    (await database.executeSql(sql)).rows.map((row) => String(Object.values(row)[0]));
  const reserved = {
    slugs: await column('SELECT slug FROM organization'),
    domains: await column('SELECT domain FROM organization_profile WHERE domain IS NOT NULL'),
    ecosystemSlugs: await column('SELECT slug FROM ecosystem'),
  };
  const { onProgress, chunkSize = 5000, concurrency, ...generate } = options;
  // Generated in small slices, copied in big chunks: see prepare().
  const directory = generateDirectory({ ...generate, chunkSize: SLICE, reserved });
  const rows = zero();
  const tableSeconds = zero();
  const slices = directory.chunks();
  const perCopy = Math.max(1, Math.round(chunkSize / SLICE));
  // PostgreSQL spends most of the time in the profile triggers (search vectors, GIN indexes), one
  // core per connection: two connections keep both cores of a small machine busy. PGlite is one
  // connection.
  const streams = Math.max(1, concurrency ?? (database.kind === 'postgres' ? 2 : 1));

  const copy = async (chunk: PreparedChunk) => {
    for (let attempt = 1; ; attempt++) {
      const marks: [GeneratedTable, number][] = [];
      const loads: CopyLoad[] = chunk.loads.map((load) => ({
        ...load,
        chunks: timed(load.chunks, () => marks.push([load.table, performance.now()])),
      }));
      try {
        await database.copyCsv(loads);
      } catch (error) {
        // Two chunks adding the same new search terms at once can deadlock; the loser rolled back.
        if (attempt < 5 && (error as { code?: string }).code === '40P01') continue;
        throw error;
      }
      const end = performance.now();
      marks.forEach(([table, at], i) => {
        tableSeconds[table] += ((marks[i + 1]?.[1] ?? end) - at) / 1000;
      });
      for (const table of GENERATED_TABLES) rows[table] += chunk.counts[table];
      onProgress?.({
        organizations: rows.organization,
        total: directory.orgs,
        rows: { ...rows },
        elapsedMs: performance.now() - started,
      });
      return;
    }
  };

  // While chunks are being copied the next one is built (PostgreSQL works in its own processes),
  // so generation and COPY overlap. The first chunk (which holds the ecosystems every later
  // membership points to) is committed before any other starts.
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  let first = true;
  for (;;) {
    const chunk = await prepare(slices, perCopy);
    if (!chunk || failure) break;
    if (first) {
      await copy(chunk);
      first = false;
      continue;
    }
    while (inFlight.size >= streams) await Promise.race(inFlight);
    const running: Promise<void> = copy(chunk)
      .catch((error) => {
        failure ??= error;
      })
      .finally(() => inFlight.delete(running));
    inFlight.add(running);
  }
  await Promise.all(inFlight);
  if (failure) throw failure;
  return { rows, seconds: (performance.now() - started) / 1000, tableSeconds };
}

/** The chunks, noting when COPY starts reading them (that is when the previous table's COPY ended). */
function* timed(chunks: readonly string[], onStart: () => void) {
  onStart();
  yield* chunks;
}

interface PreparedLoad extends CopyLoad {
  table: GeneratedTable;
  chunks: string[];
}

interface PreparedChunk {
  loads: PreparedLoad[];
  counts: PerTable;
}

// Organizations are generated in slices of this many, with a turn of the event loop between
// slices, so a COPY in flight keeps streaming while the next chunk is built.
const SLICE = 100;

async function prepare(slices: Iterator<GeneratedChunk>, count: number): Promise<PreparedChunk | undefined> {
  const orgLines: string[] = [];
  const profileLines: string[] = [];
  const activityLines: string[] = [];
  const ecosystems: GeneratedEcosystem[] = [];
  const memberships: GeneratedMembership[] = [];
  for (let n = 0; n < count; n++) {
    await yieldToLoop();
    const { value: slice, done } = slices.next();
    if (done) break;
    for (const org of slice.organizations) {
      orgLines.push(organizationCsv(org));
      profileLines.push(profileCsv(org));
      for (const a of org.activities)
        activityLines.push(
          `${a.id},${a.organizationId},${a.kind},generator,${a.occurredAt.toISOString()},${a.data ? text(JSON.stringify(a.data)) : ''}`,
        );
    }
    ecosystems.push(...slice.ecosystems);
    memberships.push(...slice.memberships);
  }
  if (orgLines.length === 0) return undefined;
  const table = (name: GeneratedTable, columns: readonly string[], lines: string[]): PreparedLoad[] =>
    lines.length > 0 ? [{ table: name, columns, chunks: [`${lines.join('\n')}\n`] }] : [];
  return {
    loads: [
      ...table('organization', ORGANIZATION_COLUMNS, orgLines),
      ...table('organization_profile', PROFILE_COLUMNS, profileLines),
      ...table('activity', ACTIVITY_COLUMNS, activityLines),
      ...table('ecosystem', ECOSYSTEM_COLUMNS, ecosystems.map(ecosystemCsv)),
      ...table('ecosystem_member', MEMBER_COLUMNS, memberships.map(memberCsv)),
    ],
    counts: {
      organization: orgLines.length,
      organization_profile: profileLines.length,
      activity: activityLines.length,
      ecosystem: ecosystems.length,
      ecosystem_member: memberships.length,
    },
  };
}

const ORGANIZATION_COLUMNS = ['id', 'name', 'slug', 'created_at'];
const PROFILE_COLUMNS = [
  'organization_id',
  'domain',
  'description',
  'logo_url',
  'hq_country',
  'countries',
  'languages',
  'size_band',
  'founded_year',
  'roles',
  'industries',
  'technologies',
  'practices',
  'certifications',
  'services',
  'listed',
  'source',
  'facet_keys',
  'search_name',
  'search_body',
  'updated_at',
];
const ACTIVITY_COLUMNS = ['id', 'organization_id', 'kind', 'source', 'occurred_at', 'data'];
const ECOSYSTEM_COLUMNS = [
  'id',
  'organization_id',
  'slug',
  'name',
  'description',
  'parent_id',
  'hub_organization_id',
  'visibility',
  'join_policy',
  'filter',
  'activity_window_days',
  'created_at',
];
const MEMBER_COLUMNS = ['ecosystem_id', 'organization_id', 'status', 'message', 'created_at', 'joined_at'];

// CSV (PostgreSQL's FORMAT csv): an unquoted empty field is NULL, a quoted one is a string.
const text = (value: string) => `"${value.replaceAll('"', '""')}"`;
const nullable = (value: string | null | undefined) => (value == null ? '' : text(value));
const time = (value: Date | null) => (value ? value.toISOString() : '');
// A text[] as a PostgreSQL array literal inside a quoted CSV field. Taxonomy keys ("31-33",
// "size:5001+") need no quoting in the literal; free text gets every element quoted and escaped.
const keys = (items: readonly string[]) => `"{${items.join(',')}}"`;
const array = (items: readonly string[]) =>
  text(`{${items.map((item) => `"${item.replace(/["\\]/g, '\\$&')}"`).join(',')}}`);

function organizationCsv(org: GeneratedOrganization): string {
  return `${org.id},${text(org.name)},${text(org.slug)},${org.createdAt.toISOString()}`;
}

function profileCsv(org: GeneratedOrganization): string {
  const row = profileRow(org.id, org.name, org.profile);
  return [
    row.organizationId,
    nullable(row.domain),
    text(row.description),
    nullable(row.logoUrl),
    nullable(row.hqCountry),
    keys(row.countries),
    keys(row.languages),
    nullable(row.sizeBand),
    row.foundedYear ?? '',
    keys(row.roles),
    keys(row.industries),
    keys(row.technologies),
    keys(row.practices),
    keys(row.certifications),
    array(row.services),
    row.listed ? 't' : 'f',
    'generated',
    keys(row.facetKeys),
    text(row.searchName),
    text(row.searchBody),
    profileUpdatedAt(org).toISOString(),
  ].join(',');
}

/** When the profile last changed: its latest `profile.updated` activity, else its creation. */
function profileUpdatedAt(org: GeneratedOrganization): Date {
  for (let i = org.activities.length - 1; i >= 0; i--)
    if (org.activities[i]!.kind === 'profile.updated') return org.activities[i]!.occurredAt;
  return org.createdAt;
}

function ecosystemCsv(e: GeneratedEcosystem): string {
  return [
    e.id,
    e.organizationId ?? '',
    text(e.slug),
    text(e.name),
    text(e.description),
    e.parentId ?? '',
    e.hubOrganizationId ?? '',
    e.visibility,
    e.joinPolicy,
    e.filter ? text(JSON.stringify(e.filter)) : '',
    e.activityWindowDays,
    e.createdAt.toISOString(),
  ].join(',');
}

function memberCsv(m: GeneratedMembership): string {
  return [
    m.ecosystemId,
    m.organizationId,
    m.status,
    nullable(m.message),
    m.createdAt.toISOString(),
    time(m.joinedAt),
  ].join(',');
}
