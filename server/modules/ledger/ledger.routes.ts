import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { memberOf, requireMember } from '../../http/hooks.ts';
import { pageOf } from '../../http/pagination.ts';
import { errorResponses, fxRateMissing, secured } from '../../http/responses.ts';
import * as fx from './ledger.fx.ts';
import * as netting from './ledger.netting.ts';
import { ledgerReport } from './ledger.report.ts';
import {
  clawbackBody,
  createRateBody,
  dealParams,
  entriesSchema,
  entryDetailSchema,
  entryParams,
  entrySchema,
  fxRateSchema,
  importBody,
  importResultSchema,
  listEntriesQuery,
  listRatesQuery,
  moneySettingsBody,
  moneySettingsSchema,
  nettingQuery,
  nettingSchema,
  partnershipParams,
  rateParams,
  referralFeeBody,
  referralFeeSchema,
  reportQuery,
  reportSchema,
  settleBody,
} from './ledger.schema.ts';
import * as service from './ledger.service.ts';
import { getMoneySettings, updateMoneySettings } from './ledger.settings.ts';

const withImmutable = {
  ...errorResponses,
  405: errorResponses[409].describe('ledger_immutable: entries are never edited or deleted'),
  ...fxRateMissing,
};

/** The ledger: entries, clawbacks, money settings, FX rates, the report, P2P fees and netting. */
export const ledgerRoutes: FastifyPluginAsyncZod = async (app) => {
  const base = { tags: ['Ledger'], security: secured };
  const { ctx } = app;
  app.addHook('preHandler', requireMember);
  // Only the FX import reads CSV; this plugin's scope keeps the rest of the API JSON-only.
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  app.get('/ledger/entries', {
    schema: {
      ...base,
      summary: 'Ledger entries your organization pays or receives, newest first',
      querystring: listEntriesQuery,
      response: { 200: pageOf(entrySchema), ...errorResponses },
    },
    handler: (req) => service.listEntries(ctx.db, memberOf(req), req.query),
  });

  app.get('/ledger/entries/:id', {
    schema: {
      ...base,
      summary: 'A ledger entry with its double-entry lines and its reversal, if any',
      params: entryParams,
      response: { 200: entryDetailSchema, ...errorResponses },
    },
    handler: (req) => service.getEntry(ctx.db, memberOf(req), req.params.id),
  });

  app.route({
    method: ['PATCH', 'PUT', 'DELETE'],
    url: '/ledger/entries/:id',
    schema: {
      ...base,
      summary: 'Always 405: the ledger is append-only (post a reversal with a clawback instead)',
      params: entryParams,
      response: withImmutable,
    },
    handler: async () => {
      throw service.ledgerImmutable();
    },
  });

  app.post('/deals/:id/clawback', {
    schema: {
      ...base,
      summary: "Claw back your organization's commissions and fees on a deal (reversing entries)",
      params: dealParams,
      body: clawbackBody,
      response: { 201: entriesSchema.describe('The reversing entries posted'), ...errorResponses },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await service.clawbackDeal(ctx, memberOf(req), req.params.id, req.body.reason)),
  });

  app.get('/ledger/report', {
    schema: {
      ...base,
      summary: 'Earned, reversed and paid per currency and in your reporting currency for a period',
      querystring: reportQuery,
      response: { 200: reportSchema, ...withImmutable },
    },
    handler: (req) => ledgerReport(ctx.db, memberOf(req), req.query),
  });

  app.get('/money/settings', {
    schema: {
      ...base,
      summary: "Your organization's reporting currency and payout minimums",
      response: { 200: moneySettingsSchema, ...errorResponses },
    },
    handler: (req) => getMoneySettings(ctx.db, memberOf(req)),
  });

  app.patch('/money/settings', {
    schema: {
      ...base,
      summary: 'Change the reporting currency and/or replace the payout minimums (owners, admins, finance)',
      body: moneySettingsBody,
      response: { 200: moneySettingsSchema, ...errorResponses },
    },
    handler: (req) => updateMoneySettings(ctx.db, memberOf(req), req.body),
  });

  app.get('/fx-rates', {
    schema: {
      ...base,
      summary: "Your organization's exchange rates, newest date first",
      querystring: listRatesQuery,
      response: { 200: pageOf(fxRateSchema), ...errorResponses },
    },
    handler: (req) => fx.listRates(ctx.db, memberOf(req), req.query),
  });

  app.post('/fx-rates', {
    schema: {
      ...base,
      summary: 'Enter a dated rate (the same pair and date again replaces it)',
      body: createRateBody,
      response: { 201: fxRateSchema, ...errorResponses },
    },
    handler: async (req, reply) => reply.code(201).send(await fx.createRate(ctx.db, memberOf(req), req.body)),
  });

  app.post('/fx-rates/import', {
    schema: {
      ...base,
      summary: 'Import rates from CSV (text/csv: base,quote,date,rate); any bad row stores nothing',
      consumes: ['text/csv'],
      body: importBody,
      response: { 200: importResultSchema, ...errorResponses },
    },
    handler: (req) => fx.importRates(ctx.db, memberOf(req), req.body),
  });

  app.delete('/fx-rates/:id', {
    schema: {
      ...base,
      summary: 'Delete a rate',
      params: rateParams,
      response: { 204: z.null().describe('Deleted'), ...errorResponses },
    },
    handler: async (req, reply) => {
      await fx.deleteRate(ctx.db, memberOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  });

  app.get('/partnerships/:id/referral-fee', {
    schema: {
      ...base,
      summary: 'The P2P referral fee each side pays the other on referrals it wins',
      params: partnershipParams,
      response: { 200: referralFeeSchema, ...errorResponses },
    },
    handler: (req) => netting.getReferralFee(ctx.db, memberOf(req), req.params.id),
  });

  app.put('/partnerships/:id/referral-fee', {
    schema: {
      ...base,
      summary: "Set what your organization pays the partner on the partner's referrals it wins",
      params: partnershipParams,
      body: referralFeeBody,
      response: { 200: referralFeeSchema, ...errorResponses },
    },
    handler: (req) => netting.setReferralFee(ctx, memberOf(req), req.params.id, req.body.rateBp),
  });

  app.get('/partnerships/:id/netting', {
    schema: {
      ...base,
      summary: 'P2P fee netting with the partner: fees each way, settlements and the net, per month',
      params: partnershipParams,
      querystring: nettingQuery,
      response: { 200: nettingSchema, ...errorResponses },
    },
    handler: (req) => netting.pairNetting(ctx.db, memberOf(req), req.params.id, req.query),
  });

  app.post('/partnerships/:id/netting/settle', {
    schema: {
      ...base,
      summary: 'Record the settlement of the P2P fee balance through the end of a period',
      params: partnershipParams,
      body: settleBody,
      response: {
        201: entriesSchema.describe('The settlement entries, one per currency'),
        ...errorResponses,
      },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await netting.settleNetting(ctx, memberOf(req), req.params.id, req.body)),
  });
};
