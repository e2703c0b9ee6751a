import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { memberOf, requireMember } from '../../http/hooks.ts';
import { pageOf } from '../../http/pagination.ts';
import { errorResponses, secured } from '../../http/responses.ts';
import {
  createInvitationBody,
  invitationParams,
  invitationSchema,
  listInvitationsQuery,
} from './invitations.schema.ts';
import * as service from './invitations.service.ts';

/** Invitations sent by the organization. (The invitee's side lives with the identity routes.) */
export const invitationsRoutes: FastifyPluginAsyncZod = async (app) => {
  const base = { tags: ['Invitations'], security: secured };
  app.addHook('preHandler', requireMember);
  app.get('/invitations', {
    schema: {
      ...base,
      summary: "List the organization's invitations",
      querystring: listInvitationsQuery,
      response: { 200: pageOf(invitationSchema), ...errorResponses },
    },
    handler: (req) => service.listInvitations(app.ctx.db, memberOf(req), req.query),
  });
  app.post('/invitations', {
    schema: {
      ...base,
      summary: 'Invite someone by email with a role',
      body: createInvitationBody,
      response: { 201: invitationSchema, ...errorResponses },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await service.createInvitation(app.ctx, memberOf(req), req.body)),
  });
  app.delete('/invitations/:id', {
    schema: {
      ...base,
      summary: 'Cancel a pending invitation',
      params: invitationParams,
      response: { 200: invitationSchema, ...errorResponses },
    },
    handler: (req) => service.cancelInvitation(app.ctx.db, memberOf(req), req.params.id),
  });
};
