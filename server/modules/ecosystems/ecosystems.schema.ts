import { z } from 'zod';
import { FACETS, type Facet, isFacetValue } from '../../../common/taxonomy/index.ts';
import { pageQuery } from '../../http/pagination.ts';
import { searchQuery, searchResultSchema } from '../directory/index.ts';

export const VISIBILITIES = ['public', 'members'] as const;
export const JOIN_POLICIES = ['open', 'approval', 'invite'] as const;

/** A facet filter that defines dynamic membership: `{ "region": ["154"], "role": ["msp"] }`. */
export const ecosystemFilterSchema = z
  .partialRecord(z.enum(FACETS), z.array(z.string().max(64)).min(1).max(50))
  .superRefine((filter, ctx) => {
    for (const [facet, keys] of Object.entries(filter))
      for (const [i, key] of (keys ?? []).entries())
        if (!isFacetValue(facet as Facet, key))
          ctx.addIssue({ code: 'custom', path: [facet, i], message: `Unknown ${facet} "${key}"` });
  })
  .refine((filter) => Object.keys(filter).length > 0, { message: 'A filter needs at least one facet' })
  .describe(
    'Organizations matching every facet (any value within one) are members; null for explicit membership only',
  );

const fields = {
  name: z.string().trim().min(2).max(120).describe('Name'),
  description: z.string().trim().max(4000).describe('What the ecosystem is for and who belongs'),
  parentId: z.string().max(64).nullable().describe('The parent ecosystem (id or slug) this one nests under'),
  visibility: z
    .enum(VISIBILITIES)
    .describe('public: anyone sees it; members: only its members (and invitees)'),
  joinPolicy: z
    .enum(JOIN_POLICIES)
    .describe('open: join at once; approval: request, managers approve; invite: by invitation only'),
  filter: ecosystemFilterSchema.nullable(),
  hubOrganizationId: z
    .string()
    .max(64)
    .nullable()
    .describe('The hub organization (a vendor of its channel, a community)'),
  activityWindowDays: z
    .number()
    .int()
    .min(1)
    .max(3650)
    .describe('A member is active with activity in this many trailing days'),
};

export const createEcosystemBody = z
  .object({
    ...fields,
    description: fields.description.default(''),
    parentId: fields.parentId.default(null),
    visibility: fields.visibility.default('public'),
    joinPolicy: fields.joinPolicy.default('open'),
    filter: fields.filter.default(null),
    hubOrganizationId: fields.hubOrganizationId.optional().describe('Defaults to your organization'),
    activityWindowDays: fields.activityWindowDays.default(90),
  })
  .strict();

export const updateEcosystemBody = z.object(fields).partial().strict();

export const ecosystemParams = z.object({ id: z.string().max(120).describe('Ecosystem id or slug') });
export const requestParams = ecosystemParams.extend({
  orgId: z.string().max(64).describe('Organization id'),
});

const orgRef = z.object({ id: z.string(), name: z.string(), slug: z.string() });

/** Your organization's place in an ecosystem. */
export const myStatusSchema = z
  .enum(['owner', 'member', 'matched', 'requested', 'invited', 'none'])
  .describe(
    'owner: your organization runs it; member: joined; matched: a member through the filter; requested/invited: pending; none',
  );

/** An ecosystem in lists. */
export const ecosystemSummarySchema = z
  .object({
    id: z.string(),
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    visibility: z.enum(VISIBILITIES),
    joinPolicy: z.enum(JOIN_POLICIES),
    dynamic: z.boolean().describe('Has a facet filter'),
    networkWide: z.boolean().describe('Created by the operator for the whole network'),
    parentId: z.string().nullable(),
    owner: orgRef.nullable(),
    hub: orgRef.nullable(),
    memberCount: z.number().int(),
    myStatus: myStatusSchema,
  })
  .meta({ id: 'EcosystemSummary' });

/** An ecosystem's page. */
export const ecosystemSchema = ecosystemSummarySchema
  .extend({
    filter: z.record(z.string(), z.array(z.string())).nullable(),
    activityWindowDays: z.number().int(),
    parent: orgRef.nullable().describe('The parent ecosystem'),
    children: z.array(orgRef).describe('Nested ecosystems you can see'),
    activeCount: z.number().int().describe('Members with activity inside the window'),
    inactiveCount: z.number().int(),
    pendingCount: z.number().int().describe('Open join requests (managers only, else 0)'),
    canManage: z.boolean(),
    createdAt: z.date(),
  })
  .meta({ id: 'Ecosystem' });

export const listEcosystemsQuery = pageQuery
  .extend({
    q: z.string().trim().max(200).optional().describe('Words in the name or description'),
    mine: z
      .enum(['true', 'false'])
      .optional()
      .describe('true: only ecosystems your organization owns, belongs to, or has pending'),
  })
  .strict();

export const membersQuery = searchQuery
  .extend({
    status: z.enum(['active', 'inactive']).optional().describe('Only active or only inactive members'),
  })
  .strict();

export const membersResultSchema = searchResultSchema.extend({
  activeSince: z.date().describe('Members whose last activity is at or after this are active'),
});

export const trendQuery = z
  .object({ weeks: z.coerce.number().int().min(2).max(52).default(12).describe('Weekly points to return') })
  .strict();

export const trendSchema = z.object({
  windowDays: z.number().int(),
  points: z.array(z.object({ at: z.date(), active: z.number().int(), members: z.number().int() })),
});

export const joinBody = z
  .object({
    message: z.string().trim().max(1000).optional().describe('A note to the managers (approval policy)'),
  })
  .strict();

export const joinResultSchema = z.object({ status: myStatusSchema });

export const inviteBody = z
  .object({ organizationId: z.string().max(64).describe('Organization id') })
  .strict();

export const requestSchema = z
  .object({
    organization: orgRef,
    status: z.enum(['requested', 'invited']),
    message: z.string().nullable(),
    createdAt: z.date(),
  })
  .meta({ id: 'EcosystemRequest' });
