import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** TODO(issue 6): populations routes of the accounts module. */
export const populationRoutes: FastifyPluginAsyncZod = async () => {};
