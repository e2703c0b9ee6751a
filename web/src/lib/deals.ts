import {
  type InfiniteData,
  infiniteQueryOptions,
  keepPreviousData,
  type QueryClient,
  queryOptions,
  useMutation,
  useQueryClient,
} from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import type { components, paths } from '../../../common/api/schema.d.ts';
import {
  DEAL_KINDS,
  DEAL_STATUS_LABELS,
  DEAL_STATUSES,
  type DealKind,
  type DealStatus,
  type PartnershipType,
  movesFor as sharedMovesFor,
} from '../../../common/deals.ts';
import type { Money } from '../../../common/money.ts';
import type { Role } from '../../../common/permissions.ts';
import { api, body } from './api.ts';

/** A deal in lists and on the board. */
export type DealSummary = components['schemas']['DealSummary'];
/** A deal's page: contact, parties, protection, conflicts and the moves open to you. */
export type Deal = components['schemas']['Deal'];
/** One event on a deal's timeline. */
export type DealEvent = components['schemas']['DealEvent'];
/** A registration waiting for review, with its conflicts and the owning alliance manager. */
export type ReviewQueueItem = components['schemas']['ReviewQueueItem'];
/** What the conflict engine would say about a registration being typed. */
export type ConflictPreview = components['schemas']['ConflictPreview'];

export { formatMoney, type Money, type MoneyInput, moneyInput, parseMoney } from '../../../common/money.ts';
/** A partnership, as the pickers of the deal forms use it. */
export type PartnershipChoice = components['schemas']['Partnership'];
/** Which deals of your organization's a list shows. */
export type DealDirection = 'sent' | 'received' | 'co_selling';
/** A co-selling partner's role on a deal. */
export type Attribution = NonNullable<Deal['parties'][number]['attribution']>;
/** What a deal's edit sends. */
export type DealPatch = paths['/api/v1/deals/{id}']['patch']['requestBody']['content']['application/json'];

// ---------------------------------------------------------------------------------------------
// Search parameters of the deal pages.

const DIRECTIONS: readonly DealDirection[] = ['sent', 'received', 'co_selling'];
const isKind = (v: unknown): v is DealKind => (DEAL_KINDS as readonly unknown[]).includes(v);
const isStatus = (v: unknown): v is DealStatus => typeof v === 'string' && v in DEAL_STATUS_LABELS;
const text = (v: unknown) =>
  typeof v === 'string' || typeof v === 'number' ? String(v).trim() || undefined : undefined;
const yes = (v: unknown): true | undefined => (v === true || v === 'true' ? true : undefined);

/** The deals page's state in the URL: view, kind and filters. */
export interface DealsSearch {
  view?: 'table';
  /** The board shows one kind (referrals unless chosen); the table all kinds unless chosen. */
  kind?: DealKind | 'all';
  status?: DealStatus;
  direction?: DealDirection;
  partnerId?: string;
  q?: string;
  overdue?: true;
}

/** Reads the deals page's search parameters, dropping anything unknown. */
export function validateDealsSearch(s: Record<string, unknown>): DealsSearch {
  return {
    view: s.view === 'table' ? 'table' : undefined,
    kind: s.kind === 'all' || isKind(s.kind) ? s.kind : undefined,
    status: isStatus(s.status) ? s.status : undefined,
    direction: DIRECTIONS.includes(s.direction as DealDirection) ? (s.direction as DealDirection) : undefined,
    partnerId: text(s.partnerId),
    q: text(s.q),
    overdue: yes(s.overdue),
  };
}

/** The new-deal page's search parameters. */
export interface NewDealSearch {
  kind?: DealKind;
  partnerId?: string;
  vendorId?: string;
}

/** Reads the new-deal page's search parameters. */
export const validateNewDealSearch = (s: Record<string, unknown>): NewDealSearch => ({
  kind: isKind(s.kind) ? s.kind : undefined,
  partnerId: text(s.partnerId),
  vendorId: text(s.vendorId),
});

/** The review queue's search parameters. */
export const validateQueueSearch = (s: Record<string, unknown>): { mine?: true } => ({ mine: yes(s.mine) });

/** Filters the deals list endpoint takes. */
export interface DealFilters {
  kind?: DealKind;
  status?: DealStatus;
  direction?: DealDirection;
  partnerId?: string;
  q?: string;
  overdue?: true;
}

/** The kind a view shows: the board always one (referrals unless chosen), the table all unless chosen. */
export function viewKind(search: DealsSearch): DealKind | undefined {
  if (search.kind === 'all' || search.kind === undefined)
    return search.view === 'table' ? undefined : 'referral';
  return search.kind;
}

/** The list filters of the page's state (the board shows every state of its kind). */
export function filtersOf(search: DealsSearch): DealFilters {
  const kind = viewKind(search);
  const status =
    search.view === 'table' &&
    search.status &&
    (!kind || (DEAL_STATUSES[kind] as readonly string[]).includes(search.status))
      ? search.status
      : undefined;
  return {
    kind,
    status,
    direction: search.direction,
    partnerId: search.partnerId,
    q: search.q,
    overdue: search.overdue,
  };
}

/** The CSV export of the same filters (a plain link: the session cookie authenticates it). */
export function exportHref(filters: DealFilters): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined) params.set(key, String(value));
  }
  const query = params.toString();
  return `/api/v1/deals/export.csv${query ? `?${query}` : ''}`;
}

// ---------------------------------------------------------------------------------------------
// Money.

/** Deal amounts summed per currency, largest first (currencies are never added together). */
export function sumByCurrency(deals: readonly { amount: Money }[]): Money[] {
  const sums = new Map<string, number>();
  for (const { amount } of deals)
    sums.set(amount.currency, (sums.get(amount.currency) ?? 0) + amount.amountMinor);
  return [...sums]
    .map(([currency, amountMinor]) => ({ currency, amountMinor }))
    .sort((a, b) => b.amountMinor - a.amountMinor || a.currency.localeCompare(b.currency));
}

// ---------------------------------------------------------------------------------------------
// The state machine as this user sees it.

/**
 * The states a deal may move to by this user, computed as the server does (lists do not carry
 * `allowedMoves`); the server still decides (an alliance manager who does not own the partner is
 * refused).
 */
export const movesFor = (deal: Pick<DealSummary, 'kind' | 'status' | 'mySide'>, role: Role): DealStatus[] =>
  sharedMovesFor(deal, deal.mySide, role);

const VERBS: Partial<Record<DealStatus, string>> = {
  accepted: 'Accept',
  declined: 'Decline',
  withdrawn: 'Withdraw',
  won: 'Mark won',
  lost: 'Mark lost',
  submitted: 'Submit',
  under_review: 'Start review',
  approved: 'Approve',
  rejected: 'Reject',
};

/** The button text of a move: "Approve", "Mark won", "Move to Qualified". */
export const moveLabel = (to: DealStatus) => VERBS[to] ?? `Move to ${DEAL_STATUS_LABELS[to]}`;

/** Whether a move needs a reason (declining a referral, rejecting a registration). */
export const needsReason = (to: DealStatus) => to === 'declined' || to === 'rejected';

/** Moves that end a deal for good or turn it down: their buttons are red. */
export const isNegativeMove = (to: DealStatus) =>
  to === 'declined' || to === 'rejected' || to === 'withdrawn' || to === 'lost';

// ---------------------------------------------------------------------------------------------
// Times.

/** The current time, ticking every `everyMs` (for timers that count down while the page is open). */
export function useNow(everyMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** "1 d 4 h", "3 h 20 min", "12 min": a duration as the review queue's timer shows it. */
export function formatDuration(ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return hours ? `${days} d ${hours} h` : `${days} d`;
  if (hours > 0) return mins ? `${hours} h ${mins} min` : `${hours} h`;
  return `${Math.max(mins, 1)} min`;
}

/** How long until an answer is due: "due in 1 d 4 h", or "overdue by 3 h". */
export function dueText(dueIso: string, now: number): { overdue: boolean; text: string } {
  const left = new Date(dueIso).getTime() - now;
  return left >= 0
    ? { overdue: false, text: `due in ${formatDuration(left)}` }
    : { overdue: true, text: `overdue by ${formatDuration(left)}` };
}

const dayFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** A calendar date ("2027-03-31", or midnight UTC of it) as "31 Mar 2027", the same day everywhere. */
export const formatDay = (date: string) =>
  dayFormat.format(new Date(date.length === 10 ? `${date}T00:00:00Z` : date));

/** Whole days from now until a moment (negative when past). */
export const daysUntil = (iso: string, now: number) =>
  Math.ceil((new Date(iso).getTime() - now) / 86_400_000);

/** Today as YYYY-MM-DD in the browser's time zone (the earliest expected close date). */
export function todayIso(now = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

// ---------------------------------------------------------------------------------------------
// Parties.

/** The organization on the other side of a deal from yours (the sender when you co-sell). */
export function counterpartOf(deal: Pick<DealSummary, 'from' | 'to' | 'mySide'>) {
  return deal.mySide === 'from' ? deal.to : deal.from;
}

/** Partners with an active partnership carrying one of the types, by name, once each. */
export function partnerOptions(
  partnerships: readonly PartnershipChoice[],
  types: readonly PartnershipType[],
): { value: string; label: string }[] {
  const seen = new Map<string, string>();
  for (const p of partnerships) {
    if (p.status === 'active' && p.types.some((t) => types.includes(t)))
      seen.set(p.partner.id, p.partner.name);
  }
  return [...seen].map(([value, label]) => ({ value, label })).sort((a, b) => a.label.localeCompare(b.label));
}

// ---------------------------------------------------------------------------------------------
// Queries.

const PAGE = 50;
/** The board loads this many deals per page (the API's largest). */
export const BOARD_PAGE = 200;

type DealPage = { data: DealSummary[]; nextCursor: string | null };

/** Deals matching filters, page by page (the board and the table). */
export const dealsQuery = (filters: DealFilters, limit = PAGE) =>
  infiniteQueryOptions({
    queryKey: ['deals', 'list', { ...filters, limit }],
    queryFn: ({ pageParam }) =>
      body(
        api.GET('/api/v1/deals', {
          params: {
            query: {
              ...filters,
              overdue: filters.overdue ? 'true' : undefined,
              limit,
              cursor: pageParam,
            },
          },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

/** One deal. */
export const dealQuery = (id: string) =>
  queryOptions({
    queryKey: ['deals', 'detail', id],
    queryFn: () => body(api.GET('/api/v1/deals/{id}', { params: { path: { id } } })),
  });

/** A deal's timeline, oldest first. */
export const dealTimelineQuery = (id: string) =>
  queryOptions({
    queryKey: ['deals', 'detail', id, 'timeline'],
    queryFn: () => body(api.GET('/api/v1/deals/{id}/timeline', { params: { path: { id } } })),
  });

/** Registrations waiting for review, soonest due first. */
export const reviewQueueQuery = (mine: boolean) =>
  infiniteQueryOptions({
    queryKey: ['deals', 'review-queue', { mine }],
    queryFn: ({ pageParam }) =>
      body(
        api.GET('/api/v1/deals/review-queue', {
          params: { query: { mine: mine ? 'true' : undefined, limit: PAGE, cursor: pageParam } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

/** Your organization's partnerships (the API's largest page), for partner pickers and filters. */
export const partnershipChoicesQuery = queryOptions({
  queryKey: ['partnerships', 'deal-choices'],
  queryFn: () => body(api.GET('/api/v1/partnerships', { params: { query: { limit: 200 } } })),
  staleTime: 60_000,
});

/** The customer being typed, as the conflict check takes it. */
export interface ConflictCheckInput {
  vendorId: string;
  customerName: string;
  customerDomain: string | null;
  customerCountry: string | null;
  dealId?: string;
}

/** The conflict check of a registration being typed (a POST, but it changes nothing). */
export const conflictCheckQuery = (input: ConflictCheckInput) =>
  queryOptions({
    queryKey: ['deals', 'conflict-check', input],
    queryFn: () => body(api.POST('/api/v1/registrations/conflict-check', { body: input })),
    staleTime: 30_000,
    placeholderData: keepPreviousData,
  });

/** After any change to a deal: lists, board, the deal, its timeline, the queue and notifications. */
export function dealsChanged(queryClient: QueryClient) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: ['deals'] }),
    queryClient.invalidateQueries({ queryKey: ['notifications'] }),
  ]);
}

/** What a move sends. */
export interface MoveInput {
  deal: Pick<DealSummary, 'id' | 'amount'>;
  to: DealStatus;
  reason?: string;
  wonAmountMinor?: number;
}

const QUEUED: readonly DealStatus[] = ['submitted', 'under_review'];
const isDealList = (q: { queryKey: readonly unknown[] }) =>
  q.queryKey[0] === 'deals' && (q.queryKey[1] === 'list' || q.queryKey[1] === 'review-queue');

/**
 * Moves a deal along its state machine. Lists and the board show the move at once and roll it back
 * if the server refuses; callers show the error.
 */
export function useMoveDeal() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ deal, to, reason, wonAmountMinor }: MoveInput) =>
      body(
        api.POST('/api/v1/deals/{id}/transitions', {
          params: { path: { id: deal.id } },
          body: { to, reason: reason || undefined, wonAmountMinor },
        }),
      ),
    onMutate: async ({ deal, to, wonAmountMinor }) => {
      await queryClient.cancelQueries({ predicate: isDealList });
      const snapshot = queryClient.getQueriesData<InfiniteData<DealPage>>({ predicate: isDealList });
      // The queue holds only what waits for review: a decided registration leaves it.
      queryClient.setQueriesData<InfiniteData<DealPage>>({ queryKey: ['deals', 'review-queue'] }, (data) =>
        data && !QUEUED.includes(to)
          ? {
              ...data,
              pages: data.pages.map((page) => ({ ...page, data: page.data.filter((d) => d.id !== deal.id) })),
            }
          : data,
      );
      queryClient.setQueriesData<InfiniteData<DealPage>>({ predicate: isDealList }, (data) =>
        data
          ? {
              ...data,
              pages: data.pages.map((page) => ({
                ...page,
                data: page.data.map((d) =>
                  d.id === deal.id
                    ? {
                        ...d,
                        status: to,
                        overdue: false,
                        wonAmount:
                          wonAmountMinor === undefined
                            ? d.wonAmount
                            : { amountMinor: wonAmountMinor, currency: d.amount.currency },
                      }
                    : d,
                ),
              })),
            }
          : data,
      );
      return { snapshot };
    },
    onError: (_err, _input, context) => {
      // Back to what the lists showed before (the server refused, or the network failed).
      for (const [key, data] of context?.snapshot ?? []) queryClient.setQueryData(key, data);
    },
    onSuccess: (deal) => queryClient.setQueryData(dealQuery(deal.id).queryKey, deal),
    onSettled: () => dealsChanged(queryClient),
  });
}
