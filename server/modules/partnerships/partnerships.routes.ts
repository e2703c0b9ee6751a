import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { proposePartnershipFlow } from '../../flows/propose-partnership.ts';
import { memberOf, requireMember } from '../../http/hooks.ts';
import { pageOf } from '../../http/pagination.ts';
import { errorResponses, secured } from '../../http/responses.ts';
import {
  actionParams,
  decideBody,
  listPartnershipsQuery,
  ownerBody,
  partnershipEventSchema,
  partnershipParams,
  partnershipSchema,
  proposeBody,
} from './partnerships.schema.ts';
import * as service from './partnerships.service.ts';

/** Partnerships: propose, answer (dual opt-in), pause, resume, end; owners and timeline. */
export const partnershipsRoutes: FastifyPluginAsyncZod = async (app) => {
  const base = { tags: ['Partnerships'], security: secured };
  const { ctx } = app;
  app.addHook('preHandler', requireMember);

  app.get('/partnerships', {
    schema: {
      ...base,
      summary: "Your organization's partnerships, newest first",
      querystring: listPartnershipsQuery,
      response: { 200: pageOf(partnershipSchema), ...errorResponses },
    },
    handler: (req) => service.listPartnerships(ctx.db, memberOf(req), req.query),
  });

  app.post('/partnerships', {
    schema: {
      ...base,
      summary: 'Propose a partnership (to a directory organization, or a new offline partner)',
      body: proposeBody,
      response: { 201: partnershipSchema, ...errorResponses },
    },
    handler: async (req, reply) => {
      const actor = memberOf(req);
      const row = await proposePartnershipFlow(ctx, actor, req.body);
      return reply.code(201).send(await service.getPartnership(ctx.db, actor, row.id));
    },
  });

  app.get('/partnerships/:id', {
    schema: {
      ...base,
      summary: 'A partnership, from your side',
      params: partnershipParams,
      response: { 200: partnershipSchema, ...errorResponses },
    },
    handler: (req) => service.getPartnership(ctx.db, memberOf(req), req.params.id),
  });

  app.patch('/partnerships/:id', {
    schema: {
      ...base,
      summary: "Assign your side's owning alliance manager",
      params: partnershipParams,
      body: ownerBody,
      response: { 200: partnershipSchema, ...errorResponses },
    },
    handler: async (req) => {
      const actor = memberOf(req);
      await service.setOwner(ctx.db, actor, req.params.id, req.body.ownerUserId);
      return service.getPartnership(ctx.db, actor, req.params.id);
    },
  });

  app.post('/partnerships/:id/:action', {
    schema: {
      ...base,
      summary:
        'accept / decline (the invited side), withdraw (the proposer), pause / resume / end (either side)',
      params: actionParams,
      body: decideBody.optional(),
      response: { 200: partnershipSchema, ...errorResponses },
    },
    handler: async (req) => {
      const actor = memberOf(req);
      await service.actOnPartnership(ctx, actor, req.params.id, req.params.action, req.body ?? {});
      return service.getPartnership(ctx.db, actor, req.params.id);
    },
  });

  app.get('/partnerships/:id/timeline', {
    schema: {
      ...base,
      summary: "The partnership's timeline, oldest first",
      params: partnershipParams,
      response: { 200: z.object({ data: z.array(partnershipEventSchema) }), ...errorResponses },
    },
    handler: async (req) => ({
      data: await service.partnershipTimeline(ctx.db, memberOf(req), req.params.id),
    }),
  });
};
