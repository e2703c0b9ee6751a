import { infiniteQueryOptions, keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { Role } from '../../../common/permissions.ts';
import { api, body } from './api.ts';
import type { FacetSelection } from './directory.ts';
import { displayName } from './format.ts';
import type { InvitationStatus, OrgChartNode } from './types.ts';

const PAGE = 50;

// Accounts made by a magic link have no name yet; everywhere a name shows, their address stands in.
const named = <T extends { name: string; email: string }>(m: T): T => ({
  ...m,
  name: displayName(m.name, m.email),
});
const namedTree = (node: OrgChartNode): OrgChartNode => ({
  ...named(node),
  reports: node.reports.map(namedTree),
});

/** Who is signed in; a 401 here means signed out, which callers handle themselves. */
export const meQuery = queryOptions({
  queryKey: ['me'],
  queryFn: () => body(api.GET('/api/v1/me')),
  meta: { allowSignedOut: true },
  staleTime: 60_000,
});

/** The active organization. */
export const organizationQuery = queryOptions({
  queryKey: ['organization'],
  queryFn: () => body(api.GET('/api/v1/organization')),
});

/** Filters of the members list. */
export interface MemberFilters {
  q?: string;
  role?: Role;
}

/** Members, page by page. */
export const membersQuery = (filters: MemberFilters) =>
  infiniteQueryOptions({
    queryKey: ['members', filters],
    queryFn: async ({ pageParam }) => {
      const page = await body(
        api.GET('/api/v1/members', {
          params: {
            query: { limit: PAGE, cursor: pageParam, q: filters.q || undefined, role: filters.role },
          },
        }),
      );
      return { ...page, data: page.data.map(named) };
    },
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

/** How many members there are, in total and per role. */
export const memberStatsQuery = queryOptions({
  queryKey: ['members', 'stats'],
  queryFn: async () => {
    const stats = await body(api.GET('/api/v1/members/stats'));
    // The API keys the counts by plain strings; only known roles are shown.
    return { total: stats.total, byRole: stats.byRole as Partial<Record<Role, number>> };
  },
});

/** The whole reporting forest (also the full member list, for look-ups). */
export const orgChartQuery = queryOptions({
  queryKey: ['members', 'chart'],
  queryFn: async () => {
    const chart = await body(api.GET('/api/v1/org-chart'));
    return { data: chart.data.map(namedTree) };
  },
});

/** Everyone reporting to a member. */
export const rollupQuery = (memberId: string) =>
  queryOptions({
    queryKey: ['members', 'rollup', memberId],
    queryFn: async () => {
      const rollup = await body(
        api.GET('/api/v1/members/{id}/reports', { params: { path: { id: memberId } } }),
      );
      return { ...rollup, manager: named(rollup.manager), reports: rollup.reports.map(named) };
    },
  });

/** The organization's invitations with one status. */
export const invitationsQuery = (status: InvitationStatus) =>
  infiniteQueryOptions({
    queryKey: ['invitations', status],
    queryFn: ({ pageParam }) =>
      body(api.GET('/api/v1/invitations', { params: { query: { status, limit: PAGE, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

/** What an invitation link shows before sign-in (public; the id is the secret). */
export const invitationPreviewQuery = (id: string) =>
  queryOptions({
    queryKey: ['invitation-preview', id],
    queryFn: () => body(api.GET('/api/v1/invitations/{id}/preview', { params: { path: { id } } })),
    meta: { allowSignedOut: true },
  });

/** Open invitations addressed to the signed-in user. */
export const myInvitationsQuery = queryOptions({
  queryKey: ['my-invitations'],
  queryFn: () => body(api.GET('/api/v1/me/invitations')),
});

/** One invitation addressed to the signed-in user. */
export const myInvitationQuery = (id: string) =>
  queryOptions({
    queryKey: ['my-invitations', id],
    queryFn: () => body(api.GET('/api/v1/me/invitations/{id}', { params: { path: { id } } })),
  });

/** API tokens: the user's own, or (admins) everyone's. */
export const tokensQuery = (all: boolean) =>
  infiniteQueryOptions({
    queryKey: ['tokens', { all }],
    queryFn: ({ pageParam }) =>
      body(
        api.GET('/api/v1/tokens', {
          params: { query: { all: all ? 'true' : 'false', limit: PAGE, cursor: pageParam } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

/** The audit log, newest first. */
export const auditQuery = (action: string | undefined) =>
  infiniteQueryOptions({
    queryKey: ['audit', { action }],
    queryFn: ({ pageParam }) =>
      body(api.GET('/api/v1/audit-log', { params: { query: { action, limit: PAGE, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

/** The dev mailbox (public; 404 when the instance sends real mail). */
export const mailboxQuery = (to: string | undefined) =>
  infiniteQueryOptions({
    queryKey: ['mailbox', { to }],
    queryFn: ({ pageParam }) =>
      body(api.GET('/api/v1/dev/mailbox', { params: { query: { to, limit: 20, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    meta: { allowSignedOut: true },
  });

/** Whether the dev mailbox exists on this instance. */
export const mailboxAvailableQuery = queryOptions({
  queryKey: ['mailbox', 'available'],
  queryFn: async () => {
    try {
      await api.GET('/api/v1/dev/mailbox', { params: { query: { limit: 1 } } });
      return true;
    } catch {
      return false;
    }
  },
  staleTime: Number.POSITIVE_INFINITY,
});

/** Words and facet filters of the directory or an ecosystem's members. */
interface DirectoryFilters {
  q?: string;
  selection: FacetSelection;
}

const DIRECTORY_PAGE = 20;

/** Directory search, page by page; while other filters load, the previous result stays on screen. */
export const directoryQuery = ({ q, selection }: DirectoryFilters) =>
  infiniteQueryOptions({
    queryKey: ['directory', 'search', { q, ...selection }],
    queryFn: ({ pageParam }) =>
      body(
        api.GET('/api/v1/directory', {
          params: { query: { q, ...selection, limit: DIRECTORY_PAGE, cursor: pageParam } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

/** Organizations whose name or profile matches words (for pickers). */
export const organizationLookupQuery = (q: string) =>
  queryOptions({
    queryKey: ['directory', 'lookup', q],
    queryFn: () => body(api.GET('/api/v1/directory', { params: { query: { q: q || undefined, limit: 8 } } })),
    placeholderData: keepPreviousData,
  });

/** An organization's profile, by id or slug. */
export const profileQuery = (idOrSlug: string) =>
  queryOptions({
    queryKey: ['directory', 'profile', idOrSlug],
    queryFn: () => body(api.GET('/api/v1/directory/{id}', { params: { path: { id: idOrSlug } } })),
  });

/** The active organization's own profile. */
export const myProfileQuery = queryOptions({
  queryKey: ['directory', 'profile', 'mine'],
  queryFn: () => body(api.GET('/api/v1/directory/profile')),
});

/** Ecosystems you can see (or only your organization's), by name. */
export const ecosystemsQuery = (filters: { q?: string; mine?: boolean }) =>
  infiniteQueryOptions({
    queryKey: ['ecosystems', 'list', filters],
    queryFn: ({ pageParam }) =>
      body(
        api.GET('/api/v1/ecosystems', {
          params: {
            query: {
              q: filters.q || undefined,
              mine: filters.mine ? 'true' : undefined,
              limit: PAGE,
              cursor: pageParam,
            },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

/** Every ecosystem you can see, for choosing a parent (the API's largest page). */
export const ecosystemChoicesQuery = queryOptions({
  queryKey: ['ecosystems', 'choices'],
  queryFn: () => body(api.GET('/api/v1/ecosystems', { params: { query: { limit: 200 } } })),
});

/** One ecosystem, by id or slug. */
export const ecosystemQuery = (idOrSlug: string) =>
  queryOptions({
    queryKey: ['ecosystems', 'detail', idOrSlug],
    queryFn: () => body(api.GET('/api/v1/ecosystems/{id}', { params: { path: { id: idOrSlug } } })),
  });

/** An ecosystem's members, searchable and filterable like the directory. */
export const ecosystemMembersQuery = (
  idOrSlug: string,
  { q, selection, status }: DirectoryFilters & { status?: 'active' | 'inactive' },
) =>
  infiniteQueryOptions({
    queryKey: ['ecosystems', 'detail', idOrSlug, 'members', { q, status, ...selection }],
    queryFn: ({ pageParam }) =>
      body(
        api.GET('/api/v1/ecosystems/{id}/members', {
          params: {
            path: { id: idOrSlug },
            query: { q, status, ...selection, limit: DIRECTORY_PAGE, cursor: pageParam },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

/** An ecosystem's composition: the facet counts of all its members. */
export const ecosystemCompositionQuery = (idOrSlug: string) =>
  queryOptions({
    queryKey: ['ecosystems', 'detail', idOrSlug, 'composition'],
    queryFn: () =>
      body(
        api.GET('/api/v1/ecosystems/{id}/members', {
          params: { path: { id: idOrSlug }, query: { limit: 1 } },
        }),
      ),
  });

/** Active members and members of an ecosystem, week by week. */
export const ecosystemTrendQuery = (idOrSlug: string, weeks = 12) =>
  queryOptions({
    queryKey: ['ecosystems', 'detail', idOrSlug, 'trend', weeks],
    queryFn: () =>
      body(
        api.GET('/api/v1/ecosystems/{id}/activity-trend', {
          params: { path: { id: idOrSlug }, query: { weeks } },
        }),
      ),
  });

/** Pending join requests and invitations of an ecosystem (its managers). */
export const ecosystemRequestsQuery = (idOrSlug: string) =>
  infiniteQueryOptions({
    queryKey: ['ecosystems', 'detail', idOrSlug, 'requests'],
    queryFn: ({ pageParam }) =>
      body(
        api.GET('/api/v1/ecosystems/{id}/requests', {
          params: { path: { id: idOrSlug }, query: { limit: PAGE, cursor: pageParam } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

/** How many of your notifications are unread (the bell's badge; polled). */
export const unreadNotificationsQuery = queryOptions({
  queryKey: ['notifications', 'unread-count'],
  queryFn: () => body(api.GET('/api/v1/notifications/unread-count')),
});

/** Your latest notifications (the bell's list). */
export const latestNotificationsQuery = (limit: number) =>
  queryOptions({
    queryKey: ['notifications', 'latest', limit],
    queryFn: () => body(api.GET('/api/v1/notifications', { params: { query: { limit } } })),
  });

/** Your organization's deal rules: protection window, review SLA, referral response time. */
export const dealSettingsQuery = queryOptions({
  queryKey: ['deal-settings'],
  queryFn: () => body(api.GET('/api/v1/deal-settings')),
});
