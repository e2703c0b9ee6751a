/**
 * Recommendations: partners worth approaching, each with its reasons in plain words (see
 * insights.recommend.reasons.ts). Candidates are organizations with a listed profile and no live
 * partnership with the organization (coverage, trusted paths), plus active partners whose shared
 * lists overlap its accounts (shared accounts: only what the partner shares at counts or more, via
 * the accounts module). Trusted paths are counted, never named, and only from two on. Stored per
 * organization with members (top 20) by the refresh; dismissed and snoozed ones are filtered at
 * read time, so an answer holds across refreshes.
 */
import { addDays, addYears } from 'date-fns';
import type { Db } from '../../db/client.ts';
import { tenantScope } from '../../db/tenant.ts';
import { invalidInput, notFound } from '../../errors.ts';
import type { MemberActor } from '../../http/actor.ts';
import { authorize } from '../../http/authorize.ts';
import { sharedAccountCounts } from '../accounts/index.ts';
import { recordAudit } from '../audit/index.ts';
import {
  type CandidateSignals,
  MIN_TRUSTED_PATHS,
  type Reason,
  recommend,
} from './insights.recommend.reasons.ts';
import * as repo from './insights.recommend.repo.ts';

/** Recommendations stored per organization. */
export const STORED_RECOMMENDATIONS = 20;
/**
 * Coverage candidates looked at per organization (most recently active first, read in that order
 * from the directory's activity index): 2,000 took ~130 ms an organization at 500k organizations.
 */
const COVERAGE_CANDIDATES = 300;
/** Organizations whose recommendations are computed at once (each on its own connection). */
const CONCURRENCY = 2;
/** "Most trusted partners": the top ten at a trust score of 40 or more. */
const TRUSTED = { top: 10, minScore: 40, min: MIN_TRUSTED_PATHS };

/** Days a "not now" lasts by default. */
export const DEFAULT_SNOOZE_DAYS = 30;

const emptySignals = (): CandidateSignals => ({
  profile: null,
  sharedAccounts: 0,
  trustedPaths: 0,
  activeDaysAgo: null,
});

/**
 * Coverage candidates by the countries and industries asked for, shared by the organizations of one
 * refresh that serve the same ones (each drops itself from the list).
 */
type CoverageCache = Map<string, Promise<repo.ProfileRow[]>>;

function coverageCandidates(db: Db, orgId: string, mine: repo.ProfileRow, cache: CoverageCache) {
  const key = `${[...mine.countries].sort().join(',')}|${[...mine.industries].sort().join(',')}`;
  let candidates = cache.get(key);
  if (!candidates) {
    // One more than needed, in case the organization itself is among them.
    candidates = repo.selectCoverageCandidates(db, mine, COVERAGE_CANDIDATES + 1);
    cache.set(key, candidates);
  }
  return candidates.then((rows) => rows.filter((r) => r.id !== orgId).slice(0, COVERAGE_CANDIDATES));
}

/** Computes one organization's recommendations (best first, at most 20). */
export async function recommendationsFor(db: Db, orgId: string, cache: CoverageCache = new Map()) {
  const [[mine], live, paths, shared] = await Promise.all([
    repo.selectProfiles(db, [orgId]),
    repo.selectLivePartners(db, orgId),
    repo.selectTrustedPaths(db, orgId, TRUSTED),
    sharedAccountCounts(db, [orgId]),
  ]);
  const coverage = mine ? await coverageCandidates(db, orgId, mine, cache) : [];
  const signals = new Map<string, CandidateSignals>();
  const of = (id: string) => {
    const s = signals.get(id) ?? emptySignals();
    signals.set(id, s);
    return s;
  };
  for (const p of coverage) Object.assign(of(p.id), { profile: p, activeDaysAgo: p.activeDaysAgo });
  for (const p of paths) of(p.id).trustedPaths = p.paths;
  for (const s of shared) if (live.get(s.partnerId) === 'active') of(s.partnerId).sharedAccounts = s.accounts;
  // Profiles of candidates found through paths or sharing: only listed ones may be recommended by name,
  // except active partners, whom the organization knows already.
  const missing = [...signals.keys()].filter((id) => !signals.get(id)!.profile);
  for (const p of await repo.selectProfiles(db, missing)) {
    const s = of(p.id);
    s.activeDaysAgo = p.activeDaysAgo;
    if (p.listed || live.get(p.id) === 'active') s.profile = p;
  }
  const scored: { candidateId: string; score: number; reasons: Reason[] }[] = [];
  for (const [id, s] of signals) {
    const status = live.get(id);
    if (id === orgId || (status && !(status === 'active' && s.sharedAccounts > 0))) continue;
    if (!s.profile) continue;
    // An active partner is recommended for the accounts it shares, not for coverage or paths.
    const r = recommend(mine ?? null, status ? { ...s, trustedPaths: 0, profile: null } : s);
    if (r) scored.push({ candidateId: id, ...r });
  }
  scored.sort((a, b) => b.score - a.score || a.candidateId.localeCompare(b.candidateId));
  return scored.slice(0, STORED_RECOMMENDATIONS);
}

/**
 * Recomputes and stores the recommendations of every organization that has members (or of
 * `orgIds` among them), each replaced in its own transaction, two organizations at a time.
 */
export async function refreshRecommendations(db: Db, options: { orgIds?: string[] } = {}) {
  const orgIds = await repo.selectOrgsWithMembers(db, options.orgIds);
  let rows = 0;
  let next = 0;
  const cache: CoverageCache = new Map();
  const worker = async () => {
    while (next < orgIds.length) {
      const orgId = orgIds[next++]!;
      const top = await recommendationsFor(db, orgId, cache);
      await db.transaction((tx) => repo.replaceRecommendations(tx, orgId, top));
      rows += top.length;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return { organizations: orgIds.length, rows };
}

const present = (r: repo.RecommendationRow) => ({
  candidate: {
    id: r.candidateId,
    name: r.name,
    countries: r.countries ?? [],
    industries: r.industries ?? [],
  },
  score: Math.round(r.score * 1000) / 1000,
  reasons: r.reasons as Reason[],
});

/** An organization's best stored recommendations, without dismissed and snoozed ones (for the cockpit). */
export async function topRecommendations(db: Db, orgId: string, limit: number) {
  return (await repo.selectTopRecommendations(db, tenantScope(orgId), limit)).map(present);
}

/** The actor's organization's recommendations. */
export async function listRecommendations(db: Db, actor: MemberActor, limit: number) {
  authorize(actor, 'insights.read');
  return { data: (await repo.selectTopRecommendations(db, actor.scope, limit)).map(present) };
}

/** Dismisses a recommendation for good, or snoozes it until a date (default 30 days, at most a year). */
export async function putFeedback(
  db: Db,
  actor: MemberActor,
  candidateId: string,
  input: { state: 'dismissed' | 'snoozed'; until?: string },
) {
  authorize(actor, 'insights.manage');
  const now = new Date();
  let until: Date | null = null;
  if (input.state === 'dismissed') {
    if (input.until) throw invalidInput('A dismissal is for good: give until only with snoozed', 'until');
  } else {
    until = input.until ? new Date(input.until) : addDays(now, DEFAULT_SNOOZE_DAYS);
    if (until <= now) throw invalidInput('until must be in the future', 'until');
    if (until > addYears(now, 1)) throw invalidInput('until must be within a year', 'until');
  }
  if (!(await repo.hasRecommendationOrFeedback(db, actor.scope, candidateId)))
    throw notFound('Recommendation');
  return db.transaction(async (tx) => {
    const row = await repo.upsertFeedback(tx, actor.scope, {
      candidateId,
      state: input.state,
      until,
      userId: actor.userId,
    });
    await recordAudit(tx, actor, {
      action: `recommendation.${input.state}`,
      targetType: 'organization',
      targetId: candidateId,
      data: { until: until?.toISOString() ?? null },
    });
    return { candidateId, state: input.state, until: row.until ? new Date(row.until) : null };
  });
}

/** Forgets the answer: the recommendation shows again (404 when there was none). */
export async function deleteFeedback(db: Db, actor: MemberActor, candidateId: string) {
  authorize(actor, 'insights.manage');
  await db.transaction(async (tx) => {
    if (!(await repo.deleteFeedback(tx, actor.scope, candidateId))) throw notFound('Recommendation feedback');
    await recordAudit(tx, actor, {
      action: 'recommendation.feedback_removed',
      targetType: 'organization',
      targetId: candidateId,
    });
  });
}
