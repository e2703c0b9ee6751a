import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { memberOf, requireMember } from '../../http/hooks.ts';
import { pageOf, pageQuery } from '../../http/pagination.ts';
import { errorResponses, secured } from '../../http/responses.ts';
import {
  createEcosystemBody,
  ecosystemParams,
  ecosystemSchema,
  ecosystemSummarySchema,
  inviteBody,
  joinBody,
  joinResultSchema,
  listEcosystemsQuery,
  membersQuery,
  membersResultSchema,
  requestParams,
  requestSchema,
  trendQuery,
  trendSchema,
  updateEcosystemBody,
} from './ecosystems.schema.ts';
import * as service from './ecosystems.service.ts';

/** Ecosystems: communities, networks and vendor channels; membership, requests and activity. */
export const ecosystemsRoutes: FastifyPluginAsyncZod = async (app) => {
  const base = { tags: ['Ecosystems'], security: secured };
  const { db } = app.ctx;
  app.addHook('preHandler', requireMember);

  app.get('/ecosystems', {
    schema: {
      ...base,
      summary: 'Ecosystems you can see, by name',
      querystring: listEcosystemsQuery,
      response: { 200: pageOf(ecosystemSummarySchema), ...errorResponses },
    },
    handler: (req) => service.listEcosystems(db, memberOf(req), req.query),
  });

  app.post('/ecosystems', {
    schema: {
      ...base,
      summary: 'Create an ecosystem run by your organization',
      body: createEcosystemBody,
      response: { 201: ecosystemSchema, ...errorResponses },
    },
    handler: async (req, reply) => {
      const actor = memberOf(req);
      const row = await service.createEcosystem(db, actor, req.body);
      return reply.code(201).send(await service.getEcosystem(db, actor, row.id));
    },
  });

  app.get('/ecosystems/:id', {
    schema: {
      ...base,
      summary: 'An ecosystem: settings, hub, nesting, active and inactive members',
      params: ecosystemParams,
      response: { 200: ecosystemSchema, ...errorResponses },
    },
    handler: (req) => service.getEcosystem(db, memberOf(req), req.params.id),
  });

  app.patch('/ecosystems/:id', {
    schema: {
      ...base,
      summary: 'Change an ecosystem (its managers)',
      params: ecosystemParams,
      body: updateEcosystemBody,
      response: { 200: ecosystemSchema, ...errorResponses },
    },
    handler: async (req) => {
      const actor = memberOf(req);
      const row = await service.updateEcosystem(db, actor, req.params.id, req.body);
      return service.getEcosystem(db, actor, row.id);
    },
  });

  app.get('/ecosystems/:id/members', {
    schema: {
      ...base,
      summary: 'Members, searchable and filterable like the directory; facet counts give its composition',
      params: ecosystemParams,
      querystring: membersQuery,
      response: { 200: membersResultSchema, ...errorResponses },
    },
    handler: (req) => service.listMembers(db, memberOf(req), req.params.id, req.query),
  });

  app.get('/ecosystems/:id/activity-trend', {
    schema: {
      ...base,
      summary: 'Active members week by week',
      params: ecosystemParams,
      querystring: trendQuery,
      response: { 200: trendSchema, ...errorResponses },
    },
    handler: (req) => service.activityTrend(db, memberOf(req), req.params.id, req.query.weeks),
  });

  app.post('/ecosystems/:id/join', {
    schema: {
      ...base,
      summary: 'Join (open), request to join (approval), or accept an invitation (invite-only)',
      params: ecosystemParams,
      body: joinBody,
      response: { 200: joinResultSchema, ...errorResponses },
    },
    handler: (req) => service.joinEcosystem(db, memberOf(req), req.params.id, req.body.message),
  });

  app.post('/ecosystems/:id/leave', {
    schema: {
      ...base,
      summary: 'Leave, withdraw your request, or decline your invitation',
      params: ecosystemParams,
      response: { 200: joinResultSchema, ...errorResponses },
    },
    handler: (req) => service.leaveEcosystem(db, memberOf(req), req.params.id),
  });

  app.get('/ecosystems/:id/requests', {
    schema: {
      ...base,
      summary: 'Pending join requests and invitations (managers)',
      params: ecosystemParams,
      querystring: pageQuery.strict(),
      response: { 200: pageOf(requestSchema), ...errorResponses },
    },
    handler: (req) =>
      service.listPending(db, memberOf(req), req.params.id, req.query.limit, req.query.cursor),
  });

  app.post('/ecosystems/:id/requests/:orgId/approve', {
    schema: {
      ...base,
      summary: 'Approve a join request (managers)',
      params: requestParams,
      response: { 200: joinResultSchema, ...errorResponses },
    },
    handler: (req) => service.decideRequest(db, memberOf(req), req.params.id, req.params.orgId, true),
  });

  app.post('/ecosystems/:id/requests/:orgId/decline', {
    schema: {
      ...base,
      summary: 'Decline a join request (managers)',
      params: requestParams,
      response: { 200: joinResultSchema, ...errorResponses },
    },
    handler: (req) => service.decideRequest(db, memberOf(req), req.params.id, req.params.orgId, false),
  });

  app.post('/ecosystems/:id/invitations', {
    schema: {
      ...base,
      summary: 'Invite an organization (managers)',
      params: ecosystemParams,
      body: inviteBody,
      response: { 200: joinResultSchema, ...errorResponses },
    },
    handler: (req) => service.inviteOrganization(db, memberOf(req), req.params.id, req.body.organizationId),
  });
};
