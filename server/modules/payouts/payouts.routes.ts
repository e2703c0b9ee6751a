import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { memberOf, requireMember } from '../../http/hooks.ts';
import { pageOf } from '../../http/pagination.ts';
import { errorResponses, secured } from '../../http/responses.ts';
import { payoutCsv } from './payouts.csv.ts';
import { earnings, payable } from './payouts.earnings.ts';
import {
  earningStatementParams,
  earningStatementsQuery,
  earningsQuery,
  earningsSchema,
  failedBody,
  listPayoutsQuery,
  paidBody,
  payableBalanceSchema,
  payableQuery,
  payoutParams,
  payoutSchema,
  payoutSummarySchema,
  runPayoutBody,
  statementDetailSchema,
  statementParams,
  statementSchema,
} from './payouts.schema.ts';
import * as service from './payouts.service.ts';

/** Payouts: run a period, statements and lines, CSV export, mark paid or failed; earnings. */
export const payoutsRoutes: FastifyPluginAsyncZod = async (app) => {
  const base = { tags: ['Payouts'], security: secured };
  const { ctx } = app;
  app.addHook('preHandler', requireMember);

  app.get('/payouts', {
    schema: {
      ...base,
      summary: 'Payouts your organization ran (as payer), newest first',
      querystring: listPayoutsQuery,
      response: { 200: pageOf(payoutSummarySchema), ...errorResponses },
    },
    handler: (req) => service.listPayouts(ctx.db, memberOf(req), req.query),
  });

  app.post('/payouts', {
    schema: {
      ...base,
      summary: 'Run a payout: one statement per partner with every payable entry available by the period end',
      description:
        'Currencies whose partner total is below your minimum payout (or not positive) roll over to a later ' +
        'payout. 409 nothing_to_pay when nothing is payable; 409 already_exists for a period end already ' +
        'run; 409 conflict when another run took the same entries at the same moment.',
      body: runPayoutBody,
      response: { 201: payoutSchema, ...errorResponses },
    },
    handler: async (req, reply) => {
      const actor = memberOf(req);
      const row = await service.runPayout(ctx, actor, req.body);
      return reply.code(201).send(await service.getPayout(ctx.db, actor, row.id));
    },
  });

  app.get('/payouts/payable', {
    schema: {
      ...base,
      summary: 'What you owe partners (pending, payable, in payout, paid) per partner and currency',
      querystring: payableQuery,
      response: { 200: z.object({ data: z.array(payableBalanceSchema) }), ...errorResponses },
    },
    handler: (req) => payable(ctx.db, memberOf(req), req.query),
  });

  app.get('/payouts/:id', {
    schema: {
      ...base,
      summary: 'A payout with its statements',
      params: payoutParams,
      response: { 200: payoutSchema, ...errorResponses },
    },
    handler: (req) => service.getPayout(ctx.db, memberOf(req), req.params.id),
  });

  app.get('/payouts/:id/export.csv', {
    schema: {
      ...base,
      summary: "The payout's lines as CSV, one row per line, amounts in major units",
      params: payoutParams,
      produces: ['text/csv'],
    },
    handler: async (req, reply) => {
      const { csv, filename } = await payoutCsv(ctx.db, memberOf(req), req.params.id);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(csv);
    },
  });

  app.get('/payouts/:id/statements/:statementId', {
    schema: {
      ...base,
      summary: 'A statement of a payout with its lines',
      params: statementParams,
      response: { 200: statementDetailSchema, ...errorResponses },
    },
    handler: (req) => service.getPayerStatement(ctx.db, memberOf(req), req.params.id, req.params.statementId),
  });

  app.post('/payouts/:id/statements/:statementId/paid', {
    schema: {
      ...base,
      summary: 'Mark an open statement paid: posts a payout ledger entry per currency',
      params: statementParams,
      body: paidBody,
      response: { 200: statementDetailSchema, ...errorResponses },
    },
    handler: (req) =>
      service.markPaid(ctx, memberOf(req), req.params.id, req.params.statementId, req.body.externalReference),
  });

  app.post('/payouts/:id/statements/:statementId/failed', {
    schema: {
      ...base,
      summary: 'Mark an open statement failed: its amounts are payable again in the next payout',
      params: statementParams,
      body: failedBody,
      response: { 200: statementDetailSchema, ...errorResponses },
    },
    handler: (req) =>
      service.markFailed(ctx, memberOf(req), req.params.id, req.params.statementId, req.body.reason),
  });

  app.get('/earnings', {
    schema: {
      ...base,
      summary: 'What your organization earned as a partner: balances per payer and currency, and entries',
      querystring: earningsQuery,
      response: { 200: earningsSchema, ...errorResponses },
    },
    handler: (req) => earnings(ctx.db, memberOf(req), req.query),
  });

  app.get('/earnings/statements', {
    schema: {
      ...base,
      summary: 'Payout statements paying your organization, newest first',
      querystring: earningStatementsQuery,
      response: { 200: pageOf(statementSchema), ...errorResponses },
    },
    handler: (req) => service.listMyStatements(ctx.db, memberOf(req), req.query),
  });

  app.get('/earnings/statements/:id', {
    schema: {
      ...base,
      summary: 'A payout statement paying your organization, with its lines',
      params: earningStatementParams,
      response: { 200: statementDetailSchema, ...errorResponses },
    },
    handler: (req) => service.getMyStatement(ctx.db, memberOf(req), req.params.id),
  });
};
