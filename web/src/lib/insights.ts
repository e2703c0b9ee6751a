import { infiniteQueryOptions, keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { components, paths } from '../../../common/api/schema.d.ts';
import { minorDigits } from '../../../common/deals.ts';
import type { Money } from '../../../common/money.ts';
import { api, body } from './api.ts';

export type { Money };

// Types as the insights API answers them (generated from the OpenAPI document).

type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Get<P extends keyof paths> = paths[P] extends { get: { responses: { 200: infer R } } } ? Json<R> : never;

/** A refresh of the insights (graph, trust, communities, recommendations). */
export type InsightsRun = Get<'/api/v1/insights/runs'>['data'][number];
/** A page of communities of the latest finished run. */
export type CommunityPage = Get<'/api/v1/insights/communities'>;
/** A discovered sub-ecosystem. */
export type Community = CommunityPage['data'][number];
/** A community with its listed members and the part of its graph a viewer may see. */
export type CommunityDetail = Get<'/api/v1/insights/communities/{id}'>;
/** A listed member of a community. */
export type CommunityMember = CommunityDetail['members'][number];
/** Nodes and edges to draw. */
export type GraphData = Get<'/api/v1/insights/graph'>;
/** A node of a graph the API draws: an organization. */
export type GraphNode = GraphData['nodes'][number];
/** A weighted, typed edge between two organizations. */
export type GraphEdge = GraphData['edges'][number];
/** One partner's trust and effort efficiency. */
export type PartnerInsight = components['schemas']['PartnerInsight'];
/** A trust score with each factor's contribution. */
export type TrustExplanation = components['schemas']['TrustScore'];
/** A factor of a trust score. */
export type TrustFactor = TrustExplanation['factors'][number];
/** An organization worth approaching. */
export type Recommendation = components['schemas']['Recommendation'];
/** Why an organization is recommended. */
export type RecommendationReason = Recommendation['reasons'][number];

// ---------------------------------------------------------------------------------------------
// Sorting the partners table.

/** Columns the partners table sorts by. */
export const PARTNER_SORTS = ['trust', 'efficiency_day', 'efficiency_touch', 'won', 'recent'] as const;
/** A column the partners table sorts by. */
export type PartnerSort = (typeof PARTNER_SORTS)[number];

/** The insights page's state in the URL. */
export interface InsightsSearch {
  sort?: PartnerSort;
  order?: 'asc' | 'desc';
  trust?: string;
}

/** Reads the insights page's search parameters, dropping anything unknown. */
export const validateInsightsSearch = (s: Record<string, unknown>): InsightsSearch => ({
  sort: (PARTNER_SORTS as readonly unknown[]).includes(s.sort) ? (s.sort as PartnerSort) : undefined,
  order: s.order === 'asc' ? 'asc' : undefined,
  trust: typeof s.trust === 'string' && s.trust ? s.trust : undefined,
});

/** The communities page's state in the URL. */
export interface CommunitiesSearch {
  mine?: true;
}

/** Reads the communities page's search parameters. */
export const validateCommunitiesSearch = (s: Record<string, unknown>): CommunitiesSearch => ({
  mine: s.mine === true || s.mine === 'true' ? true : undefined,
});

// ---------------------------------------------------------------------------------------------
// Display helpers.

/** Label and colour of a trust score: how much two organizations have proven to each other. */
export function trustBand(score: number): { label: string; color: string } {
  if (score >= 70) return { label: 'High', color: 'moss' };
  if (score >= 40) return { label: 'Medium', color: 'yellow' };
  if (score >= 15) return { label: 'Low', color: 'orange' };
  return { label: 'Unproven', color: 'gray' };
}

const wholeFormats = new Map<string, Intl.NumberFormat>();

/** An amount in whole units of its currency ("€67,006"): tables comparing partners need no cents. */
export function formatWhole({ amountMinor, currency }: Money): string {
  let format = wholeFormats.get(currency);
  if (!format) {
    format = new Intl.NumberFormat(undefined, { style: 'currency', currency, maximumFractionDigits: 0 });
    wholeFormats.set(currency, format);
  }
  return format.format(amountMinor / 10 ** minorDigits(currency));
}

/** A share (0..1) as a whole percentage; null as a dash. */
export const formatShare = (share: number | null | undefined, digits = 0) =>
  share === null || share === undefined ? '—' : `${(share * 100).toFixed(digits)} %`;

const RAW_LABELS: Record<string, string> = {
  wonAtoB: 'Won deals you brought them',
  wonBtoA: 'Won deals they brought you',
};

/** A raw number's name in words ("wonToThem" → "Won to them"), for the trust explanation. */
export function rawLabel(key: string): string {
  if (RAW_LABELS[key]) return RAW_LABELS[key];
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/_/g, ' ')
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The raw numbers worth showing: empty lists and absent values say nothing. */
export const rawEntries = (raw: Record<string, unknown>) =>
  Object.entries(raw).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0));

/** A raw number as shown: integers as they are, fractions with two decimals. */
export function rawValue(value: unknown): string {
  if (value === null || value === undefined) return '—';
  if (typeof value === 'number') return Number.isInteger(value) ? value.toLocaleString() : value.toFixed(2);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.map(String).join(', ');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** What each kind of edge means, for the graph legend. */
export const EDGE_TYPE_LABELS: Record<string, string> = {
  partnership: 'Partnership',
  deal: 'Deal flow',
  ecosystem: 'Shared public ecosystem',
  accounts: 'Shared accounts',
};

/** Your strongest ties: each neighbour with the kinds of edge and their summed weight, strongest first. */
export function strongestTies(data: GraphData) {
  const me = data.nodes.find((n) => n.me)?.id;
  const names = new Map(data.nodes.map((n) => [n.id, n.label]));
  const ties = new Map<string, { id: string; name: string; weight: number; types: Set<string> }>();
  for (const e of data.edges) {
    if (!me || (e.source !== me && e.target !== me)) continue;
    const other = e.source === me ? e.target : e.source;
    const tie = ties.get(other) ?? {
      id: other,
      name: names.get(other) ?? '—',
      weight: 0,
      types: new Set<string>(),
    };
    tie.weight += e.weight;
    tie.types.add(e.type);
    ties.set(other, tie);
  }
  return [...ties.values()].sort((a, b) => b.weight - a.weight || a.name.localeCompare(b.name));
}

/** The recommendation reasons' labels. */
export const REASON_LABELS: Record<RecommendationReason['kind'], string> = {
  coverage: 'Complementary coverage',
  shared_accounts: 'Shared accounts',
  trusted_paths: 'Trusted paths',
  activity: 'Activity',
};

// ---------------------------------------------------------------------------------------------
// Queries. Every key starts with 'insights', so one invalidation refreshes them all.

const PAGE = 50;

/** Refresh runs, newest first (the first tells whether insights exist and one is running). */
export const runsQuery = queryOptions({
  queryKey: ['insights', 'runs'],
  queryFn: () => body(api.GET('/api/v1/insights/runs', { params: { query: { limit: 5 } } })),
  // While a run is going, look again every few seconds.
  refetchInterval: (q) => (q.state.data?.data[0]?.status === 'running' ? 3000 : false),
});

/** Starts a refresh. */
export const startRun = () => body(api.POST('/api/v1/insights/runs'));

/** Your partners with trust and efficiency, page by page. */
export const partnerInsightsQuery = (sort: PartnerSort, order: 'asc' | 'desc') =>
  infiniteQueryOptions({
    queryKey: ['insights', 'partners', { sort, order }],
    queryFn: ({ pageParam }) =>
      body(
        api.GET('/api/v1/insights/partners', {
          params: { query: { sort, order, limit: PAGE, cursor: pageParam } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

/** The CSV export of the partners table in its order (a plain link: the session cookie authenticates it). */
export const partnersExportHref = (sort: PartnerSort, order: 'asc' | 'desc') =>
  `/api/v1/insights/partners/export.csv?${new URLSearchParams({ sort, order })}`;

/** A partner's trust score with its factors. */
export const trustQuery = (partnerId: string) =>
  queryOptions({
    queryKey: ['insights', 'trust', partnerId],
    queryFn: () => body(api.GET('/api/v1/insights/trust/{partnerId}', { params: { path: { partnerId } } })),
  });

/** Organizations worth approaching. */
export const recommendationsQuery = (limit = 12) =>
  queryOptions({
    queryKey: ['insights', 'recommendations', limit],
    queryFn: () => body(api.GET('/api/v1/insights/recommendations', { params: { query: { limit } } })),
  });

/** Dismisses a recommendation, or puts it off ("not now": 30 days). */
export const giveFeedback = (candidateId: string, state: 'dismissed' | 'snoozed') =>
  body(
    api.PUT('/api/v1/insights/recommendations/{candidateId}/feedback', {
      params: { path: { candidateId } },
      body: { state },
    }),
  );

/** Takes back a dismissal or a "not now". */
export const clearFeedback = (candidateId: string) =>
  body(
    api.DELETE('/api/v1/insights/recommendations/{candidateId}/feedback', {
      params: { path: { candidateId } },
    }),
  );

/** Communities of the latest run, biggest first. */
export const communitiesQuery = (mine: boolean) =>
  infiniteQueryOptions({
    queryKey: ['insights', 'communities', { mine }],
    queryFn: ({ pageParam }) =>
      body(
        api.GET('/api/v1/insights/communities', {
          params: { query: { mine: mine ? 'true' : undefined, limit: 24, cursor: pageParam } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

/** One community with its members and graph. */
export const communityQuery = (id: string) =>
  queryOptions({
    queryKey: ['insights', 'communities', 'detail', id],
    queryFn: () => body(api.GET('/api/v1/insights/communities/{id}', { params: { path: { id } } })),
  });

/** Saves a community as an ecosystem your organization owns. */
export const saveCommunity = (id: string, input: { name?: string; description?: string }) =>
  body(api.POST('/api/v1/insights/communities/{id}/ecosystem', { params: { path: { id } }, body: input }));

/** Your organization's neighbourhood. */
export const neighbourhoodQuery = queryOptions({
  queryKey: ['insights', 'graph'],
  queryFn: () => body(api.GET('/api/v1/insights/graph')),
});
