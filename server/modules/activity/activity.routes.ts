import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { memberOf, requireMember } from '../../http/hooks.ts';
import { pageOf, pageQuery } from '../../http/pagination.ts';
import { errorResponses, secured } from '../../http/responses.ts';
import { ACTIVITY_KINDS, listActivity } from './activity.service.ts';

const activitySchema = z
  .object({
    id: z.string(),
    kind: z.string().describe(`What happened: ${ACTIVITY_KINDS.join(', ')}`),
    source: z.string().describe('Which module or import recorded it'),
    occurredAt: z.date(),
    data: z.unknown().nullable(),
  })
  .meta({ id: 'Activity' });

/** The organization's activity stream (what makes it active in its ecosystems). */
export const activityRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', requireMember);
  app.get('/activity', {
    schema: {
      tags: ['Activity'],
      security: secured,
      summary: "Your organization's activity, newest first",
      querystring: pageQuery.strict(),
      response: { 200: pageOf(activitySchema), ...errorResponses },
    },
    handler: (req) => listActivity(app.ctx.db, memberOf(req), req.query.limit, req.query.cursor),
  });
};
