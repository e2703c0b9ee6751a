import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES } from '../../../common/permissions.ts';
import { acceptInvitation } from '../../flows/accept-invitation.ts';
import { actorOf, requireUser } from '../../http/hooks.ts';
import { errorResponses, secured } from '../../http/responses.ts';
import {
  declineInvitation,
  getInvitationForUser,
  invitationPreviewSchema,
  invitationSchema,
  listInvitationsForUser,
  previewInvitation,
} from '../invitations/index.ts';
import { activateOrganization } from './identity.routes.ts';

const invitationParams = z.object({ id: z.string().uuid() });

/** The invitee's side of invitations: preview behind the emailed link, list, accept, decline. */
export const inviteeRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['Identity'];

  app.get('/invitations/:id/preview', {
    schema: {
      tags,
      summary: 'What the emailed invitation link shows before sign-in',
      params: invitationParams,
      response: { 200: invitationPreviewSchema, ...errorResponses },
    },
    handler: (req) => previewInvitation(app.ctx.db, req.params.id),
  });

  app.register(async (plugin) => {
    const signedIn = plugin.withTypeProvider<ZodTypeProvider>();
    signedIn.addHook('preHandler', requireUser);
    const base = { tags, security: secured };

    signedIn.get('/me/invitations', {
      schema: {
        ...base,
        summary: 'Open invitations addressed to you',
        response: { 200: z.object({ data: z.array(invitationSchema) }), ...errorResponses },
      },
      handler: async (req) => ({ data: await listInvitationsForUser(app.ctx.db, actorOf(req)) }),
    });
    signedIn.get('/me/invitations/:id', {
      schema: {
        ...base,
        summary: 'An invitation addressed to you',
        params: invitationParams,
        response: { 200: invitationSchema, ...errorResponses },
      },
      handler: (req) => getInvitationForUser(app.ctx.db, actorOf(req), req.params.id),
    });
    signedIn.post('/me/invitations/:id/accept', {
      schema: {
        ...base,
        summary: 'Accept an invitation and join its organization',
        params: invitationParams,
        response: {
          200: z.object({
            organizationId: z.string(),
            organizationName: z.string(),
            memberId: z.string(),
            role: z.enum(ROLES),
          }),
          ...errorResponses,
        },
      },
      handler: async (req) => {
        const joined = await acceptInvitation(app.ctx.db, actorOf(req), req.params.id);
        await activateOrganization(req, joined.organizationId);
        return joined;
      },
    });
    signedIn.post('/me/invitations/:id/decline', {
      schema: {
        ...base,
        summary: 'Decline an invitation',
        params: invitationParams,
        response: { 200: invitationSchema, ...errorResponses },
      },
      handler: (req) => declineInvitation(app.ctx.db, actorOf(req), req.params.id),
    });
  });
};
