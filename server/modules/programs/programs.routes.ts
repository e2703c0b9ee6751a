import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireMember } from '../../http/hooks.ts';

/** TODO(issue 5): routes of the programs module. */
export const programsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', requireMember);
};
