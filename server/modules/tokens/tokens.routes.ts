import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { memberOf, requireMember } from '../../http/hooks.ts';
import { pageOf } from '../../http/pagination.ts';
import { errorResponses, secured } from '../../http/responses.ts';
import {
  createdTokenSchema,
  createTokenBody,
  listTokensQuery,
  tokenParams,
  tokenSchema,
} from './tokens.schema.ts';
import * as service from './tokens.service.ts';

/** Personal API tokens. */
export const tokensRoutes: FastifyPluginAsyncZod = async (app) => {
  const base = { tags: ['API tokens'], security: secured };
  app.addHook('preHandler', requireMember);

  app.get('/tokens', {
    schema: {
      ...base,
      summary: 'List API tokens',
      querystring: listTokensQuery,
      response: { 200: pageOf(tokenSchema), ...errorResponses },
    },
    handler: (req) =>
      service.listTokens(app.ctx.db, memberOf(req), { ...req.query, all: req.query.all === 'true' }),
  });
  app.post('/tokens', {
    schema: {
      ...base,
      summary: 'Create an API token (the secret is shown once)',
      body: createTokenBody,
      response: { 201: createdTokenSchema, ...errorResponses },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await service.createToken(app.ctx.db, memberOf(req), req.body)),
  });
  app.delete('/tokens/:id', {
    schema: {
      ...base,
      summary: 'Revoke an API token',
      params: tokenParams,
      response: { 204: z.null(), ...errorResponses },
    },
    handler: async (req, reply) => {
      await service.revokeToken(app.ctx.db, memberOf(req), req.params.id);
      return reply.status(204).send(null);
    },
  });
};
