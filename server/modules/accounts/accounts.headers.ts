/**
 * Column mapping: which column of a file holds which account field. Detects Salesforce Account
 * exports (report headers like "Account ID" and API names like "BillingCountry"), HubSpot company
 * exports ("Record ID", "Company Domain Name") and generic headers (id, name, domain); every other
 * column is kept as an extra field under a key derived from its header.
 */
import { fieldKey } from '../../../common/accounts.ts';

/** The account fields a column can be mapped to. */
export const ACCOUNT_FIELDS = [
  'externalId',
  'name',
  'website',
  'domain',
  'email',
  'country',
  'status',
  'stage',
] as const;
/** One of {@link ACCOUNT_FIELDS}. */
export type AccountField = (typeof ACCOUNT_FIELDS)[number];

/** Where an export came from, as far as its header tells. */
export type ImportSource = 'salesforce' | 'hubspot' | 'generic';

/**
 * Which column (by its header) feeds each field; `fields` maps an extra field's key to its column.
 * `externalId` and `name` are required to start an import.
 */
export interface ImportMapping {
  externalId: string | null;
  name: string | null;
  website: string | null;
  domain: string | null;
  email: string | null;
  country: string | null;
  status: string | null;
  stage: string | null;
  fields: Record<string, string>;
}

/** The detected source and the proposed mapping of a header row. */
export interface DetectedMapping {
  source: ImportSource;
  mapping: ImportMapping;
}

/** A header folded for comparison: "Billing Country", "BillingCountry" and "billing_country" are one. */
export const foldHeader = (header: string) => header.toLowerCase().replace(/[^a-z0-9]+/g, '');

export { fieldKey };

// Aliases per field, best first (folded). The first alias present in the file wins the field.
const ALIASES: Record<AccountField | 'type', readonly string[]> = {
  externalId: [
    'accountid',
    'recordid',
    'hsobjectid',
    'companyid',
    'externalid',
    'crmid',
    'id',
    'accountnumber',
    'customerid',
  ],
  name: [
    'accountname',
    'companyname',
    'name',
    'company',
    'account',
    'organizationname',
    'organisationname',
    'organization',
    'organisation',
    'customername',
    'customer',
  ],
  website: ['website', 'websiteurl', 'url', 'homepage', 'web', 'webaddress', 'companywebsite'],
  domain: ['companydomainname', 'domain', 'domainname', 'companydomain', 'emaildomain', 'webdomain'],
  email: ['email', 'emailaddress', 'companyemail', 'contactemail', 'mail'],
  country: [
    'billingcountry',
    'countryregion',
    'country',
    'billingcountrycode',
    'countrycode',
    'shippingcountry',
    'shippingcountrycode',
    'hqcountry',
  ],
  status: ['status', 'accountstatus', 'customerstatus', 'leadstatus', 'hsleadstatus'],
  stage: ['lifecyclestage', 'stage', 'accountstage', 'lifecycle', 'salesstage'],
  type: ['type', 'accounttype', 'companytype'],
};

// Headers that only one CRM's exports have (folded); two or more name the source.
const SALESFORCE_HEADERS = new Set([
  'accountid',
  'accountname',
  'accountowner',
  'accountownerid',
  'ownerid',
  'parentid',
  'parentaccount',
  'accountnumber',
  'accountsite',
  'accountsource',
  'accounttype',
  'billingstreet',
  'billingcity',
  'billingstate',
  'billingstateprovince',
  'billingpostalcode',
  'billingzippostalcode',
  'billingcountry',
  'billingcountrycode',
  'shippingstreet',
  'shippingcity',
  'shippingcountry',
  'annualrevenue',
  'numberofemployees',
  'sicdescription',
  'createddate',
  'lastmodifieddate',
  'lastactivitydate',
  'isdeleted',
  'masterrecordid',
]);
const HUBSPOT_HEADERS = new Set([
  'recordid',
  'hsobjectid',
  'companyname',
  'companydomainname',
  'websiteurl',
  'countryregion',
  'lifecyclestage',
  'leadstatus',
  'hsleadstatus',
  'companyowner',
  'hubspotowner',
  'hubspotownerid',
  'createdate',
  'lastactivitydate',
  'associatedcontact',
  'associateddeal',
  'numberofassociatedcontacts',
  'numberofassociateddeals',
  'stateregion',
  'postalcode',
  'timezone',
  'industry',
  'annualrevenue',
  'numberofemployees',
  'phonenumber',
  'linkedincompanypage',
]);

function sourceOf(folded: readonly string[]): ImportSource {
  const score = (known: Set<string>) => folded.filter((h) => known.has(h)).length;
  const salesforce = score(SALESFORCE_HEADERS);
  const hubspot = score(HUBSPOT_HEADERS);
  // Shared headers (annual revenue, employees) count for both; the strongest signals decide.
  if (folded.includes('accountid') || folded.includes('accountname')) return 'salesforce';
  if (folded.includes('recordid') || folded.includes('companydomainname') || folded.includes('hsobjectid'))
    return 'hubspot';
  if (salesforce >= 2 && salesforce > hubspot) return 'salesforce';
  if (hubspot >= 2 && hubspot > salesforce) return 'hubspot';
  return 'generic';
}

/** An empty mapping (nothing assigned). */
export const emptyMapping = (): ImportMapping => ({
  externalId: null,
  name: null,
  website: null,
  domain: null,
  email: null,
  country: null,
  status: null,
  stage: null,
  fields: {},
});

/**
 * Proposes a mapping for a header row: each field takes the first of its aliases the file has;
 * a "Type" column is the status when nothing else is; every other non-empty column becomes an extra field.
 */
export function detectMapping(headers: readonly string[]): DetectedMapping {
  const folded = headers.map(foldHeader);
  const taken = new Set<number>();
  const find = (aliases: readonly string[]) => {
    for (const alias of aliases) {
      const index = folded.findIndex((h, i) => h === alias && !taken.has(i));
      if (index >= 0) {
        taken.add(index);
        return headers[index]!;
      }
    }
    return null;
  };
  const mapping = emptyMapping();
  for (const field of ACCOUNT_FIELDS) mapping[field] = find(ALIASES[field]);
  if (!mapping.status) mapping.status = find(ALIASES.type);
  headers.forEach((header, i) => {
    if (taken.has(i) || !header.trim()) return;
    let key = fieldKey(header);
    for (let n = 2; key in mapping.fields; n++) key = `${fieldKey(header)}_${n}`;
    mapping.fields[key] = header;
  });
  return { source: sourceOf(folded), mapping };
}

/**
 * Problems of a mapping against a file's columns: required fields missing, unknown columns,
 * malformed extra-field keys. Empty when the mapping can start an import.
 */
export function mappingProblems(
  mapping: ImportMapping,
  headers: readonly string[],
): { path: string; message: string }[] {
  const columns = new Set(headers);
  const problems: { path: string; message: string }[] = [];
  for (const field of ['externalId', 'name'] as const)
    if (!mapping[field])
      problems.push({
        path: `mapping.${field}`,
        message: `Choose the column that holds the ${field === 'name' ? 'account name' : "CRM's account id"}`,
      });
  for (const field of ACCOUNT_FIELDS) {
    const column = mapping[field];
    if (column && !columns.has(column))
      problems.push({ path: `mapping.${field}`, message: `The file has no column "${column}"` });
  }
  for (const [key, column] of Object.entries(mapping.fields)) {
    if (!/^[a-z][a-z0-9_]{0,62}$/.test(key))
      problems.push({
        path: `mapping.fields.${key}`,
        message: 'A field key is lowercase letters, digits and underscores, starting with a letter',
      });
    if (!columns.has(column))
      problems.push({ path: `mapping.fields.${key}`, message: `The file has no column "${column}"` });
  }
  return problems;
}

/** Column positions of a mapping (-1 for an unmapped field), for reading rows as arrays. */
export interface MappingIndex {
  fields: Record<AccountField, number>;
  extras: [key: string, index: number][];
}

/** Resolves a mapping's columns to positions in the header row (the first column of a name wins). */
export function indexMapping(mapping: ImportMapping, headers: readonly string[]): MappingIndex {
  const position = (column: string | null) => (column === null ? -1 : headers.indexOf(column));
  const fields = Object.fromEntries(ACCOUNT_FIELDS.map((f) => [f, position(mapping[f])])) as Record<
    AccountField,
    number
  >;
  const extras = Object.entries(mapping.fields)
    .map(([key, column]): [string, number] => [key, position(column)])
    .filter(([, i]) => i >= 0);
  return { fields, extras };
}

/**
 * Applies `column=field` overrides (the CLI's --mapping): a field is one of {@link ACCOUNT_FIELDS},
 * `ignore` drops the column, anything else keeps it as an extra field under that key.
 */
export function overrideMapping(
  mapping: ImportMapping,
  overrides: readonly [column: string, field: string][],
): ImportMapping {
  const next: ImportMapping = { ...mapping, fields: { ...mapping.fields } };
  const unmap = (column: string) => {
    for (const field of ACCOUNT_FIELDS) if (next[field] === column) next[field] = null;
    for (const [key, c] of Object.entries(next.fields)) if (c === column) delete next.fields[key];
  };
  for (const [column, field] of overrides) {
    unmap(column);
    if (field === 'ignore') continue;
    if ((ACCOUNT_FIELDS as readonly string[]).includes(field)) {
      const previous = next[field as AccountField];
      // The column that held the field before becomes an extra field again rather than vanishing.
      if (previous) next.fields[fieldKey(previous)] ??= previous;
      next[field as AccountField] = column;
    } else next.fields[field] = column;
  }
  return next;
}
