import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { memberOf, requireMember } from '../../http/hooks.ts';
import { pageOf } from '../../http/pagination.ts';
import { errorResponses, secured } from '../../http/responses.ts';
import {
  listMembersQuery,
  memberParams,
  memberSchema,
  memberStatsSchema,
  orgChartNodeSchema,
  rollupSchema,
  setManagerBody,
  updateMemberBody,
} from './members.schema.ts';
import * as service from './members.service.ts';

/** Members, roles, reporting lines, org chart and roll-ups. */
export const membersRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['Members'];
  const base = { tags, security: secured };
  app.addHook('preHandler', requireMember);

  app.get('/members', {
    schema: {
      ...base,
      summary: 'List members',
      querystring: listMembersQuery,
      response: { 200: pageOf(memberSchema), ...errorResponses },
    },
    handler: (req) => service.listMembers(app.ctx.db, memberOf(req), req.query),
  });
  app.get('/members/stats', {
    schema: {
      ...base,
      summary: 'How many members, in total and per role',
      response: { 200: memberStatsSchema, ...errorResponses },
    },
    handler: (req) => service.memberStats(app.ctx.db, memberOf(req)),
  });
  app.get('/members/:id', {
    schema: {
      ...base,
      summary: 'Get a member',
      params: memberParams,
      response: { 200: memberSchema, ...errorResponses },
    },
    handler: (req) => service.getMember(app.ctx.db, memberOf(req), req.params.id),
  });
  app.patch('/members/:id', {
    schema: {
      ...base,
      summary: "Change a member's role",
      params: memberParams,
      body: updateMemberBody,
      response: { 200: memberSchema, ...errorResponses },
    },
    handler: (req) => service.changeRole(app.ctx.db, memberOf(req), req.params.id, req.body.role),
  });
  app.delete('/members/:id', {
    schema: {
      ...base,
      summary: 'Remove a member',
      params: memberParams,
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (req, reply) => {
      await service.removeMember(app.ctx.db, memberOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  });
  app.put('/members/:id/manager', {
    schema: {
      ...base,
      summary: 'Set whom a member reports to',
      params: memberParams,
      body: setManagerBody,
      response: { 200: memberSchema, ...errorResponses },
    },
    handler: (req) => service.setManager(app.ctx.db, memberOf(req), req.params.id, req.body.managerMemberId),
  });
  app.get('/members/:id/reports', {
    schema: {
      ...base,
      summary: 'Roll-up of everyone reporting to a member',
      params: memberParams,
      response: { 200: rollupSchema, ...errorResponses },
    },
    handler: (req) => service.rollup(app.ctx.db, memberOf(req), req.params.id),
  });
  app.get('/org-chart', {
    schema: {
      ...base,
      summary: "The organization's reporting tree",
      response: { 200: z.object({ data: z.array(orgChartNodeSchema) }), ...errorResponses },
    },
    handler: async (req) => ({ data: await service.orgChart(app.ctx.db, memberOf(req)) }),
  });
};
