import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { memberOf } from '../../http/hooks.ts';
import { errorResponses, secured } from '../../http/responses.ts';
import {
  cellPageQuery,
  cellPageSchema,
  cellQuery,
  matrixSchema,
  networkQuery,
  networkSchema,
  partnerQuery,
  partnersSchema,
  putSharingBody,
  sharingSchema,
} from './accounts.matrix.schema.ts';
import { cellCsv, getMatrix, listCell, listPartners, network } from './accounts.matrix.ts';
import { getSharing, putSharing } from './accounts.sharing.ts';

/** Sharing per partner and population, the overlap matrix, its lists and CSV exports, the network view. */
export const overlapRoutes: FastifyPluginAsyncZod = async (app) => {
  const base = { tags: ['Accounts'], security: secured };
  const { ctx } = app;

  app.get('/accounts/partners', {
    schema: {
      ...base,
      summary: 'Partners to map accounts with: live partnerships and your offline partners’ lists',
      response: { 200: partnersSchema, ...errorResponses },
    },
    handler: (req) => listPartners(ctx.db, memberOf(req)),
  });

  app.get('/accounts/sharing', {
    schema: {
      ...base,
      summary: 'What you share with a partner per population, and what they share with you',
      querystring: partnerQuery,
      response: { 200: sharingSchema, ...errorResponses },
    },
    handler: (req) => getSharing(ctx.db, memberOf(req), req.query.partnerId),
  });

  app.put('/accounts/sharing', {
    schema: {
      ...base,
      summary: 'Replace what you share with a partner (populations left out become hidden)',
      description:
        'Takes effect on the partner’s next request. Needs an active partnership: 409 invalid_state when it ' +
        'is paused or ended, or the partner has no users.',
      body: putSharingBody,
      response: { 200: sharingSchema, ...errorResponses },
    },
    handler: (req) => putSharing(ctx.db, memberOf(req), req.body),
  });

  app.get('/accounts/matrix', {
    schema: {
      ...base,
      summary: 'Your populations × the partner’s, with the overlap counts both sides’ sharing allows',
      description:
        'A cell shows a count only when both sides share their population at counts or more. The partner’s ' +
        'populations shared with you at hidden are not listed. 409 while the partnership is not active.',
      querystring: partnerQuery,
      response: { 200: matrixSchema, ...errorResponses },
    },
    handler: (req) => getMatrix(ctx.db, memberOf(req), req.query.partnerId),
  });

  app.get('/accounts/matrix/list', {
    schema: {
      ...base,
      summary: 'The accounts of one matrix cell: yours and the partner’s matching ones',
      description:
        'Needs both populations shared at overlap or full (403 when either side shares counts only). One row ' +
        'per shared company (match key); the partner’s fields appear when they share at full.',
      querystring: cellPageQuery,
      response: { 200: cellPageSchema, ...errorResponses },
    },
    handler: (req) => listCell(ctx.db, memberOf(req), req.query),
  });

  app.get('/accounts/matrix/list.csv', {
    schema: {
      ...base,
      summary: 'The whole list of a matrix cell as CSV, one line per pair of your account and theirs',
      querystring: cellQuery,
      produces: ['text/csv'],
    },
    handler: async (req, reply) => {
      const { csv, filename } = await cellCsv(ctx.db, memberOf(req), req.query);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(csv);
    },
  });

  app.get('/accounts/network', {
    schema: {
      ...base,
      summary: 'For one of your populations: which partners overlap it most',
      querystring: networkQuery,
      response: { 200: networkSchema, ...errorResponses },
    },
    handler: (req) => network(ctx.db, memberOf(req), req.query.population),
  });
};
