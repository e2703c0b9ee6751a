import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireMember } from '../../http/hooks.ts';
import { graphRoutes } from './insights.graph.routes.ts';
import { partnerRoutes } from './insights.partners.routes.ts';

/** Insights: refresh runs, discovered communities and hubs, the neighbourhood graph, trust, efficiency, recommendations. */
export const insightsRoutes: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', requireMember);
  await app.register(graphRoutes);
  await app.register(partnerRoutes);
};
