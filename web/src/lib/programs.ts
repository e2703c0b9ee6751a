import {
  infiniteQueryOptions,
  keepPreviousData,
  type QueryClient,
  queryOptions,
} from '@tanstack/react-query';
import type { components, paths } from '../../../common/api/schema.d.ts';
import { minorDigits } from '../../../common/deals.ts';
import { formatMoney, moneyInput, parseMoney } from '../../../common/money.ts';
import { api, body } from './api.ts';
import { fieldErrors } from './errors.ts';

/** A program with its tiers, rules, questions and onboarding template. */
export type Program = components['schemas']['Program'];
/** A program in lists. */
export type ProgramSummary = components['schemas']['ProgramSummary'];
/** A tier with its requirements and benefits. */
export type ProgramTier = components['schemas']['ProgramTier'];
/** A commission rule. */
export type CommissionRule = components['schemas']['CommissionRule'];
/** A question of a program's application form. */
export type ProgramQuestion = components['schemas']['ProgramQuestion'];
/** A task of a program's onboarding template. */
export type OnboardingItem = components['schemas']['OnboardingTemplateItem'];
/** An application to a program. */
export type ProgramApplication = components['schemas']['ProgramApplication'];
/** An enrollment in lists. */
export type EnrollmentSummary = components['schemas']['EnrollmentSummary'];
/** An enrollment's page: tier, progress, checklist, history. */
export type Enrollment = components['schemas']['Enrollment'];
/** A task of an enrollment's onboarding checklist. */
export type OnboardingTask = components['schemas']['OnboardingTask'];
/** One entry of the tier history. */
export type TierChange = components['schemas']['TierChange'];
/** A certified person at a partner. */
export type Certification = components['schemas']['Certification'];
/** A request for marketing development funds. */
export type MdfRequest = components['schemas']['MdfRequest'];
/** What a new program sends. */
export type NewProgram = paths['/api/v1/programs']['post']['requestBody']['content']['application/json'];
/** What a program's edit sends. */
export type ProgramPatch =
  paths['/api/v1/programs/{id}']['patch']['requestBody']['content']['application/json'];
/** One tier of the ladder as the tier editor sends it. */
export type TierInput =
  paths['/api/v1/programs/{id}/tiers']['put']['requestBody']['content']['application/json']['tiers'][number];
/** A new commission rule. */
export type NewRule =
  paths['/api/v1/programs/{id}/rules']['post']['requestBody']['content']['application/json'];

/** A program's kind. */
export type ProgramKind = Program['kind'];
/** A program's state. */
export type ProgramStatus = Program['status'];
/** An application's state. */
export type ApplicationStatus = ProgramApplication['status'];
/** An MDF request's state. */
export type MdfStatus = MdfRequest['status'];
/** A rule's kind. */
export type RuleKind = CommissionRule['kind'];
/** The event a rule pays on. */
export type RuleEvent = CommissionRule['event'];
/** Which deals a rule pays on. */
export type RuleDealKind = CommissionRule['dealKind'];
/** A kind of application question. */
export type QuestionKind = ProgramQuestion['kind'];

// ---------------------------------------------------------------------------------------------
// Search parameters of the pages.

const text = (v: unknown) =>
  typeof v === 'string' || typeof v === 'number' ? String(v).trim() || undefined : undefined;

/** The programs page's tabs. */
export const PROGRAM_TABS = ['mine', 'available', 'enrollments'] as const;
/** A tab of the programs page. */
export type ProgramsTab = (typeof PROGRAM_TABS)[number];

/** Reads the programs page's search parameters. */
export const validateProgramsSearch = (s: Record<string, unknown>): { tab?: ProgramsTab; q?: string } => ({
  tab: (PROGRAM_TABS as readonly unknown[]).includes(s.tab) ? (s.tab as ProgramsTab) : undefined,
  q: text(s.q),
});

/** The tabs of the program builder. */
export const BUILDER_TABS = ['basics', 'tiers', 'rules', 'questions', 'onboarding'] as const;
/** A tab of the program builder. */
export type BuilderTab = (typeof BUILDER_TABS)[number];

/** Reads the program builder's search parameters (the basics tab unless another is chosen). */
export const validateBuilderSearch = (
  s: Record<string, unknown>,
): { tab?: Exclude<BuilderTab, 'basics'> } => ({
  tab:
    s.tab !== 'basics' && (BUILDER_TABS as readonly unknown[]).includes(s.tab)
      ? (s.tab as Exclude<BuilderTab, 'basics'>)
      : undefined,
});

/** Reads the applications page's search parameters: which side (received unless sent). */
export const validateApplicationsSearch = (s: Record<string, unknown>): { tab?: 'sent' } => ({
  tab: s.tab === 'sent' ? 'sent' : undefined,
});

/** Reads the MDF page's search parameters: which side and which enrollment. */
export const validateMdfSearch = (
  s: Record<string, unknown>,
): { tab?: 'requests' | 'review'; enrollmentId?: string } => ({
  tab: s.tab === 'review' || s.tab === 'requests' ? s.tab : undefined,
  enrollmentId: text(s.enrollmentId),
});

// ---------------------------------------------------------------------------------------------
// Words and colours.

/** Kinds of program. */
export const PROGRAM_KINDS: readonly ProgramKind[] = ['reseller', 'referral', 'ambassador', 'custom'];

/** A kind's name and what it means. */
export const KIND_META: Record<ProgramKind, { label: string; hint: string }> = {
  reseller: { label: 'Reseller', hint: 'Partners resell your products at a discount' },
  referral: { label: 'Referral / agent', hint: 'Partners refer leads and earn a fee' },
  ambassador: { label: 'Ambassador', hint: 'Advocates who refer occasionally' },
  custom: { label: 'Custom', hint: 'You choose the partnership types it creates' },
};

/** Badge label and colour of a program's state. */
export const PROGRAM_STATUS_META: Record<ProgramStatus, { label: string; color: string }> = {
  draft: { label: 'Draft', color: 'gray' },
  published: { label: 'Published', color: 'moss' },
  archived: { label: 'Archived', color: 'orange' },
};

/** Badge label and colour of an application's state. */
export const APPLICATION_STATUS_META: Record<ApplicationStatus, { label: string; color: string }> = {
  pending: { label: 'Pending', color: 'yellow' },
  approved: { label: 'Approved', color: 'moss' },
  rejected: { label: 'Rejected', color: 'red' },
  withdrawn: { label: 'Withdrawn', color: 'gray' },
};

/** Badge label and colour of an MDF request's state. */
export const MDF_STATUS_META: Record<MdfStatus, { label: string; color: string }> = {
  requested: { label: 'Requested', color: 'yellow' },
  approved: { label: 'Approved', color: 'teal' },
  rejected: { label: 'Rejected', color: 'red' },
  claimed: { label: 'Claimed', color: 'blue' },
  claim_approved: { label: 'Claim approved', color: 'moss' },
  claim_rejected: { label: 'Claim rejected', color: 'red' },
};

/** Names of rule kinds. */
export const RULE_KIND_LABELS: Record<RuleKind, string> = {
  percentage: 'Percentage',
  flat: 'Flat bounty',
  recurring: 'Recurring',
  per_lead: 'Per lead',
};

/** Names of the events rules pay on. */
export const RULE_EVENT_LABELS: Record<RuleEvent, string> = {
  deal_won: 'Deal won',
  referral_qualified: 'Referral qualified',
  lead_accepted: 'Lead accepted',
};

/** Names of the deal kinds a rule pays on. */
export const RULE_DEAL_KIND_LABELS: Record<RuleDealKind, string> = {
  any: 'Any deal',
  registration: 'Registrations',
  referral: 'Referrals',
};

/** The events each kind of rule can pay on (the first is the default). */
export const RULE_EVENTS_BY_KIND: Record<RuleKind, RuleEvent[]> = {
  percentage: ['deal_won', 'referral_qualified'],
  flat: ['deal_won', 'referral_qualified', 'lead_accepted'],
  recurring: ['deal_won'],
  per_lead: ['lead_accepted'],
};

/** Names of question kinds. */
export const QUESTION_KIND_LABELS: Record<QuestionKind, string> = {
  text: 'Short text',
  long_text: 'Long text',
  yes_no: 'Yes / no',
  choice: 'One of several choices',
};

/** A tier requirement. */
export type Metric = keyof ProgramTier['requirements'];

/** Every requirement, in display order. */
export const METRICS: readonly Metric[] = [
  'revenueMinor',
  'wonDeals',
  'registeredDeals',
  'certifiedPeople',
  'customers',
];

/** Names of requirements. */
export const METRIC_LABELS: Record<Metric, string> = {
  revenueMinor: 'Won revenue (12 months)',
  wonDeals: 'Won deals',
  registeredDeals: 'Registered deals',
  certifiedPeople: 'Certified people',
  customers: 'Customers',
};

/** Words for each kind of tier change. */
export const TIER_CHANGE_LABELS: Record<TierChange['kind'], { label: string; color: string }> = {
  initial: { label: 'First tier', color: 'moss' },
  upgrade: { label: 'Moved up', color: 'moss' },
  downgrade: { label: 'Moved down', color: 'red' },
  grace_started: { label: 'Below requirements', color: 'orange' },
  grace_cleared: { label: 'Back on track', color: 'teal' },
  manual: { label: 'Changed by the vendor', color: 'blue' },
};

// ---------------------------------------------------------------------------------------------
// Numbers.

/** A requirement's value as shown: revenue as money, the rest as counts. */
export function formatMetric(metric: string, value: number, currency: string): string {
  return metric === 'revenueMinor'
    ? formatMoney({ amountMinor: value, currency })
    : new Intl.NumberFormat().format(value);
}

/** The name of a requirement the API names by key (the key itself when unknown). */
export const metricLabel = (metric: string) => METRIC_LABELS[metric as Metric] ?? metric;

/** How far current is toward target, 0..100 (100 when there is nothing to reach). */
export function progressPercent(current: number, target: number): number {
  if (target <= 0) return 100;
  return Math.max(0, Math.min(100, Math.floor((current / target) * 100)));
}

/** A percentage as typed ("12.5", "12,5 %") read as basis points (1250), or why it cannot be. */
export function parsePercent(input: string): { ok: true; bp: number } | { ok: false; error: string } {
  const s = input.replace(/[\s%]/g, '').replace(',', '.');
  if (!s) return { ok: false, error: 'Enter a percentage' };
  if (s.startsWith('-')) return { ok: false, error: 'A percentage cannot be below 0 %' };
  const match = /^(\d+)(?:\.(\d*))?$/.exec(s);
  if (!match) return { ok: false, error: 'Use a number like 12.5' };
  const fraction = match[2] ?? '';
  if (fraction.length > 2) return { ok: false, error: 'At most two decimals, like 12.25' };
  const bp = Number(match[1]) * 100 + Number(fraction.padEnd(2, '0') || '0');
  if (bp > 10000) return { ok: false, error: 'A percentage cannot be above 100 %' };
  return { ok: true, bp };
}

/** Basis points as an editable percentage (1250 → "12.5", 0 → "0"). */
export const percentInput = (bp: number) => String(Number((bp / 100).toFixed(2)));

/** A rule in words: "12.5 % of the won amount, on won registrations". */
export function ruleSummary(
  rule: Pick<
    CommissionRule,
    'kind' | 'event' | 'dealKind' | 'rateBp' | 'amountMinor' | 'months' | 'currency'
  >,
): string {
  const rate = `${Number(((rule.rateBp ?? 0) / 100).toFixed(2))} %`;
  const amount = formatMoney({ amountMinor: rule.amountMinor ?? 0, currency: rule.currency });
  const deals =
    rule.dealKind === 'any' ? '' : ` (${RULE_DEAL_KIND_LABELS[rule.dealKind].toLowerCase()} only)`;
  switch (rule.kind) {
    case 'percentage':
      return rule.event === 'referral_qualified'
        ? `${rate} of the deal amount when a referral qualifies${deals}`
        : `${rate} of the won amount${deals}`;
    case 'flat':
      return `${amount} per ${RULE_EVENT_LABELS[rule.event].toLowerCase()}${deals}`;
    case 'recurring':
      return `${rate} of each month of a won subscription for ${rule.months ?? 0} months${deals}`;
    case 'per_lead':
      return `${amount} per accepted lead${deals}`;
  }
}

/** Whether a task is overdue on a day (YYYY-MM-DD): due before it and not done. */
export const isOverdue = (task: Pick<OnboardingTask, 'dueOn' | 'done'>, today: string) =>
  !task.done && task.dueOn !== null && task.dueOn < today;

/** Pending applications across your programs (programs the API gives no count for add nothing). */
export const pendingApplicationsTotal = (programs: readonly { pendingApplications: number | null }[]) =>
  programs.reduce((sum, p) => sum + (p.pendingApplications ?? 0), 0);

/** An application's answer as text ("Yes", "No", the text; a dash when unanswered). */
export function answerText(value: unknown): string {
  if (value === true) return 'Yes';
  if (value === false) return 'No';
  if (typeof value === 'string' && value.trim()) return value.trim();
  return '—';
}

/**
 * An application's answers with their questions' labels, in the form's order (answers to
 * questions since removed come last, by id).
 */
export function labelledAnswers(
  answers: Record<string, unknown>,
  questions: readonly Pick<ProgramQuestion, 'id' | 'label'>[] | undefined,
): { id: string; label: string; answer: string }[] {
  const known = new Set((questions ?? []).map((q) => q.id));
  const asked = (questions ?? [])
    .filter((q) => q.id in answers)
    .map((q) => ({ id: q.id, label: q.label, answer: answerText(answers[q.id]) }));
  const others = Object.keys(answers)
    .filter((id) => !known.has(id))
    .sort()
    .map((id) => ({ id, label: id, answer: answerText(answers[id]) }));
  return [...asked, ...others];
}

// ---------------------------------------------------------------------------------------------
// The builder's forms.

/** A stable question id from its label ("Annual revenue?" → "annual_revenue"), unique among `taken`. */
export function questionId(label: string, taken: readonly string[]): string {
  const base =
    label
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 34)
      .replace(/_+$/, '') || 'question';
  let id = base;
  for (let n = 2; taken.includes(id); n++) id = `${base}_${n}`;
  return id;
}

/** A tier while it is edited: amounts and percentages as typed. */
export interface TierValues {
  /** Local identity while editing (the tier's id once saved). */
  key: string;
  id?: string;
  name: string;
  revenue: string;
  wonDeals: number;
  registeredDeals: number;
  certifiedPeople: number;
  customers: number;
  discount: string;
  mdfBudget: string;
}

let keys = 0;
/** A fresh local key for an edited row. */
export const newKey = () => `new-${++keys}`;

/** A saved tier as the editor holds it. */
export function tierValues(tier: ProgramTier, currency: string): TierValues {
  return {
    key: tier.id,
    id: tier.id,
    name: tier.name,
    revenue: tier.requirements.revenueMinor ? moneyInput(tier.requirements.revenueMinor, currency) : '',
    wonDeals: tier.requirements.wonDeals,
    registeredDeals: tier.requirements.registeredDeals,
    certifiedPeople: tier.requirements.certifiedPeople,
    customers: tier.requirements.customers,
    discount: tier.benefits.discountBp ? percentInput(tier.benefits.discountBp) : '',
    mdfBudget: tier.benefits.mdfBudgetMinor ? moneyInput(tier.benefits.mdfBudgetMinor, currency) : '',
  };
}

/** An empty tier, starting from what the one below requires (so the ladder does not overlap by default). */
export function emptyTier(below?: TierValues): TierValues {
  return {
    key: newKey(),
    name: '',
    revenue: below?.revenue ?? '',
    wonDeals: below?.wonDeals ?? 0,
    registeredDeals: below?.registeredDeals ?? 0,
    certifiedPeople: below?.certifiedPeople ?? 0,
    customers: below?.customers ?? 0,
    discount: '',
    mdfBudget: '',
  };
}

const optionalMoney = (text: string, currency: string) =>
  text.trim() ? parseMoney(text, currency) : ({ ok: true, minor: 0 } as const);
const optionalPercent = (text: string) => (text.trim() ? parsePercent(text) : ({ ok: true, bp: 0 } as const));

/**
 * The ladder as the API takes it, or the problems keyed `index.field` (`1.revenue`): names are
 * required, amounts are read in the program's currency and percentages as basis points.
 */
export function tiersPayload(
  tiers: readonly TierValues[],
  currency: string,
): { ok: true; tiers: TierInput[] } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const out: TierInput[] = [];
  tiers.forEach((t, i) => {
    if (!t.name.trim()) errors[`${i}.name`] = 'Name the tier';
    const revenue = optionalMoney(t.revenue, currency);
    if (!revenue.ok) errors[`${i}.revenue`] = revenue.error;
    const mdf = optionalMoney(t.mdfBudget, currency);
    if (!mdf.ok) errors[`${i}.mdfBudget`] = mdf.error;
    const discount = optionalPercent(t.discount);
    if (!discount.ok) errors[`${i}.discount`] = discount.error;
    out.push({
      ...(t.id && { id: t.id }),
      name: t.name.trim(),
      requirements: {
        revenueMinor: revenue.ok ? revenue.minor : 0,
        wonDeals: t.wonDeals || 0,
        registeredDeals: t.registeredDeals || 0,
        certifiedPeople: t.certifiedPeople || 0,
        customers: t.customers || 0,
      },
      discountBp: discount.ok ? discount.bp : 0,
      mdfBudgetMinor: mdf.ok ? mdf.minor : 0,
    });
  });
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, tiers: out };
}

const TIER_FIELDS: Record<string, keyof TierValues> = {
  name: 'name',
  'requirements.revenueMinor': 'revenue',
  'requirements.wonDeals': 'wonDeals',
  'requirements.registeredDeals': 'registeredDeals',
  'requirements.certifiedPeople': 'certifiedPeople',
  'requirements.customers': 'customers',
  discountBp: 'discount',
  mdfBudgetMinor: 'mdfBudget',
};

/** The server's field errors of a ladder keyed as {@link tiersPayload} keys them (`tiers.1.requirements.revenueMinor` → `1.revenue`). */
export function tierErrors(err: unknown): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [path, message] of Object.entries(fieldErrors(err))) {
    const match = /^tiers\.(\d+)\.(.+)$/.exec(path);
    const field = match && TIER_FIELDS[match[2] ?? ''];
    if (match && field) errors[`${match[1]}.${field}`] ??= message;
  }
  return errors;
}

/** A new rule while it is typed. */
export interface RuleValues {
  kind: RuleKind;
  tierId: string | null;
  event: RuleEvent;
  dealKind: RuleDealKind;
  rate: string;
  amount: string;
  months: number | string;
}

/** The rule as the API takes it, or the problems by field. */
export function rulePayload(
  v: RuleValues,
  currency: string,
): { ok: true; rule: NewRule } | { ok: false; errors: Record<string, string> } {
  const common = { tierId: v.tierId, dealKind: v.dealKind };
  const events = RULE_EVENTS_BY_KIND[v.kind];
  const event = events.includes(v.event) ? v.event : (events[0] as RuleEvent);
  if (v.kind === 'percentage' || v.kind === 'recurring') {
    const rate = parsePercent(v.rate);
    const months = Number(v.months);
    const errors: Record<string, string> = {};
    if (!rate.ok) errors.rate = rate.error;
    else if (rate.bp === 0) errors.rate = 'A rate above 0 %';
    if (v.kind === 'recurring' && (!Number.isInteger(months) || months < 1 || months > 60))
      errors.months = 'From 1 to 60 months';
    if (Object.keys(errors).length || !rate.ok) return { ok: false, errors };
    if (v.kind === 'recurring')
      return { ok: true, rule: { kind: 'recurring', event: 'deal_won', rateBp: rate.bp, months, ...common } };
    return {
      ok: true,
      rule: {
        kind: 'percentage',
        event: event as 'deal_won' | 'referral_qualified',
        rateBp: rate.bp,
        ...common,
      },
    };
  }
  const amount = parseMoney(v.amount, currency);
  if (!amount.ok) return { ok: false, errors: { amount: amount.error } };
  if (amount.minor === 0) return { ok: false, errors: { amount: 'An amount above 0' } };
  if (v.kind === 'per_lead')
    return {
      ok: true,
      rule: { kind: 'per_lead', event: 'lead_accepted', amountMinor: amount.minor, ...common },
    };
  return { ok: true, rule: { kind: 'flat', event, amountMinor: amount.minor, ...common } };
}

/** A placeholder amount in a currency ("25,000.00", or "25,000" without decimals). */
export const amountPlaceholder = (currency: string) => (minorDigits(currency) === 0 ? '25,000' : '25,000.00');

// ---------------------------------------------------------------------------------------------
// Queries. Every key starts with 'programs', so one invalidation refreshes them all.

const PAGE = 50;
/** The API's largest page, for pickers. */
const ALL = 200;

/** Filters of the program lists. */
export interface ProgramFilters {
  scope: 'mine' | 'available';
  kind?: ProgramKind;
  q?: string;
}

/** Programs (yours, or others' published ones), page by page. */
export const programsQuery = (filters: ProgramFilters) =>
  infiniteQueryOptions({
    queryKey: ['programs', 'list', filters],
    queryFn: ({ pageParam }) =>
      body(
        api.GET('/api/v1/programs', {
          params: { query: { ...filters, q: filters.q || undefined, limit: PAGE, cursor: pageParam } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

/** One program. */
export const programQuery = (id: string) =>
  queryOptions({
    queryKey: ['programs', 'detail', id],
    queryFn: () => body(api.GET('/api/v1/programs/{id}', { params: { path: { id } } })),
  });

/** A program's rules, active and retired, newest first. */
export const rulesQuery = (id: string) =>
  queryOptions({
    queryKey: ['programs', 'detail', id, 'rules'],
    queryFn: () => body(api.GET('/api/v1/programs/{id}/rules', { params: { path: { id } } })),
  });

type ApplicationQuery = NonNullable<paths['/api/v1/applications']['get']['parameters']['query']>;

/** Applications (to your programs, or your own), page by page. */
export const applicationsQuery = (filters: Omit<ApplicationQuery, 'limit' | 'cursor'>) =>
  infiniteQueryOptions({
    queryKey: ['programs', 'applications', filters],
    queryFn: ({ pageParam }) =>
      body(
        api.GET('/api/v1/applications', {
          params: { query: { ...filters, limit: PAGE, cursor: pageParam } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

type EnrollmentQuery = NonNullable<paths['/api/v1/enrollments']['get']['parameters']['query']>;

/** Enrollments (partners in your programs, or your own), page by page. */
export const enrollmentsQuery = (filters: Omit<EnrollmentQuery, 'limit' | 'cursor'>) =>
  infiniteQueryOptions({
    queryKey: ['programs', 'enrollments', filters],
    queryFn: ({ pageParam }) =>
      body(
        api.GET('/api/v1/enrollments', { params: { query: { ...filters, limit: PAGE, cursor: pageParam } } }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

/** Your organization's active enrollments as a partner (the API's largest page), for pickers. */
export const myEnrollmentsQuery = queryOptions({
  queryKey: ['programs', 'enrollments', 'mine-all'],
  queryFn: () =>
    body(
      api.GET('/api/v1/enrollments', {
        params: { query: { side: 'partner', status: 'active', limit: ALL } },
      }),
    ),
});

/** One enrollment. */
export const enrollmentQuery = (id: string) =>
  queryOptions({
    queryKey: ['programs', 'enrollment', id],
    queryFn: () => body(api.GET('/api/v1/enrollments/{id}', { params: { path: { id } } })),
  });

/** Certifications: a partner's (as its vendor) or your people's from a vendor (as the partner). */
export const certificationsQuery = (filters: { partnerId?: string; vendorId?: string }) =>
  infiniteQueryOptions({
    queryKey: ['programs', 'certifications', filters],
    queryFn: ({ pageParam }) =>
      body(
        api.GET('/api/v1/certifications', {
          params: { query: { ...filters, limit: PAGE, cursor: pageParam } },
        }),
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });

type MdfQuery = NonNullable<paths['/api/v1/mdf']['get']['parameters']['query']>;

/** MDF requests, page by page. */
export const mdfQuery = (filters: Omit<MdfQuery, 'limit' | 'cursor'>) =>
  infiniteQueryOptions({
    queryKey: ['programs', 'mdf', filters],
    queryFn: ({ pageParam }) =>
      body(api.GET('/api/v1/mdf', { params: { query: { ...filters, limit: PAGE, cursor: pageParam } } })),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
  });

/** Which side of an application your organization is on (undefined when it cannot be read). */
export const applicationSide = (id: string) =>
  body(api.GET('/api/v1/applications/{id}', { params: { path: { id } } })).then(
    (a) => a.side,
    () => undefined,
  );

/** An MDF request's side and enrollment (undefined when it cannot be read). */
export const mdfSide = (id: string) =>
  body(api.GET('/api/v1/mdf/{id}', { params: { path: { id } } })).then(
    (m) => ({ side: m.side, enrollmentId: m.enrollmentId }),
    () => undefined,
  );

/** After any change to programs, applications, enrollments, certifications or MDF: all of it, and the bell. */
export function programsChanged(queryClient: QueryClient) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: ['programs'] }),
    queryClient.invalidateQueries({ queryKey: ['notifications'] }),
    // Approvals create or extend partnerships; MDF claims post to the ledger.
    queryClient.invalidateQueries({ queryKey: ['partnerships'] }),
  ]);
}
