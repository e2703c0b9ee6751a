import { queryOptions } from '@tanstack/react-query';
import type { components, paths } from '../../../common/api/schema.d.ts';
import { minorDigits } from '../../../common/deals.ts';
import { formatMoney, type Money } from '../../../common/money.ts';
import { api, body } from './api.ts';

// Types as the cockpit API answers them (generated from the OpenAPI document).

type Json<R> = R extends { content: { 'application/json': infer B } } ? B : never;
type Get<P extends keyof paths> = paths[P] extends { get: { responses: { 200: infer R } } } ? Json<R> : never;

/** An amount: money in the reporting currency, or its minor units alone. */
export type Amount = Money | number;
/** The cockpit: KPIs with their definitions, the monthly trend, tiers and the roll-up. */
export type Cockpit = Get<'/api/v1/cockpit'>;
/** The cockpit's headline numbers. */
export type Kpis = Cockpit['kpis'];
/** One month of the trend. */
export type TrendMonth = Cockpit['trend'][number];
/** One alliance manager's line of the roll-up. */
export type RollupRow = Cockpit['rollup'][number];
/** The alliance manager view (its recommendations are the insights' recommendations). */
export type AllianceManagerView = Omit<Get<'/api/v1/cockpit/alliance-manager'>, 'recommendations'> & {
  recommendations: components['schemas']['Recommendation'][];
};
/** The cockpit's filters (as the URL and the API take them). */
export type CockpitFilters = NonNullable<paths['/api/v1/cockpit']['get']['parameters']['query']>;

// ---------------------------------------------------------------------------------------------
// Search parameters.

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const text = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** Reads the cockpit's filters from the URL, dropping anything unknown or malformed. */
export const validateCockpitSearch = (s: Record<string, unknown>): CockpitFilters => ({
  from: typeof s.from === 'string' && DAY.test(s.from) ? s.from : undefined,
  to: typeof s.to === 'string' && DAY.test(s.to) ? s.to : undefined,
  programId: text(s.programId),
  tierId: text(s.tierId),
  region: text(s.region),
  industry: text(s.industry),
  allianceManagerId: text(s.allianceManagerId),
});

/** Reads the alliance manager view's search parameters: whose portfolio. */
export const validateManagerSearch = (s: Record<string, unknown>): { userId?: string } => ({
  userId: text(s.userId),
});

/** The filters with the empty ones left out (API query and query key). */
export const activeFilters = (f: CockpitFilters): CockpitFilters =>
  Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined && v !== '')) as CockpitFilters;

const pad = (n: number) => String(n).padStart(2, '0');
const iso = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

/**
 * Named periods the filter bar offers, in whole months up to today like the cockpit's default
 * (this month and the 11 before), so the monthly trend has no partial first month.
 */
export function presetPeriods(
  now = new Date(),
): { value: string; label: string; from: string; to: string }[] {
  const to = iso(now);
  const monthsBack = (n: number) => iso(new Date(now.getFullYear(), now.getMonth() - n, 1));
  return [
    { value: '12m', label: 'Last 12 months', from: monthsBack(11), to },
    { value: '6m', label: 'Last 6 months', from: monthsBack(5), to },
    { value: '3m', label: 'Last 3 months', from: monthsBack(2), to },
    { value: 'ytd', label: 'Year to date', from: `${now.getFullYear()}-01-01`, to },
    { value: '24m', label: 'Last 24 months', from: monthsBack(23), to },
  ];
}

// ---------------------------------------------------------------------------------------------
// Reading amounts and KPIs.

/** An amount's minor units (0 for none). */
export const minorOf = (a: Amount | null | undefined): number =>
  a === null || a === undefined ? 0 : typeof a === 'number' ? a : a.amountMinor;

/** Whether a value is money. */
export const isMoney = (v: unknown): v is Money =>
  typeof v === 'object' && v !== null && 'amountMinor' in v && 'currency' in v;

/** Major units of an amount, for a chart's axis (cents are noise at that scale). */
export const majorOf = (a: Amount | null | undefined, currency: string) =>
  minorOf(a) / 10 ** minorDigits(currency);

/** Major units back as a short amount ("€1.2M"), for chart tooltips. */
export const formatMajor = (major: number, currency: string) =>
  formatMoney({ amountMinor: Math.round(major * 10 ** minorDigits(currency)), currency }, true);

/** An amount in the reporting currency, short ("€1.2M") or whole. */
export const formatAmount = (a: Amount | null | undefined, currency: string, compact = true) =>
  a === null || a === undefined ? '—' : formatMoney({ amountMinor: minorOf(a), currency }, compact);

/** A compact number for an axis tick (1.2k, 3.4M). */
export const compactNumber = (n: number) =>
  new Intl.NumberFormat(undefined, { notation: 'compact', maximumFractionDigits: 1 }).format(n);

/** A 0..1 ratio as a percentage ("42 %"), or a dash. */
export const formatRatio = (r: unknown, digits = 0) =>
  typeof r === 'number' && Number.isFinite(r) ? `${(r * 100).toFixed(digits)} %` : '—';

/** A number of days ("12 days"), or a dash. */
export const formatDays = (d: unknown) =>
  typeof d === 'number' && Number.isFinite(d) ? `${Math.round(d)} day${Math.round(d) === 1 ? '' : 's'}` : '—';

/** The trend as chart rows in major units, with the channel share of each month in percent. */
export function trendRows(trend: readonly TrendMonth[], currency: string) {
  return trend.map((m) => {
    const sourced = majorOf(m.sourced, currency);
    const influenced = majorOf(m.influenced, currency);
    return {
      month: m.month,
      sourced,
      influenced,
      // A portfolio has no direct deals (null): no bar and no channel share then.
      direct: m.direct ? majorOf(m.direct, currency) : null,
      channelShare: m.channelShare === null ? null : Math.round(m.channelShare * 1000) / 10,
      activePartners: m.activePartners,
      newPartners: m.newPartners,
      wonDeals: m.wonDeals,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Queries.

/** The cockpit for a set of filters. */
export const cockpitQuery = (filters: CockpitFilters) =>
  queryOptions({
    queryKey: ['cockpit', 'main', activeFilters(filters)],
    queryFn: () => body(api.GET('/api/v1/cockpit', { params: { query: activeFilters(filters) } })),
  });

/** The CSV export of the cockpit (trend and KPIs) for a set of filters. */
export const cockpitExportHref = (filters: CockpitFilters) => {
  const q = new URLSearchParams(activeFilters(filters) as Record<string, string>).toString();
  return `/api/v1/cockpit/export.csv${q ? `?${q}` : ''}`;
};

/** The cockpit settings (direct cost of sale). */
export const cockpitSettingsQuery = queryOptions({
  queryKey: ['cockpit', 'settings'],
  queryFn: () => body(api.GET('/api/v1/cockpit/settings')),
});

/** Changes the direct cost of sale. */
export const saveCockpitSettings = (directCostOfSaleBps: number) =>
  body(api.PUT('/api/v1/cockpit/settings', { body: { directCostOfSaleBps } }));

/** An alliance manager's view (yours without a user). */
export const allianceManagerQuery = (userId?: string) =>
  queryOptions({
    queryKey: ['cockpit', 'alliance-manager', userId ?? 'me'],
    queryFn: async () =>
      (await body(
        api.GET('/api/v1/cockpit/alliance-manager', { params: { query: { userId } } }),
      )) as AllianceManagerView,
  });
