// Test fixtures of the graph tests: rows written straight into other modules' tables (their flows
// are tested in their own modules; the graph only reads the rows).
import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { profileRow } from '../directory/index.ts';

/** Profile fields of a fixture organization. */
export interface FixtureProfile {
  countries?: string[];
  roles?: string[];
  practices?: string[];
  technologies?: string[];
  industries?: string[];
  listed?: boolean;
}

/** An organization without members, with a profile (listed unless said otherwise); its id. */
export async function graphOrg(db: Db, name: string, profile: FixtureProfile = {}) {
  const id = newId();
  await db.execute(sql`INSERT INTO organization (id, name, slug) VALUES (${id}, ${name}, ${`g-${id}`})`);
  await addProfile(db, id, name, profile);
  return id;
}

/** Writes (or replaces) an organization's profile with its derived facet keys. */
export async function addProfile(db: Db, id: string, name: string, profile: FixtureProfile) {
  const row = profileRow(id, name, {
    countries: profile.countries ?? [],
    roles: profile.roles ?? [],
    practices: profile.practices ?? [],
    technologies: profile.technologies ?? [],
    industries: profile.industries ?? [],
  });
  const arr = (v: string[]) => sql`${`{${v.join(',')}}`}::text[]`;
  await db.execute(sql`
    INSERT INTO organization_profile (organization_id, countries, roles, practices, technologies, industries,
                                      listed, facet_keys, search_name, search_body)
    VALUES (${id}, ${arr(row.countries)}, ${arr(row.roles)}, ${arr(row.practices)}, ${arr(row.technologies)},
            ${arr(row.industries)}, ${profile.listed ?? true}, ${arr(row.facetKeys)}, ${row.searchName},
            ${row.searchBody})
    ON CONFLICT (organization_id) DO UPDATE SET countries = excluded.countries, roles = excluded.roles,
      practices = excluded.practices, technologies = excluded.technologies, industries = excluded.industries,
      listed = excluded.listed, facet_keys = excluded.facet_keys`);
}

/** A partnership between two organizations (active unless said otherwise). */
export async function graphPartnership(db: Db, a: string, b: string, status = 'active') {
  await db.execute(sql`
    INSERT INTO partnership (id, organization_id, partner_id, status, types)
    VALUES (${newId()}, ${a}, ${b}, ${status}, ${'{refers}'}::text[])`);
}

/** A referral from `a` to `b` (won unless said otherwise), with its parties. */
export async function graphDeal(
  db: Db,
  a: string,
  b: string,
  opts: { status?: string; amountMinor?: number; currency?: string; coSellers?: string[] } = {},
) {
  const id = newId();
  const status = opts.status ?? 'won';
  await db.execute(sql`
    INSERT INTO deal (id, organization_id, counterparty_id, kind, status, title, customer_name, customer_name_key,
                      amount_minor, currency, won_amount_minor)
    VALUES (${id}, ${a}, ${b}, 'referral', ${status}, 'Deal', 'Customer', 'customer', ${opts.amountMinor ?? 100_000},
            ${opts.currency ?? 'EUR'}, ${status === 'won' ? (opts.amountMinor ?? 100_000) : null})`);
  await db.execute(sql`
    INSERT INTO deal_party (deal_id, organization_id, side) VALUES (${id}, ${a}, 'from'), (${id}, ${b}, 'to')`);
  for (const c of opts.coSellers ?? [])
    await db.execute(sql`
      INSERT INTO deal_party (deal_id, organization_id, side, attribution) VALUES (${id}, ${c}, 'co_seller', 'sourced')`);
  return id;
}

/** An ecosystem with explicit members; its id. */
export async function graphEcosystem(
  db: Db,
  owner: string,
  members: string[],
  visibility: 'public' | 'members' = 'public',
) {
  const id = newId();
  await db.execute(sql`
    INSERT INTO ecosystem (id, organization_id, slug, name, visibility) VALUES (${id}, ${owner}, ${`e-${id}`}, 'Eco', ${visibility})`);
  for (const m of members)
    await db.execute(sql`
      INSERT INTO ecosystem_member (ecosystem_id, organization_id, status, joined_at) VALUES (${id}, ${m}, 'member', now())`);
  return id;
}

/** An account set of `org` (its own, or its list of `subject`) with its customers population (bit 0). */
async function customersOf(db: Db, org: string, subject = org) {
  await db.execute(sql`
    INSERT INTO account_set (id, organization_id, subject_id) VALUES (${newId()}, ${org}, ${subject})
    ON CONFLICT DO NOTHING`);
  const [set] = rowsOf<{ id: string }>(
    await db.execute(
      sql`SELECT id FROM account_set WHERE organization_id = ${org} AND subject_id = ${subject}`,
    ),
  );
  await db.execute(sql`
    INSERT INTO population (id, organization_id, set_id, kind, name, bit)
    VALUES (${newId()}, ${org}, ${set!.id}, 'customers', 'Customers', 0) ON CONFLICT DO NOTHING`);
  const [population] = rowsOf<{ id: string }>(
    await db.execute(sql`SELECT id FROM population WHERE set_id = ${set!.id} AND bit = 0`),
  );
  return { setId: set!.id, populationId: population!.id };
}

/**
 * Two organizations with `keys` overlapping customers (both directions of the overlap), each
 * sharing its customers with the other at the given level (`hidden`: no sharing row).
 */
export async function graphSharedAccounts(
  db: Db,
  a: string,
  b: string,
  keys: number,
  levels: { a: string; b: string },
  opts: { offlineListOfB?: boolean } = {},
) {
  const sa = await customersOf(db, a);
  const sb = opts.offlineListOfB ? await customersOf(db, a, b) : await customersOf(db, b);
  await db.execute(sql`
    INSERT INTO overlap (set_a, bit_a, set_b, bit_b, keys)
    VALUES (${sa.setId}, 0, ${sb.setId}, 0, ${keys}), (${sb.setId}, 0, ${sa.setId}, 0, ${keys})`);
  const share = async (owner: string, partner: string, populationId: string, level: string) => {
    if (level !== 'hidden')
      await db.execute(sql`
        INSERT INTO account_sharing (organization_id, partner_id, population_id, level)
        VALUES (${owner}, ${partner}, ${populationId}, ${level})`);
  };
  await share(a, b, sa.populationId, levels.a);
  await share(opts.offlineListOfB ? a : b, opts.offlineListOfB ? b : a, sb.populationId, levels.b);
}
