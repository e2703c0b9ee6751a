/**
 * Names a discovered community after the dominant facets of its members' public profiles
 * ("Northern Europe security operations MSPs"): where they are (the most specific place more than
 * half of them share: a country, else a sub-region, else a region), what they do (a practice, else
 * a technology, else an industry, shared by at least 30 %), and what kind of organization they are
 * (a role shared by at least 30 %). Only listed profiles are counted.
 */
import { type Facet, facetLabel, REGIONS } from '../../../common/taxonomy/index.ts';

/** A facet value and the share of the community's listed members that have it. */
export interface CommunityFacet {
  facet: Facet;
  key: string;
  label: string;
  share: number;
}

/** A place must cover more than this share of members to name the community. */
export const PLACE_SHARE = 0.5;
/** A topic or role must cover at least this share of members to name the community. */
export const TOPIC_SHARE = 0.3;
/** At most this many facets are kept per community. */
const KEPT_FACETS = 6;

const ROLE_NOUNS: Record<string, string> = {
  vendor: 'vendors',
  reseller: 'resellers',
  'referral-partner': 'referral partners',
  ambassador: 'ambassadors',
  distributor: 'distributors',
  'systems-integrator': 'systems integrators',
  msp: 'MSPs',
  isv: 'ISVs',
  'advisory-firm': 'advisory firms',
  'training-company': 'training companies',
  media: 'media',
  association: 'associations',
  community: 'communities',
};

const subRegions = new Set(REGIONS.filter((r) => r.kind === 'sub-region').map((r) => r.key));

// "Security operations (SOC, MDR)" → "security operations"; acronyms (AI, ERP) keep their case.
const phrase = (label: string) => {
  const plain = label.replace(/\s*\([^)]*\)/g, '').trim();
  return /^[A-Z]{2,}/.test(plain) ? plain : plain.charAt(0).toLowerCase() + plain.slice(1);
};

/**
 * The community's facets (shares of its `listed` members) from `counts` (`facet:key` → members
 * having it), strongest first, and its label. `fallback` names a community with nothing dominant.
 */
export function labelCommunity(
  counts: ReadonlyMap<string, number>,
  listed: number,
  fallback: string,
): { label: string; facets: CommunityFacet[] } {
  const all: CommunityFacet[] = [];
  if (listed > 0)
    for (const [facetKey, count] of counts) {
      const at = facetKey.indexOf(':');
      const facet = facetKey.slice(0, at) as Facet;
      const key = facetKey.slice(at + 1);
      const label = facetLabel(facet, key);
      if (label) all.push({ facet, key, label, share: count / listed });
    }
  all.sort((a, b) => b.share - a.share || a.label.localeCompare(b.label));
  const top = (test: (f: CommunityFacet) => boolean, min: number) =>
    all.find((f) => test(f) && f.share >= min);
  const majority = (test: (f: CommunityFacet) => boolean) =>
    all.find((f) => test(f) && f.share > PLACE_SHARE);

  const place =
    majority((f) => f.facet === 'country') ??
    majority((f) => f.facet === 'region' && subRegions.has(f.key)) ??
    majority((f) => f.facet === 'region');
  const topic =
    top((f) => f.facet === 'practice', TOPIC_SHARE) ??
    top((f) => f.facet === 'technology', TOPIC_SHARE) ??
    top((f) => f.facet === 'industry', TOPIC_SHARE);
  const role = top((f) => f.facet === 'role', TOPIC_SHARE);

  const chosen = [place, topic, role].filter((f): f is CommunityFacet => f !== undefined);
  const others = all.filter(
    (f) => !chosen.includes(f) && f.facet !== 'country' && f.facet !== 'region' && f.share >= TOPIC_SHARE,
  );
  const facets = [...chosen, ...others].slice(0, KEPT_FACETS);
  if (!place && !topic && !role) return { label: fallback, facets };
  const words = [
    place?.label,
    topic ? phrase(topic.label) : undefined,
    role ? (ROLE_NOUNS[role.key] ?? phrase(role.label)) : 'partners',
  ].filter(Boolean);
  const label = words.join(' ');
  return { label: label.charAt(0).toUpperCase() + label.slice(1), facets };
}

/** Makes labels unique within one run: the second "X" becomes "X (2)". */
export function uniqueLabels(labels: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return labels.map((label) => {
    const n = (seen.get(label) ?? 0) + 1;
    seen.set(label, n);
    return n === 1 ? label : `${label} (${n})`;
  });
}
