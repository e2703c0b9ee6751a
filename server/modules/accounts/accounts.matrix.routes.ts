import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** TODO(issue 6): matrix routes of the accounts module. */
export const overlapRoutes: FastifyPluginAsyncZod = async () => {};
