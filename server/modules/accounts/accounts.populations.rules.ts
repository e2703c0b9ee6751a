/**
 * Which imported status and stage values put an account into the standard populations. Values are
 * compared in a compact form (lower case, letters and digits only), so "Customer - Direct",
 * "customer-direct" and "CUSTOMER_DIRECT" are one value, and HubSpot's internal ids
 * ("marketingqualifiedlead") equal their labels ("Marketing Qualified Lead").
 *
 * | population         | status or stage value (compact)                                             |
 * |--------------------|-----------------------------------------------------------------------------|
 * | customers          | CUSTOMER_VALUES, in either column                                           |
 * | prospects          | PROSPECT_VALUES in either column, unless the account is a customer          |
 * | open opportunities | OPEN_STAGE_VALUES in either column; or any other non-empty stage that is    |
 * |                    | neither closed (CLOSED_STAGE_VALUES) nor a customer/prospect value           |
 *
 * HubSpot's lifecycle stage "opportunity" is a prospect with an open opportunity (both bits).
 */

/** Salesforce Account Type customer values, HubSpot lifecycle "customer"/"evangelist", a won deal. */
export const CUSTOMER_VALUES: readonly string[] = [
  'customer',
  'customerdirect',
  'customerchannel',
  'customers',
  'existingcustomer',
  'currentcustomer',
  'activecustomer',
  'client',
  'evangelist',
  'closedwon',
  'won',
];

/** Salesforce Account Type "Prospect"; HubSpot lifecycle stages before customer. */
export const PROSPECT_VALUES: readonly string[] = [
  'prospect',
  'prospects',
  'lead',
  'newlead',
  'subscriber',
  'marketingqualifiedlead',
  'mql',
  'salesqualifiedlead',
  'sql',
  'opportunity',
];

/** Salesforce Opportunity stages before closing, HubSpot default deal-pipeline stages, HubSpot lifecycle "opportunity". */
export const OPEN_STAGE_VALUES: readonly string[] = [
  'prospecting',
  'qualification',
  'needsanalysis',
  'valueproposition',
  'iddecisionmakers',
  'perceptionanalysis',
  'proposalpricequote',
  'negotiationreview',
  'appointmentscheduled',
  'qualifiedtobuy',
  'presentationscheduled',
  'decisionmakerboughtin',
  'contractsent',
  'opportunity',
  'open',
];

/** Stages of a closed opportunity (won or lost): not open. */
export const CLOSED_STAGE_VALUES: readonly string[] = [
  'closedwon',
  'closedlost',
  'closed',
  'won',
  'lost',
  'closedwonlost',
  'disqualified',
  'unqualified',
  'other',
];

/** The compact form values are compared in ("Customer - Direct" → "customerdirect"). */
export const compactValue = (value: string | null | undefined): string =>
  (value ?? '')
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');

const customer = new Set(CUSTOMER_VALUES);
const prospect = new Set(PROSPECT_VALUES);
const open = new Set(OPEN_STAGE_VALUES);
const closed = new Set(CLOSED_STAGE_VALUES);

/** Standard population bits. */
export const STANDARD_BITS = { customers: 0, prospects: 1, open_opportunities: 2 } as const;

/** The standard population bits (customers 1, prospects 2, open opportunities 4) an imported status and stage give. */
export function standardBits(status: string | null | undefined, stage: string | null | undefined): number {
  const s = compactValue(status);
  const g = compactValue(stage);
  const isCustomer = customer.has(s) || customer.has(g);
  const isProspect = !isCustomer && (prospect.has(s) || prospect.has(g));
  const stageIsOpen = g !== '' && (open.has(g) || (!closed.has(g) && !customer.has(g) && !prospect.has(g)));
  const isOpen = open.has(s) || stageIsOpen;
  return (
    (isCustomer ? 1 << STANDARD_BITS.customers : 0) |
    (isProspect ? 1 << STANDARD_BITS.prospects : 0) |
    (isOpen ? 1 << STANDARD_BITS.open_opportunities : 0)
  );
}

/** The kinds of population: the standard three and custom (filtered) ones. */
export const POPULATION_KINDS = ['customers', 'prospects', 'open_opportunities', 'custom'] as const;

/** The standard populations every set has, with their bits and default names. */
export const STANDARD_POPULATIONS = [
  { kind: 'customers', bit: STANDARD_BITS.customers, name: 'Customers' },
  { kind: 'prospects', bit: STANDARD_BITS.prospects, name: 'Prospects' },
  { kind: 'open_opportunities', bit: STANDARD_BITS.open_opportunities, name: 'Open opportunities' },
] as const;

/** The first bit custom populations use, and the highest bit a population may have. */
export const FIRST_CUSTOM_BIT = 3;
export const LAST_BIT = 30;
/** How many custom populations a set may have (bits 3–30). */
export const MAX_CUSTOM_POPULATIONS = LAST_BIT - FIRST_CUSTOM_BIT + 1;

/** The operators of a custom population's filter conditions. */
export const FILTER_OPS = ['equals', 'not_equals', 'contains', 'in', 'is_empty', 'is_not_empty'] as const;
/** A filter operator. */
export type FilterOp = (typeof FILTER_OPS)[number];
/** The account columns a filter may name directly; imported extra fields are named `fields.<name>`. */
export const STANDARD_FIELDS = ['name', 'domain', 'country', 'status', 'stage'] as const;
/** A standard account column a filter may name. */
export type StandardField = (typeof STANDARD_FIELDS)[number];
/** The prefix naming an imported extra field in a filter (`fields.Industry`). */
export const EXTRA_FIELD_PREFIX = 'fields.';

/** One condition of a filter: a field, an operator and (except for the emptiness tests) a value. */
export interface FilterCondition {
  field: string;
  op: FilterOp;
  value?: string | string[];
}

/** A custom population's filter: an account belongs when every condition holds (no condition: every account). */
export interface PopulationFilter {
  all: FilterCondition[];
}

/** What a filter reads of an account. `name`, `domain` and `country` count as empty when absent. */
export interface PopulationInput {
  status: string | null;
  stage: string | null;
  fields: Record<string, string>;
  name?: string | null;
  domain?: string | null;
  country?: string | null;
}

/** The column or extra field a filter field names, or null when it names neither. */
export function parseField(field: string): { standard: StandardField } | { extra: string } | null {
  if ((STANDARD_FIELDS as readonly string[]).includes(field)) return { standard: field as StandardField };
  if (field.startsWith(EXTRA_FIELD_PREFIX) && field.length > EXTRA_FIELD_PREFIX.length)
    return { extra: field.slice(EXTRA_FIELD_PREFIX.length) };
  return null;
}

/**
 * What a filter compares: trimmed of spaces and lower-cased in ASCII only — exactly what the SQL
 * side does with `lower(btrim(x) collate "C")`, so JS and SQL put the same accounts in a population
 * whatever the database's locale ("Müller" stays "mÜller" on both sides).
 */
export const filterText = (value: string | null | undefined): string =>
  (value ?? '').replace(/^ +| +$/g, '').replace(/[A-Z]+/g, (s) => s.toLowerCase());

const valuesOf = (value: FilterCondition['value']) => (Array.isArray(value) ? value : [value ?? '']);

/** Whether an account meets a filter (the JS side of what the SQL recompute does). */
export function matchesFilter(row: PopulationInput, filter: PopulationFilter): boolean {
  return filter.all.every((c) => {
    const parsed = parseField(c.field);
    if (!parsed) return false;
    const raw = 'standard' in parsed ? row[parsed.standard] : row.fields[parsed.extra];
    const text = filterText(typeof raw === 'string' ? raw : null);
    const wanted = valuesOf(c.value).map(filterText);
    switch (c.op) {
      case 'equals':
        return text === wanted[0];
      case 'not_equals':
        return text !== wanted[0];
      case 'contains':
        return text.includes(wanted[0] ?? '');
      case 'in':
        return wanted.includes(text);
      case 'is_empty':
        return text === '';
      case 'is_not_empty':
        return text !== '';
    }
    return false;
  });
}
