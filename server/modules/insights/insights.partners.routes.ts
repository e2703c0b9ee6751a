import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { memberOf } from '../../http/hooks.ts';
import { errorResponses, fxRateMissing, secured } from '../../http/responses.ts';
import { partnersCsv } from './insights.efficiency.csv.ts';
import { listPartnerInsights } from './insights.efficiency.ts';
import {
  candidateParams,
  feedbackBody,
  feedbackSchema,
  partnersExportQuery,
  partnersPage,
  partnersQuery,
  recommendationSchema,
  recommendationsQuery,
  trustParams,
  trustSchema,
} from './insights.partners.schema.ts';
import { deleteFeedback, listRecommendations, putFeedback } from './insights.recommend.ts';
import { getTrust } from './insights.trust.read.ts';

/** Trust scores, effort efficiency per partner and recommendations (requireMember is the parent's hook). */
export const partnerRoutes: FastifyPluginAsyncZod = async (app) => {
  const base = { tags: ['Insights'], security: secured };
  const { ctx } = app;

  app.get('/insights/partners', {
    schema: {
      ...base,
      summary: 'Your active and paused partners with trust, won value and effort efficiency, sortable',
      querystring: partnersQuery,
      response: { 200: partnersPage, ...errorResponses, ...fxRateMissing },
    },
    handler: (req) => listPartnerInsights(ctx.db, memberOf(req), req.query),
  });

  app.get('/insights/partners/export.csv', {
    schema: {
      ...base,
      summary: 'The partners table as CSV, sorted like the table',
      querystring: partnersExportQuery,
      produces: ['text/csv'],
    },
    handler: async (req, reply) => {
      const { csv, filename } = await partnersCsv(ctx.db, memberOf(req), req.query);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(csv);
    },
  });

  app.get('/insights/trust/:partnerId', {
    schema: {
      ...base,
      summary: 'How much you can trust a partner: each factor’s contribution and the raw numbers',
      params: trustParams,
      response: { 200: trustSchema, ...errorResponses },
    },
    handler: (req) => getTrust(ctx.db, memberOf(req), req.params.partnerId),
  });

  app.get('/insights/recommendations', {
    schema: {
      ...base,
      summary: 'Partners worth approaching, with reasons (dismissed and snoozed ones left out)',
      querystring: recommendationsQuery,
      response: { 200: z.object({ data: z.array(recommendationSchema) }), ...errorResponses },
    },
    handler: (req) => listRecommendations(ctx.db, memberOf(req), req.query.limit),
  });

  app.put('/insights/recommendations/:candidateId/feedback', {
    schema: {
      ...base,
      summary: 'Dismiss a recommendation, or "not now" until a date',
      params: candidateParams,
      body: feedbackBody,
      response: { 200: feedbackSchema, ...errorResponses },
    },
    handler: (req) => putFeedback(ctx.db, memberOf(req), req.params.candidateId, req.body),
  });

  app.delete('/insights/recommendations/:candidateId/feedback', {
    schema: {
      ...base,
      summary: 'Forget a dismissal or "not now": the recommendation shows again',
      params: candidateParams,
      response: { 204: z.null().describe('Forgotten'), ...errorResponses },
    },
    handler: async (req, reply) => {
      await deleteFeedback(ctx.db, memberOf(req), req.params.candidateId);
      return reply.code(204).send(null);
    },
  });
};
