import { type Facet, facetLabel } from '../../../common/taxonomy/index.ts';

/** Kinds of reason a recommendation gives. */
export const REASON_KINDS = ['coverage', 'shared_accounts', 'trusted_paths', 'activity'] as const;
/** A kind of reason. */
export type ReasonKind = (typeof REASON_KINDS)[number];
/** One reason in plain words. */
export interface Reason {
  kind: ReasonKind;
  text: string;
}

/** Public profile facets the coverage reason compares. */
export interface CoverageProfile {
  countries: readonly string[];
  industries: readonly string[];
  technologies: readonly string[];
  practices: readonly string[];
}

/** What is known about one candidate for one organization. */
export interface CandidateSignals {
  /** The candidate's public profile (listed), or null. */
  profile: CoverageProfile | null;
  /** Accounts in common in lists the candidate shares with the organization (0: none shared). */
  sharedAccounts: number;
  /** How many of the organization's most trusted partners work with the candidate (shown only at 2 or more). */
  trustedPaths: number;
  /** Days since the candidate was last active, or null. */
  activeDaysAgo: number | null;
}

/** Shortest trusted-path count a recommendation mentions: one partner would be identifiable. */
export const MIN_TRUSTED_PATHS = 2;
/** Share of the score each reason can give. */
export const REASON_WEIGHTS: Record<ReasonKind, number> = {
  coverage: 0.35,
  shared_accounts: 0.25,
  trusted_paths: 0.25,
  activity: 0.15,
};

const labels = (facet: Facet, keys: readonly string[], max = 3) => {
  const names = keys.slice(0, max).map((k) => facetLabel(facet, k) ?? k);
  return keys.length > max ? `${names.join(', ')} and ${keys.length - max} more` : names.join(', ');
};
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * Complementary coverage: the candidate serves some of my countries and industries, and offers
 * technologies or practices I do not. Value = share of my countries × share of my industries × share
 * of the candidate's technologies and practices that are new to me.
 */
export function coverage(mine: CoverageProfile, theirs: CoverageProfile) {
  const countries = theirs.countries.filter((c) => mine.countries.includes(c));
  const industries = theirs.industries.filter((i) => mine.industries.includes(i));
  const newTech = theirs.technologies.filter((t) => !mine.technologies.includes(t));
  const newPractices = theirs.practices.filter((p) => !mine.practices.includes(p));
  const offered = theirs.technologies.length + theirs.practices.length;
  const fresh = newTech.length + newPractices.length;
  if (!countries.length || !industries.length || !fresh) return { value: 0, text: null };
  const value =
    (countries.length / mine.countries.length) *
    (industries.length / mine.industries.length) *
    (fresh / offered);
  const brings = [
    newTech.length ? labels('technology', newTech) : '',
    newPractices.length ? labels('practice', newPractices) : '',
  ]
    .filter(Boolean)
    .join('; ');
  return {
    value,
    text:
      `Works in ${countries.length === 1 ? 'one' : countries.length} of your countries (${labels('country', countries)}) ` +
      `and ${industries.length === 1 ? 'one' : industries.length} of your industries (${labels('industry', industries)}), ` +
      `and brings what you do not offer: ${brings}.`,
  };
}

/** Scores a candidate and words its reasons; null when nothing but activity speaks for it. */
export function recommend(mine: CoverageProfile | null, s: CandidateSignals) {
  const reasons: Reason[] = [];
  let score = 0;
  if (mine && s.profile) {
    const c = coverage(mine, s.profile);
    if (c.text) {
      reasons.push({ kind: 'coverage', text: c.text });
      score += REASON_WEIGHTS.coverage * c.value;
    }
  }
  if (s.sharedAccounts > 0) {
    reasons.push({
      kind: 'shared_accounts',
      text: `${plural(s.sharedAccounts, 'account')} you have ${s.sharedAccounts === 1 ? 'is' : 'are'} in lists they share with you.`,
    });
    score += REASON_WEIGHTS.shared_accounts * Math.min(1, Math.log10(1 + s.sharedAccounts) / 3);
  }
  if (s.trustedPaths >= MIN_TRUSTED_PATHS) {
    reasons.push({
      kind: 'trusted_paths',
      text: `${s.trustedPaths} of your most trusted partners work with them.`,
    });
    score += REASON_WEIGHTS.trusted_paths * Math.min(1, s.trustedPaths / 5);
  }
  if (reasons.length === 0) return null;
  if (s.activeDaysAgo !== null && s.activeDaysAgo <= 30) {
    const week = s.activeDaysAgo <= 7;
    reasons.push({ kind: 'activity', text: `Active on Mycelium in the last ${week ? '7' : '30'} days.` });
    score += REASON_WEIGHTS.activity * (week ? 1 : 0.5);
  }
  return { score: Math.round(score * 10_000) / 10_000, reasons };
}
