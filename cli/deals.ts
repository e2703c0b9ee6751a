import { type ApiClient, ApiError, createApiClient } from '../common/api/client.ts';
import {
  ALL_DEAL_STATUSES,
  type DealStatus,
  PARTNERSHIP_TYPES,
  type PartnershipType,
} from '../common/deals.ts';
import { formatMoney, parseMoney } from '../common/money.ts';
import { UsageError } from './operator.ts';

/** Where the CLI reaches the API: `--url`/MYCELIUM_URL and `--token`/MYCELIUM_TOKEN. */
export interface RemoteOptions {
  url?: string;
  token?: string;
}

/** The typed API client for a remote command; without a token there is nothing to act as. */
export function remoteClient(opts: RemoteOptions, fetchImpl?: typeof fetch): ApiClient {
  const token = opts.token ?? process.env.MYCELIUM_TOKEN;
  if (!token)
    throw new UsageError('Give an API token with --token or MYCELIUM_TOKEN (create one in the app)');
  const baseUrl = (opts.url ?? process.env.MYCELIUM_URL ?? 'http://localhost:3000').replace(/\/$/, '');
  return createApiClient({ baseUrl, token, fetch: fetchImpl });
}

/** Turns an API failure into the one-line message the CLI prints. */
export function describeError(err: unknown): string | undefined {
  if (!(err instanceof ApiError)) return undefined;
  const issue = err.body.error.details?.issues?.[0];
  return issue ? `${err.message} (${issue.path})` : err.message;
}

const columns = (...cells: (string | number | null | undefined)[]) => cells.map((c) => c ?? '').join('\t');

/** `mycelium partnerships list`: one line per partnership. */
export async function listPartnerships(api: ApiClient, opts: { status?: string }) {
  const { data } = await api.GET('/api/v1/partnerships', {
    params: { query: { limit: 200, status: opts.status as 'active' | undefined } },
  });
  return data!.data.map((p) => columns(p.id, p.partner.name, p.status, p.types.join(','), p.direction));
}

/** `mycelium partnerships propose`: proposes to an organization by id. */
export async function proposePartnership(
  api: ApiClient,
  opts: { partner: string; types: string; message?: string },
) {
  const types = opts.types.split(',').map((t) => t.trim());
  const unknown = types.filter((t) => !PARTNERSHIP_TYPES.includes(t as PartnershipType));
  if (unknown.length)
    throw new UsageError(`Unknown type(s) ${unknown.join(', ')}; use ${PARTNERSHIP_TYPES.join(', ')}`);
  const { data } = await api.POST('/api/v1/partnerships', {
    body: { partnerId: opts.partner, types: types as PartnershipType[], message: opts.message ?? '' },
  });
  return `Proposed to ${data!.partner.name} (${data!.id}); waiting for their answer.`;
}

/** `mycelium deals list`: one line per deal, newest first. */
export async function listDeals(
  api: ApiClient,
  opts: { kind?: string; status?: string; direction?: string; overdue?: boolean; limit?: string },
) {
  const { data } = await api.GET('/api/v1/deals', {
    params: {
      query: {
        limit: Number(opts.limit ?? 50),
        kind: opts.kind as 'referral' | undefined,
        status: opts.status as DealStatus | undefined,
        direction: opts.direction as 'sent' | undefined,
        overdue: opts.overdue ? 'true' : undefined,
      },
    },
  });
  return data!.data.map((d) =>
    columns(
      d.id,
      d.kind,
      d.status,
      d.customerName,
      formatMoney(d.amount, false, 'en'),
      d.from.name,
      d.to?.name,
      d.overdue ? 'OVERDUE' : '',
    ),
  );
}

/** What the deal-creating commands read from their flags. */
export interface DealFlags {
  customer: string;
  domain?: string;
  country?: string;
  amount: string;
  currency: string;
  close?: string;
  need?: string;
}

function dealBody(flags: DealFlags) {
  const currency = flags.currency.toUpperCase();
  const amount = parseMoney(flags.amount, currency);
  if (!amount.ok) throw new UsageError(`--amount: ${amount.error}`);
  return {
    customerName: flags.customer,
    customerDomain: flags.domain ?? null,
    customerCountry: flags.country ?? null,
    amountMinor: amount.minor,
    currency,
    expectedClose: flags.close ?? null,
    need: flags.need ?? '',
  };
}

/** `mycelium deals refer`: sends a referral to a partner. */
export async function sendReferral(api: ApiClient, flags: DealFlags & { partner: string }) {
  const { data } = await api.POST('/api/v1/referrals', {
    body: { partnerId: flags.partner, ...dealBody(flags) },
  });
  return `Referral ${data!.id} sent to ${data!.to?.name}; answer due ${data!.responseDueAt?.slice(0, 10)}.`;
}

/** `mycelium deals register`: registers an opportunity with a vendor (submitted unless --draft). */
export async function registerDeal(api: ApiClient, flags: DealFlags & { vendor: string; draft?: boolean }) {
  const { data } = await api.POST('/api/v1/registrations', {
    body: { vendorId: flags.vendor, submit: !flags.draft, ...dealBody(flags) },
  });
  const d = data!;
  return d.status === 'draft'
    ? `Draft ${d.id} saved.`
    : `Registration ${d.id} submitted to ${d.to?.name}: ${d.conflictOutcome === 'clear' ? 'no conflict found' : 'possible conflict, the vendor will review it'}.`;
}

/** `mycelium deals move`: moves a deal to another state. */
export async function moveDeal(
  api: ApiClient,
  id: string,
  to: string,
  opts: { reason?: string; wonAmount?: string },
) {
  if (!ALL_DEAL_STATUSES.includes(to as DealStatus))
    throw new UsageError(`Unknown state "${to}"; use one of ${ALL_DEAL_STATUSES.join(', ')}`);
  let wonAmountMinor: number | undefined;
  if (opts.wonAmount !== undefined) {
    const { data: current } = await api.GET('/api/v1/deals/{id}', { params: { path: { id } } });
    const amount = parseMoney(opts.wonAmount, current!.amount.currency);
    if (!amount.ok) throw new UsageError(`--won-amount: ${amount.error}`);
    wonAmountMinor = amount.minor;
  }
  const { data } = await api.POST('/api/v1/deals/{id}/transitions', {
    params: { path: { id } },
    body: { to: to as DealStatus, reason: opts.reason, wonAmountMinor },
  });
  return `${data!.customerName} is now ${data!.status}.`;
}
