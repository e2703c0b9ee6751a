import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { memberOf } from '../../http/hooks.ts';
import { errorResponses, fxRateMissing, secured } from '../../http/responses.ts';
import * as communities from './insights.communities.service.ts';
import {
  communitiesPage,
  communitiesQuery,
  communityDetailSchema,
  communityParams,
  graphSchema,
  runSchema,
  runsPage,
  runsQuery,
  saveCommunityBody,
  savedSchema,
} from './insights.graph.schema.ts';
import * as service from './insights.graph.service.ts';

/** Refresh runs, discovered communities, hubs and the neighbourhood graph. */
export const graphRoutes: FastifyPluginAsyncZod = async (app) => {
  const base = { tags: ['Insights'], security: secured };
  const { ctx } = app;

  app.get('/insights/runs', {
    schema: {
      ...base,
      summary: 'Insights refresh runs, newest first',
      querystring: runsQuery,
      response: { 200: runsPage, ...errorResponses },
    },
    handler: (req) => service.listRuns(ctx.db, memberOf(req), req.query),
  });

  app.post('/insights/runs', {
    schema: {
      ...base,
      summary: 'Start an insights refresh (graph, communities, hubs, trust, recommendations) as a job',
      description:
        'One refresh runs at a time for the whole instance: 409 insights_refresh_running (details.runId) ' +
        'while another one runs.',
      response: { 202: runSchema, ...errorResponses },
    },
    handler: async (req, reply) => reply.code(202).send(await service.startRefresh(ctx, memberOf(req))),
  });

  app.get('/insights/communities', {
    schema: {
      ...base,
      summary: 'Sub-ecosystems discovered by the latest refresh, biggest first',
      description:
        'Hubs are members with a listed profile. 422 fx_rate_missing when a value cannot be converted ' +
        'into your reporting currency.',
      querystring: communitiesQuery,
      response: { 200: communitiesPage, ...errorResponses, ...fxRateMissing },
    },
    handler: (req) => communities.listCommunities(ctx.db, memberOf(req), req.query),
  });

  app.get('/insights/communities/:id', {
    schema: {
      ...base,
      summary: 'A discovered community: its listed members and their graph',
      description:
        'Edges shown are co-memberships of public ecosystems between its members, and your own ' +
        "organization's edges; never an edge between two other organizations' private relations.",
      params: communityParams,
      response: { 200: communityDetailSchema, ...errorResponses, ...fxRateMissing },
    },
    handler: (req) => communities.getCommunity(ctx.db, memberOf(req), req.params.id),
  });

  app.post('/insights/communities/:id/ecosystem', {
    schema: {
      ...base,
      summary: 'Save a discovered community as an ecosystem your organization runs',
      description:
        'Its members with a listed profile become explicit members. 409 community_saved (details.ecosystemId) ' +
        'when it was saved already.',
      params: communityParams,
      body: saveCommunityBody,
      response: { 201: savedSchema, ...errorResponses },
    },
    handler: async (req, reply) =>
      reply
        .code(201)
        .send(await communities.saveCommunityAsEcosystem(ctx.db, memberOf(req), req.params.id, req.body)),
  });

  app.get('/insights/graph', {
    schema: {
      ...base,
      summary:
        "Your organization's neighbourhood: its partnerships, deal flow, shared ecosystems and accounts",
      description:
        'Shared accounts count only populations the other side shares with you at least as counts. At most ' +
        '300 nodes, the strongest relations first.',
      response: { 200: graphSchema, ...errorResponses },
    },
    handler: (req) => service.myNeighbourhood(ctx.db, memberOf(req)),
  });
};
