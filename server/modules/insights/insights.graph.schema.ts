import { z } from 'zod';
import { FACETS } from '../../../common/taxonomy/index.ts';
import { pageOf, pageQuery } from '../../http/pagination.ts';

/** A refresh run. */
export const runSchema = z.object({
  id: z.string(),
  status: z.enum(['running', 'done', 'failed']).describe('running, done or failed'),
  trigger: z.enum(['nightly', 'manual', 'seed']).describe('What started it'),
  startedAt: z.date(),
  finishedAt: z.date().nullable(),
  stats: z
    .record(z.string(), z.unknown())
    .nullable()
    .describe('Graph size, modularity and timings of a done run (ms), including the share inside graphology'),
  failure: z.string().nullable().describe('Why a failed run failed'),
});

export const runsPage = pageOf(runSchema);
export const runsQuery = pageQuery.strict();

const money = z
  .object({
    amountMinor: z.number().int().describe('Integer minor units'),
    currency: z.string().describe('ISO 4217, your reporting currency'),
  })
  .describe('An amount in your reporting currency');

const facetSchema = z.object({
  facet: z.enum(FACETS),
  key: z.string(),
  label: z.string(),
  share: z.number().describe('Share of the listed members with this value (0–1)'),
});

const hubSchema = z.object({
  organizationId: z.string(),
  name: z.string(),
  centrality: z.number().describe('Weighted degree inside the community over the strongest member’s (0–1)'),
});

/** A discovered community as a tenant sees it. */
export const communitySchema = z.object({
  id: z.string(),
  label: z.string().describe('Named after the dominant facets of its listed members'),
  facets: z.array(facetSchema),
  size: z.number().int().describe('Organizations in it'),
  internalDealShare: z
    .number()
    .nullable()
    .describe(
      'Share of its members’ won deal value (between organizations) that stayed inside it; null without won deals',
    ),
  internalValue: money.nullable().describe('Won deal value that stayed inside it'),
  hubs: z.array(hubSchema).describe('Its most central members with a listed profile'),
  savedEcosystemId: z.string().nullable().describe('The ecosystem it was saved as, when you may see it'),
  containsMe: z.boolean().describe('Your organization is in it'),
});

export const communitiesQuery = pageQuery
  .extend({
    mine: z.enum(['true', 'false']).optional().describe('true: only communities your organization is in'),
  })
  .strict();

export const communitiesPage = pageOf(communitySchema).extend({
  run: z
    .object({ id: z.string(), finishedAt: z.date().nullable() })
    .nullable()
    .describe('The refresh run the communities come from; null before the first run'),
});

export const communityParams = z.object({ id: z.string().max(64).describe('Community id') }).strict();

const nodeSchema = z.object({
  id: z.string().describe('Organization id'),
  label: z.string(),
  size: z.number().describe('Its weight in this view'),
  community: z.string().nullable().describe('Its community in the latest run, when it may be shown'),
  hub: z.boolean(),
  me: z.boolean(),
});

const edgeSchema = z.object({
  source: z.string(),
  target: z.string(),
  weight: z.number(),
  type: z.enum(['partnership', 'deal', 'ecosystem', 'accounts']),
});

/** Nodes and typed, weighted edges. */
export const graphSchema = z.object({ nodes: z.array(nodeSchema), edges: z.array(edgeSchema) });

export const communityDetailSchema = z.object({
  community: communitySchema,
  members: z
    .array(
      z.object({
        organizationId: z.string(),
        name: z.string(),
        centrality: z.number(),
        hub: z.boolean(),
        me: z.boolean(),
      }),
    )
    .describe('Members with a listed profile (and yours), the 200 most central'),
  graph: graphSchema.describe(
    'Those members; edges are shared public ecosystems between them and your own organization’s edges',
  ),
});

export const saveCommunityBody = z
  .object({
    name: z.string().trim().min(2).max(120).optional().describe('Defaults to the community’s label'),
    description: z.string().max(2000).optional(),
  })
  .strict();

export const savedSchema = z.object({ ecosystemId: z.string(), slug: z.string() });
