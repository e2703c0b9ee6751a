import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireMember } from '../../http/hooks.ts';
import { accountImportRoutes } from './accounts.import.routes.ts';
import { overlapRoutes } from './accounts.matrix.routes.ts';
import { populationRoutes } from './accounts.populations.routes.ts';

/** Account mapping: imports, populations, sharing, the overlap matrix and its lists. */
export const accountsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', requireMember);
  await app.register(accountImportRoutes);
  await app.register(populationRoutes);
  await app.register(overlapRoutes);
};
