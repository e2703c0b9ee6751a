import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

/** TODO(issue 6): import routes of the accounts module. */
export const accountImportRoutes: FastifyPluginAsyncZod = async () => {};
