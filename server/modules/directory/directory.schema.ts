import { z } from 'zod';
import { FACETS, type Facet, isFacetValue } from '../../../common/taxonomy/index.ts';
import { normalizeDomain } from './directory.text.ts';

const facetArray = (facet: Facet, what: string, max: number) =>
  z
    .array(z.string().max(64))
    .max(max)
    .superRefine((keys, ctx) => {
      for (const [i, key] of keys.entries())
        if (!isFacetValue(facet, key))
          ctx.addIssue({ code: 'custom', path: [i], message: `Unknown ${facet} "${key}"` });
    })
    .transform((keys) => [...new Set(keys)])
    .describe(what);

const facetValue = (facet: Facet, what: string) =>
  z
    .string()
    .max(64)
    .refine((key) => isFacetValue(facet, key), { message: `Unknown ${facet}` })
    .describe(what);

/** A web address or bare domain, stored as its registrable domain. */
export const domainSchema = z
  .string()
  .max(253)
  .transform((value, ctx) => {
    const domain = normalizeDomain(value);
    if (!domain) {
      ctx.addIssue({ code: 'custom', message: `"${value}" is not a valid public web domain` });
      return z.NEVER;
    }
    return domain;
  })
  .describe('Web domain or address; stored as the registrable domain without www ("contoso.com")');

const currentYear = new Date().getUTCFullYear();

/** Editable profile fields. */
export const profileFields = z.object({
  domain: domainSchema.nullable(),
  description: z.string().trim().max(2000).describe('What the organization does (up to 2,000 characters)'),
  logoUrl: z
    .url({ protocol: /^https$/ })
    .max(500)
    .nullable()
    .describe('HTTPS address of a logo image'),
  hqCountry: facetValue('country', 'Headquarters country (ISO 3166-1 alpha-2)').nullable(),
  countries: facetArray('country', 'Countries served (ISO 3166-1 alpha-2)', 250),
  languages: facetArray('language', 'Languages (ISO 639-1)', 30),
  sizeBand: facetValue('size', 'Employee count band').nullable(),
  foundedYear: z.number().int().min(1800).max(currentYear).nullable().describe('Year founded'),
  roles: facetArray('role', 'Roles the organization plays in ecosystems', 13),
  industries: facetArray('industry', 'Industries served (NAICS sectors)', 25),
  technologies: facetArray('technology', 'Technologies and products', 60),
  practices: facetArray('practice', 'Types of practice', 30),
  certifications: facetArray('certification', 'Certifications and partner designations', 40),
  services: z
    .array(z.string().trim().min(1).max(80))
    .max(20)
    .describe('Services offered, in your own words (searchable)'),
  listed: z.boolean().describe('Listed in the public directory'),
});

/** PATCH body: any subset of the fields, plus the organization name. */
export const updateProfileBody = profileFields
  .extend({ name: z.string().trim().min(1).max(120).describe('Organization name') })
  .partial()
  .strict();

/** POST body: add an organization that has no users yet (it can be claimed later). */
export const addOrganizationBody = profileFields
  .partial()
  .extend({
    name: z.string().trim().min(1).max(120).describe('Organization name'),
    domain: domainSchema.describe('Web domain; needed so the organization can be claimed'),
  })
  .strict();

/** A profile as the API shows it. */
export const profileSchema = z
  .object({
    id: z.string().describe('Organization id'),
    name: z.string(),
    slug: z.string(),
    domain: z.string().nullable(),
    description: z.string(),
    logoUrl: z.string().nullable(),
    hqCountry: z.string().nullable(),
    countries: z.array(z.string()),
    languages: z.array(z.string()),
    sizeBand: z.string().nullable(),
    foundedYear: z.number().int().nullable(),
    roles: z.array(z.string()),
    industries: z.array(z.string()),
    technologies: z.array(z.string()),
    practices: z.array(z.string()),
    certifications: z.array(z.string()),
    services: z.array(z.string()),
    listed: z.boolean(),
    source: z.enum(['self', 'added', 'imported', 'generated']).describe('How the profile came to exist'),
    claimable: z.boolean().describe('No users yet: a user with a verified email at its domain may claim it'),
    lastActiveAt: z.date().nullable().describe('Latest activity of the organization'),
    updatedAt: z.date(),
    canEdit: z.boolean().describe('Whether you may edit this profile'),
  })
  .meta({ id: 'OrganizationProfile' });

const facetQuery = (facet: Facet) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).flatMap((s) => s.split(','))))
    .pipe(
      z
        .array(z.string().trim().min(1).max(64))
        .max(50)
        .superRefine((keys, ctx) => {
          for (const key of keys)
            if (!isFacetValue(facet, key))
              ctx.addIssue({ code: 'custom', message: `Unknown ${facet} "${key}"` });
        }),
    )
    .describe(`Filter by ${facet} keys (repeat or comma-separate; any of them matches)`);

/** Facet filters, one query parameter per facet. */
export const facetFilterQuery = z.object(
  Object.fromEntries(FACETS.map((f) => [f, facetQuery(f)])) as Record<Facet, ReturnType<typeof facetQuery>>,
);

/** GET /directory query. */
export const searchQuery = facetFilterQuery
  .extend({
    q: z
      .string()
      .trim()
      .max(200)
      .optional()
      .describe('Words to search in names, descriptions, services and technologies'),
    limit: z.coerce.number().int().min(1).max(100).default(20).describe('Page size (1–100)'),
    cursor: z.string().max(400).optional().describe('The nextCursor of the previous page'),
  })
  .strict();

/** A search hit: the profile's card fields. */
export const searchHitSchema = profileSchema
  .pick({
    id: true,
    name: true,
    slug: true,
    domain: true,
    description: true,
    logoUrl: true,
    hqCountry: true,
    roles: true,
    technologies: true,
    sizeBand: true,
    lastActiveAt: true,
  })
  .meta({ id: 'DirectoryHit' });

const facetCountSchema = z.object({
  key: z.string(),
  label: z.string(),
  count: z.number().int(),
});

/** A page of hits with the total and the facet counts of the whole result. */
export const searchResultSchema = z.object({
  data: z.array(searchHitSchema),
  nextCursor: z.string().nullable(),
  total: z.number().int().describe('Organizations matching the query and filters'),
  approximate: z
    .boolean()
    .describe('When more than 2,000 organizations match, total and facet counts are estimates from a sample'),
  facets: z
    .record(z.enum(FACETS), z.array(facetCountSchema))
    .describe(
      'For each facet, its values in the result with counts (a filtered facet is counted without its own filter)',
    ),
});

export const orgParams = z.object({ id: z.string().max(64).describe('Organization id or slug') });
