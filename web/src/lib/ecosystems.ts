import type { Facet } from '../../../common/taxonomy/index.ts';
import { byCount, FACET_NAMES, type FacetSelection } from './directory.ts';
import type { EcosystemStatus, FacetCount, JoinPolicy, Visibility } from './types.ts';

/** What your organization can do about an ecosystem, from its status there and the join policy. */
export type MembershipAction =
  /** Your organization runs it. */
  | 'owner'
  /** Joined: it may leave. */
  | 'leave'
  /** A member because its profile matches the filter: nothing to join or leave. */
  | 'matched'
  /** A request waits for the managers: it may withdraw it. */
  | 'withdraw'
  /** Invited: accept or decline. */
  | 'respond'
  /** Open: join at once. */
  | 'join'
  /** Approval: ask, with a note to the managers. */
  | 'request'
  /** Invitation only, and not invited. */
  | 'invite-only';

/** The action an ecosystem page offers your organization. */
export function membershipAction(status: EcosystemStatus, policy: JoinPolicy): MembershipAction {
  switch (status) {
    case 'owner':
      return 'owner';
    case 'member':
      return 'leave';
    case 'matched':
      return 'matched';
    case 'requested':
      return 'withdraw';
    case 'invited':
      return 'respond';
    default:
      return policy === 'open' ? 'join' : policy === 'approval' ? 'request' : 'invite-only';
  }
}

/** Labels and explanations of join policies. */
export const JOIN_POLICIES: Record<JoinPolicy, { label: string; hint: string }> = {
  open: { label: 'Open', hint: 'Any organization can join at once.' },
  approval: { label: 'Approval', hint: 'Organizations ask to join; your managers approve or decline.' },
  invite: { label: 'Invitation only', hint: 'Only organizations you invite can join.' },
};

/** Labels and explanations of visibilities. */
export const VISIBILITIES: Record<Visibility, { label: string; hint: string }> = {
  public: { label: 'Public', hint: 'Every organization on Mycelium can find it.' },
  members: { label: 'Members only', hint: 'Only its members and the organizations invited see it.' },
};

/** How your organization's status reads on a badge ('none' has none). */
export const STATUS_LABELS: Record<Exclude<EcosystemStatus, 'none'>, string> = {
  owner: 'Yours',
  member: 'Member',
  matched: 'Member by filter',
  requested: 'Requested',
  invited: 'Invited',
};

/** A filter builder's choice as the API's filter: only facets with values; null when none has any. */
export function filterOf(selection: FacetSelection): Partial<Record<Facet, string[]>> | null {
  const filter: Partial<Record<Facet, string[]>> = {};
  for (const facet of FACET_NAMES) {
    const keys = selection[facet];
    if (keys?.length) filter[facet] = [...keys];
  }
  return Object.keys(filter).length ? filter : null;
}

/** An ecosystem's filter as a value for every facet of the builder (empty where it has none). */
export function builderValues(filter: Record<string, string[]> | null): Record<Facet, string[]> {
  return Object.fromEntries(FACET_NAMES.map((facet) => [facet, [...(filter?.[facet] ?? [])]])) as Record<
    Facet,
    string[]
  >;
}

/** Whether two filters choose the same values (order within a facet does not matter). */
export function sameFilter(
  a: Partial<Record<string, string[]>> | null,
  b: Partial<Record<string, string[]>> | null,
): boolean {
  return FACET_NAMES.every((facet) => {
    const x = [...(a?.[facet] ?? [])].sort();
    const y = [...(b?.[facet] ?? [])].sort();
    return x.length === y.length && x.every((key, i) => key === y[i]);
  });
}

/** The `limit` values most members have, for a composition chart (values nobody has left out). */
export function topValues(values: readonly FacetCount[] | undefined, limit = 8): FacetCount[] {
  return (values ?? [])
    .filter((v) => v.count > 0)
    .sort(byCount)
    .slice(0, limit);
}

// Weeks start at midnight UTC, so they are labelled in UTC (a browser west of Greenwich would say the day before).
const weekLabel = new Intl.DateTimeFormat('en', { day: 'numeric', month: 'short', timeZone: 'UTC' });

/** Trend points as chart rows: "Mar 3", active and members. */
export function trendRows(points: readonly { at: string; active: number; members: number }[]) {
  return points.map((p) => ({
    week: weekLabel.format(new Date(p.at)),
    active: p.active,
    members: p.members,
  }));
}
