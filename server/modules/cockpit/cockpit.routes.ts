import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { memberOf, requireMember } from '../../http/hooks.ts';
import { errorResponses, secured } from '../../http/responses.ts';
import { allianceManagerView } from './cockpit.am.ts';
import { cockpitCsv } from './cockpit.csv.ts';
import {
  amQuery,
  amViewSchema,
  cockpitQuery,
  cockpitSchema,
  settingsBody,
  settingsSchema,
} from './cockpit.schema.ts';
import * as service from './cockpit.service.ts';

const rangeNote =
  'from > to, a period before 2000, longer than five years or ending more than a year ahead: 400 invalid_range. ' +
  'Unknown query parameters: 400. A missing FX rate: 422 fx_rate_missing.';

/** The CPO cockpit, the alliance manager view and the cockpit settings. */
export const cockpitRoutes: FastifyPluginAsyncZod = async (app) => {
  const base = { tags: ['Cockpit'], security: secured };
  const { ctx } = app;
  app.addHook('preHandler', requireMember);

  app.get('/cockpit', {
    schema: {
      ...base,
      summary:
        'The partner business in numbers: sourced/influenced/direct revenue, partners, tiers, costs, trend, roll-up',
      description:
        'Owners, admins, the CPO and finance see the whole organization; an alliance manager sees the partnerships ' +
        `they and their reports own (allianceManagerId outside that: 403). Default period: this month and the 11 before. ${rangeNote}`,
      querystring: cockpitQuery,
      response: { 200: cockpitSchema, ...errorResponses },
    },
    handler: (req) => service.getCockpit(ctx.db, memberOf(req), req.query),
  });

  app.get('/cockpit/export.csv', {
    schema: {
      ...base,
      summary: 'The cockpit as CSV: every KPI, the monthly trend, tiers, top partners and the roll-up',
      description: `Same filters and scope as GET /cockpit. ${rangeNote}`,
      querystring: cockpitQuery,
      produces: ['text/csv'],
    },
    handler: async (req, reply) => {
      const { csv, filename } = cockpitCsv(await service.getCockpit(ctx.db, memberOf(req), req.query));
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(csv);
    },
  });

  app.get('/cockpit/settings', {
    schema: {
      ...base,
      summary: 'The cockpit settings: the direct cost of sale indirect selling is compared against',
      response: { 200: settingsSchema, ...errorResponses },
    },
    handler: (req) => service.getSettings(ctx.db, memberOf(req)),
  });

  app.put('/cockpit/settings', {
    schema: {
      ...base,
      summary: 'Set the direct cost of sale (owners, admins, the CPO and finance)',
      body: settingsBody,
      response: { 200: settingsSchema, ...errorResponses },
    },
    handler: (req) => service.updateSettings(ctx.db, memberOf(req), req.body),
  });

  app.get('/cockpit/alliance-manager', {
    schema: {
      ...base,
      summary:
        'An alliance manager’s view: portfolio, partners going inactive, open SLA items, expiring protections',
      description:
        'Default: yours. An alliance manager may look at themselves and the people reporting to them (403 otherwise); ' +
        'the organization roles at anyone in the organization. Another organization’s user: 404.',
      querystring: amQuery,
      response: { 200: amViewSchema, ...errorResponses },
    },
    handler: (req) => allianceManagerView(ctx.db, memberOf(req), req.query),
  });
};
