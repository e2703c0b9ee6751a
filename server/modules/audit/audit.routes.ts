import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { memberOf, requireMember } from '../../http/hooks.ts';
import { pageOf, pageQuery } from '../../http/pagination.ts';
import { errorResponses, secured } from '../../http/responses.ts';
import { listAudit } from './audit.service.ts';

const auditEntrySchema = z.object({
  id: z.string(),
  action: z.string().describe('What happened, e.g. member.role_changed'),
  actorType: z.string().describe('user (web session), token (API) or system'),
  actorUserId: z.string().nullable(),
  actorName: z.string().nullable(),
  actorEmail: z.string().nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  requestId: z.string().nullable().describe('Request that made the change'),
  data: z.unknown().describe('Details of the change'),
  createdAt: z.date(),
});

/** The read-only audit log. */
export const auditRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', requireMember);
  app.get('/audit-log', {
    schema: {
      tags: ['Audit log'],
      security: secured,
      summary: 'List audit entries, newest first (owners and admins)',
      querystring: pageQuery.extend({
        action: z.string().max(100).optional().describe('Only this action'),
        actorUserId: z.string().uuid().optional().describe('Only this actor'),
      }),
      response: { 200: pageOf(auditEntrySchema), ...errorResponses },
    },
    handler: (req) => listAudit(app.ctx.db, memberOf(req), req.query),
  });
};
