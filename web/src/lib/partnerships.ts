import {
  infiniteQueryOptions,
  keepPreviousData,
  queryOptions,
  useMutation,
  useQueryClient,
} from '@tanstack/react-query';
import type { components, paths } from '../../../common/api/schema.d.ts';
import {
  PARTNERSHIP_TYPE_LABELS,
  type PartnershipStatus,
  type PartnershipType,
  REFERRAL_TYPES,
  REGISTRATION_TYPES,
} from '../../../common/deals.ts';
import type { Role } from '../../../common/permissions.ts';
import { ApiError, api, body } from './api.ts';
import { displayName } from './format.ts';

const PAGE = 50;

/** A partnership, seen from your organization's side. */
export type Partnership = components['schemas']['Partnership'];
/** One entry of a partnership's timeline. */
export type PartnershipEvent = components['schemas']['PartnershipEvent'];
/** Deals, value, wins and answer times each way between your organization and a partner. */
export type PairLedger = components['schemas']['PairLedger'];
/** One direction of the pair ledger. */
export type LedgerSide = PairLedger['sent'];
/** A deal in lists. */
export type PairDeal = components['schemas']['DealSummary'];
/** A move on a partnership. */
export type PartnershipAction = 'accept' | 'decline' | 'withdraw' | 'pause' | 'resume' | 'end';
/** What the proposal form sends. */
export type NewPartnership =
  paths['/api/v1/partnerships']['post']['requestBody']['content']['application/json'];
/** The organization a partnership is with. */
export type PartnerRef = Partnership['partner'];

/** The tabs of the partnerships page. */
export const PARTNERSHIP_TABS = ['active', 'proposals', 'paused', 'ended'] as const;
/** A tab of the partnerships page. */
export type PartnershipTab = (typeof PARTNERSHIP_TABS)[number];

/** States that end a partnership for good (the "Ended" tab). */
export const CLOSED_STATUSES = ['ended', 'declined', 'withdrawn'] as const satisfies PartnershipStatus[];
/** States of a live partnership: only one at a time per pair. */
export const LIVE_STATUSES: readonly PartnershipStatus[] = ['proposed', 'active', 'paused'];

/** Badge label and colour of each state. */
export const STATUS_META: Record<PartnershipStatus, { label: string; color: string }> = {
  proposed: { label: 'Proposed', color: 'yellow' },
  active: { label: 'Active', color: 'moss' },
  paused: { label: 'Paused', color: 'orange' },
  declined: { label: 'Declined', color: 'red' },
  withdrawn: { label: 'Withdrawn', color: 'gray' },
  ended: { label: 'Ended', color: 'gray' },
};

/** How an organization's directory profile is addressed: its slug when it has one. */
export const profileId = (org: PartnerRef) => org.slug || org.id;

/** Whether an active partnership's types let the two organizations refer deals to each other. */
export const allowsReferrals = (p: Pick<Partnership, 'status' | 'types'>) =>
  p.status === 'active' && p.types.some((t) => REFERRAL_TYPES.includes(t));

/** Whether an active partnership's types let you register deals with the partner. */
export const allowsRegistrations = (p: Pick<Partnership, 'status' | 'types'>) =>
  p.status === 'active' && p.types.some((t) => REGISTRATION_TYPES.includes(t));

/** Type labels in the vocabulary's order. */
export const typeLabels = (types: readonly PartnershipType[]) =>
  types.map((t) => PARTNERSHIP_TYPE_LABELS[t] ?? t);

/**
 * The moves your side may make on a partnership, in the order they are offered: the server
 * enforces the same rules (accept/decline: the invited side; withdraw: the proposer; resume: the
 * side that paused).
 */
export function availableActions(p: Pick<Partnership, 'status' | 'direction' | 'pausedByMe'>) {
  const actions: PartnershipAction[] = [];
  switch (p.status) {
    case 'proposed':
      if (p.direction === 'incoming') actions.push('accept', 'decline');
      else actions.push('withdraw');
      break;
    case 'active':
      actions.push('pause', 'end');
      break;
    case 'paused':
      if (p.pausedByMe) actions.push('resume');
      actions.push('end');
      break;
  }
  return actions;
}

/** A one-line status of a partnership, from your side ("Waiting for your answer"). */
export function statusLine(p: Partnership): string {
  const them = p.partner.name;
  switch (p.status) {
    case 'proposed':
      if (p.direction === 'incoming') return `${them} proposes a partnership: it waits for your answer.`;
      return p.partnerOffline
        ? `${them} is not on Mycelium yet: it answers once someone there claims its profile.`
        : `Waiting for ${them} to answer.`;
    case 'active':
      return 'Active: both sides opted in.';
    case 'paused':
      return p.pausedByMe
        ? 'Paused by your organization: no new deals until you resume it.'
        : `Paused by ${them}: no new deals until they resume it.`;
    case 'declined':
      return p.direction === 'incoming' ? 'Your organization declined.' : `${them} declined.`;
    case 'withdrawn':
      return p.direction === 'outgoing'
        ? 'Your organization withdrew the proposal.'
        : `${them} withdrew the proposal.`;
    case 'ended':
      return 'Ended: no new deals go through it. Working together again needs a new proposal.';
  }
}

// Money and numbers.

const percent = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });

/** "67%" from 0..1; a dash when unknown. */
export const formatRate = (rate: number | null) => (rate === null ? '—' : percent.format(rate));

/** "under an hour", "5 hours", "2.5 days": a median answer time; a dash when unknown. */
export function formatHours(hours: number | null): string {
  if (hours === null) return '—';
  if (hours < 1) return 'under an hour';
  if (hours < 48) {
    const h = Math.round(hours);
    return `${h} ${h === 1 ? 'hour' : 'hours'}`;
  }
  const days = hours / 24;
  const shown = days < 10 ? Math.round(days * 10) / 10 : Math.round(days);
  return `${shown} days`;
}

// Timeline.

/** A timeline entry in words, without the actor ("accepted the partnership"). */
export function eventSentence(e: PartnershipEvent, ownerNames?: ReadonlyMap<string, string>): string {
  const data = (e.data ?? {}) as { types?: PartnershipType[]; reason?: string; ownerUserId?: string | null };
  const reason = data.reason ? `: “${data.reason}”` : '';
  switch (e.kind) {
    case 'proposed':
      return data.types?.length
        ? `proposed the partnership (${typeLabels(data.types).join(', ')})`
        : 'proposed the partnership';
    case 'accepted':
      return 'accepted the partnership';
    case 'declined':
      return `declined the proposal${reason}`;
    case 'withdrawn':
      return `withdrew the proposal${reason}`;
    case 'paused':
      return `paused the partnership${reason}`;
    case 'resumed':
      return 'resumed the partnership';
    case 'ended':
      return `ended the partnership${reason}`;
    case 'owner_changed': {
      if (!data.ownerUserId) return 'removed their owning alliance manager';
      const name = ownerNames?.get(data.ownerUserId);
      return name ? `made ${name} their owning alliance manager` : 'changed their owning alliance manager';
    }
    default:
      return e.kind.replaceAll('_', ' ');
  }
}

// Queries.

/** Filters of the partnerships page. */
export interface PartnershipFilters {
  type?: PartnershipType;
  q?: string;
}

type ListQuery = NonNullable<paths['/api/v1/partnerships']['get']['parameters']['query']>;

const listPage = (query: ListQuery) =>
  body(api.GET('/api/v1/partnerships', { params: { query: { ...query, q: query.q || undefined } } }));

/**
 * Pages of several states' lists, fetched below the same cursor, as one page: the API orders every
 * list by id and its cursor is an id, so the newest `limit` of them all are a page, and the next
 * one starts below the last id kept (rows fetched past it come again then).
 */
export function mergePages<T extends { id: string }>(
  pages: readonly { data: readonly T[]; nextCursor: string | null }[],
  limit: number,
) {
  const all = pages.flatMap((p) => p.data).sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const data = all.slice(0, limit);
  const more = all.length > limit || pages.some((p) => p.nextCursor);
  return { data, nextCursor: more ? (data.at(-1)?.id ?? null) : null };
}

/** One page of partnerships in any of several states, newest first (the API filters by one). */
async function statusesPage(
  statuses: readonly PartnershipStatus[],
  filters: PartnershipFilters,
  cursor: string | undefined,
) {
  const pages = await Promise.all(
    statuses.map((status) => listPage({ ...filters, status, limit: PAGE, cursor })),
  );
  return mergePages(pages, PAGE);
}

/** Partnerships in one state (or, for `closed`, ended, declined or withdrawn), page by page. */
export const partnershipsQuery = (
  status: PartnershipStatus | 'closed',
  filters: PartnershipFilters & { direction?: 'incoming' | 'outgoing' },
) =>
  infiniteQueryOptions({
    queryKey: ['partnerships', 'list', status, filters],
    queryFn: ({ pageParam }) =>
      status === 'closed'
        ? statusesPage(CLOSED_STATUSES, filters, pageParam)
        : listPage({ ...filters, status, limit: PAGE, cursor: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

/** How many proposals wait for your organization's answer (up to the API's largest page). */
export const incomingProposalsQuery = queryOptions({
  queryKey: ['partnerships', 'incoming-count'],
  queryFn: async () => {
    const page = await listPage({ status: 'proposed', direction: 'incoming', limit: 200 });
    return { count: page.data.length, more: page.nextCursor !== null };
  },
});

/** One partnership. */
export const partnershipQuery = (id: string) =>
  queryOptions({
    queryKey: ['partnerships', 'detail', id],
    queryFn: () => body(api.GET('/api/v1/partnerships/{id}', { params: { path: { id } } })),
  });

/** A partnership's timeline, oldest first. */
export const partnershipTimelineQuery = (id: string) =>
  queryOptions({
    queryKey: ['partnerships', 'detail', id, 'timeline'],
    queryFn: () => body(api.GET('/api/v1/partnerships/{id}/timeline', { params: { path: { id } } })),
  });

/** The pair ledger of a partnership. */
export const partnershipLedgerQuery = (id: string) =>
  queryOptions({
    queryKey: ['partnerships', 'detail', id, 'ledger'],
    queryFn: () => body(api.GET('/api/v1/partnerships/{id}/ledger', { params: { path: { id } } })),
  });

/** The live partnership (proposed, active or paused) with an organization, or null. */
export const partnershipWithQuery = (orgId: string) =>
  queryOptions({
    queryKey: ['partnerships', 'with', orgId],
    queryFn: async () => {
      // At most one is live per pair, and it is the newest: a new one can only start once the last ended.
      const page = await listPage({ partnerId: orgId, limit: 1 });
      const latest = page.data[0];
      return latest && LIVE_STATUSES.includes(latest.status) ? latest : null;
    },
  });

/** Roles offered first when choosing who owns a partnership. */
const OWNER_ROLE_ORDER: Role[] = ['alliance_manager', 'cpo', 'owner', 'admin', 'sales', 'finance', 'member'];

/** Members who can own a partnership, alliance managers and CPOs first (the API's largest page). */
export const ownerChoicesQuery = queryOptions({
  queryKey: ['members', 'owner-choices'],
  queryFn: async () => {
    const page = await body(api.GET('/api/v1/members', { params: { query: { limit: 200 } } }));
    return page.data
      .map((m) => ({ userId: m.userId, name: displayName(m.name, m.email), email: m.email, role: m.role }))
      .sort(
        (a, b) =>
          OWNER_ROLE_ORDER.indexOf(a.role) - OWNER_ROLE_ORDER.indexOf(b.role) || a.name.localeCompare(b.name),
      );
  },
  staleTime: 60_000,
});

/** A member who can own a partnership. */
export type OwnerChoice = Awaited<ReturnType<NonNullable<typeof ownerChoicesQuery.queryFn>>>[number];

// Mutations.

/** Lists, details, timelines, ledgers and the bell all change with any partnership move. */
function useRefresh() {
  const queryClient = useQueryClient();
  return (updated?: Partnership) => {
    if (updated) queryClient.setQueryData(partnershipQuery(updated.id).queryKey, updated);
    return Promise.all([
      queryClient.invalidateQueries({ queryKey: ['partnerships'] }),
      queryClient.invalidateQueries({ queryKey: ['notifications'] }),
    ]);
  };
}

/** Proposes a partnership (to a directory organization, or a new offline one). */
export function useProposePartnership() {
  const refresh = useRefresh();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: NewPartnership) => body(api.POST('/api/v1/partnerships', { body: input })),
    onSuccess: (created, input) => {
      // A new offline partner is a new directory entry.
      if (input.newPartner) void queryClient.invalidateQueries({ queryKey: ['directory'] });
      return refresh(created);
    },
  });
}

/** Accepts, declines, withdraws, pauses, resumes or ends a partnership. */
export function usePartnershipAction() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({
      id,
      action,
      reason,
      ownerUserId,
    }: {
      id: string;
      action: PartnershipAction;
      reason?: string;
      ownerUserId?: string;
    }) =>
      body(
        api.POST('/api/v1/partnerships/{id}/{action}', {
          params: { path: { id, action } },
          body: { ...(reason ? { reason } : {}), ...(ownerUserId ? { ownerUserId } : {}) },
        }),
      ),
    onSuccess: (updated) => refresh(updated),
  });
}

/** Sets (or clears) your side's owning alliance manager. */
export function useSetPartnershipOwner() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, ownerUserId }: { id: string; ownerUserId: string | null }) =>
      body(api.PATCH('/api/v1/partnerships/{id}', { params: { path: { id } }, body: { ownerUserId } })),
    onSuccess: (updated) => refresh(updated),
  });
}

/** The existing partnership a refused proposal points at (409 already_exists), if any. */
export function existingPartnershipId(err: unknown): string | undefined {
  if (!(err instanceof ApiError) || err.status !== 409) return undefined;
  const details = err.body.error.details as { partnershipId?: unknown } | undefined;
  return typeof details?.partnershipId === 'string' ? details.partnershipId : undefined;
}

/** Past tense of each move, for confirmations ("Partnership paused"). */
export const ACTION_DONE: Record<PartnershipAction, string> = {
  accept: 'accepted',
  decline: 'declined',
  withdraw: 'withdrawn',
  pause: 'paused',
  resume: 'resumed',
  end: 'ended',
};
