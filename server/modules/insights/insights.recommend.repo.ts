// SQL of recommendations: it reads member, organization, organization_profile, directory_entry,
// partnership and trust_score, and writes only recommendation and recommendation_feedback.
import { sql } from 'drizzle-orm';
import { textArray } from '../../db/arrays.ts';
import { type Db, rowsOf } from '../../db/client.ts';
import type { TenantScope } from '../../db/tenant.ts';

/** A public profile's facets (what coverage compares) and when it was last active. */
export interface ProfileRow {
  id: string;
  countries: string[];
  industries: string[];
  technologies: string[];
  practices: string[];
  listed: boolean;
  activeDaysAgo: number | null;
}

const profileColumns = sql`p.organization_id as id, p.countries, p.industries, p.technologies, p.practices, p.listed,
  (extract(epoch from now() - e.last_active_at) / 86400)::float8 as "activeDaysAgo"`;

/** Organizations that have members (the ones recommendations are for), or those of `orgIds` that do. */
export async function selectOrgsWithMembers(db: Db, orgIds?: readonly string[]) {
  const result = await db.execute(sql`
    select distinct organization_id as id from member
     ${orgIds ? sql`where organization_id = any(${textArray(orgIds)})` : sql``}
     order by 1`);
  return rowsOf<{ id: string }>(result).map((r) => r.id);
}

/** Profiles of `ids` (listed or not: the caller decides what may be shown). */
export async function selectProfiles(db: Db, ids: readonly string[]) {
  if (ids.length === 0) return [];
  const result = await db.execute(sql`
    select ${profileColumns}
      from organization_profile p left join directory_entry e on e.organization_id = p.organization_id
     where p.organization_id = any(${textArray(ids)})`);
  return rowsOf<ProfileRow>(result);
}

/**
 * Listed organizations serving one of `countries` and one of `industries`, most recently active
 * first (in the order of the directory's activity index, stopping at `limit`; rare combinations
 * through the GIN index on facet keys), at most `limit`.
 */
export async function selectCoverageCandidates(
  db: Db,
  mine: { countries: readonly string[]; industries: readonly string[] },
  limit: number,
) {
  if (!mine.countries.length || !mine.industries.length) return [];
  const result = await db.execute(sql`
    select ${profileColumns}
      from directory_entry e join organization_profile p on p.organization_id = e.organization_id
     where e.listed
       and e.facet_keys && ${textArray(mine.countries.map((c) => `country:${c}`))}
       and e.facet_keys && ${textArray(mine.industries.map((i) => `industry:${i}`))}
     order by e.last_active_at desc nulls last, e.organization_id
     limit ${limit}`);
  return rowsOf<ProfileRow>(result);
}

/** The organization's live partnerships: partner id → status. */
export async function selectLivePartners(db: Db, orgId: string) {
  const result = await db.execute(sql`
    select case when organization_id = ${orgId} then partner_id else organization_id end as id, status
      from partnership
     where (organization_id = ${orgId} or partner_id = ${orgId}) and status in ('proposed','active','paused')`);
  return new Map(rowsOf<{ id: string; status: string }>(result).map((r) => [r.id, r.status]));
}

/**
 * For each organization working (active partnership) with at least `min` of the organization's
 * most trusted partners, how many: counted, never which.
 */
export async function selectTrustedPaths(
  db: Db,
  orgId: string,
  opts: { top: number; minScore: number; min: number },
) {
  const result = await db.execute(sql`
    with trusted as (
      select partner_id as id from trust_score
       where organization_id = ${orgId} and score >= ${opts.minScore}
       order by score desc, partner_id limit ${opts.top}
    ),
    links as (
      select t.id as via, case when p.organization_id = t.id then p.partner_id else p.organization_id end as candidate
        from trusted t join partnership p on (p.organization_id = t.id or p.partner_id = t.id) and p.status = 'active'
    )
    select candidate as id, count(distinct via)::int as paths from links
     where candidate <> ${orgId}
     group by candidate having count(distinct via) >= ${opts.min}`);
  return rowsOf<{ id: string; paths: number }>(result);
}

/** Replaces an organization's stored recommendations. */
export async function replaceRecommendations(
  db: Db,
  orgId: string,
  rows: readonly { candidateId: string; score: number; reasons: unknown }[],
) {
  await db.execute(sql`delete from recommendation where organization_id = ${orgId}`);
  if (rows.length === 0) return;
  await db.execute(sql`
    insert into recommendation (organization_id, candidate_id, score, reasons, computed_at)
    select ${orgId}, r.c, r.s, r.r, now()
      from jsonb_to_recordset(${JSON.stringify(rows.map((r) => ({ c: r.candidateId, s: r.score, r: r.reasons })))}::jsonb)
        as r(c text, s real, r jsonb)`);
}

/** A stored recommendation with its candidate, as the API shows it. */
export interface RecommendationRow {
  candidateId: string;
  name: string;
  countries: string[] | null;
  industries: string[] | null;
  score: number;
  reasons: unknown;
}

/** The scoped organization's best recommendations, without dismissed ones and ones snoozed until later. */
export async function selectTopRecommendations(db: Db, scope: TenantScope, limit: number) {
  const result = await db.execute(sql`
    select r.candidate_id as "candidateId", o.name, p.countries, p.industries, r.score, r.reasons
      from recommendation r
      join organization o on o.id = r.candidate_id
      left join organization_profile p on p.organization_id = r.candidate_id
     where r.organization_id = ${scope.orgId}
       and not exists (select 1 from recommendation_feedback f
                        where f.organization_id = r.organization_id and f.candidate_id = r.candidate_id
                          and (f.state = 'dismissed' or f.until > now()))
     order by r.score desc, r.candidate_id
     limit ${limit}`);
  return rowsOf<RecommendationRow>(result);
}

/** Whether the scoped organization has a recommendation or feedback for the candidate. */
export async function hasRecommendationOrFeedback(db: Db, scope: TenantScope, candidateId: string) {
  const result = await db.execute(sql`
    select exists (select 1 from recommendation where organization_id = ${scope.orgId} and candidate_id = ${candidateId})
        or exists (select 1 from recommendation_feedback where organization_id = ${scope.orgId} and candidate_id = ${candidateId})
        as found`);
  return rowsOf<{ found: boolean }>(result)[0]?.found === true;
}

/** Remembers the scoped organization's answer to a recommendation (replacing an earlier one). */
export async function upsertFeedback(
  db: Db,
  scope: TenantScope,
  f: { candidateId: string; state: 'dismissed' | 'snoozed'; until: Date | null; userId: string },
) {
  const result = await db.execute(sql`
    insert into recommendation_feedback (organization_id, candidate_id, state, until, user_id, created_at)
    values (${scope.orgId}, ${f.candidateId}, ${f.state}, ${f.until?.toISOString() ?? null}::timestamptz, ${f.userId}, now())
    on conflict (organization_id, candidate_id)
    do update set state = excluded.state, until = excluded.until, user_id = excluded.user_id, created_at = now()
    returning state, until, created_at as "createdAt"`);
  return rowsOf<{ state: string; until: Date | null; createdAt: Date }>(result)[0]!;
}

/** Forgets the scoped organization's answer; whether there was one. */
export async function deleteFeedback(db: Db, scope: TenantScope, candidateId: string) {
  const result = await db.execute(sql`
    delete from recommendation_feedback
     where organization_id = ${scope.orgId} and candidate_id = ${candidateId} returning candidate_id`);
  return rowsOf<unknown>(result).length > 0;
}
