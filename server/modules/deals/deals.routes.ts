import { stringify } from 'csv-stringify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { moveDealFlow } from '../../flows/move-deal.ts';
import { memberOf, requireMember } from '../../http/hooks.ts';
import { pageOf } from '../../http/pagination.ts';
import { errorResponses, secured } from '../../http/responses.ts';
import { addCoSeller, removeCoSeller } from './deals.cosell.ts';
import { pairLedger } from './deals.ledger.ts';
import * as review from './deals.review.ts';
import {
  addPartnerBody,
  conflictCheckBody,
  conflictPreviewSchema,
  createOpportunityBody,
  createReferralBody,
  createRegistrationBody,
  dealEventSchema,
  dealParams,
  dealSchema,
  dealSummarySchema,
  decisionBody,
  exportDealsQuery,
  extensionBody,
  ledgerSchema,
  listDealsQuery,
  partyParams,
  queueItemSchema,
  reviewQueueQuery,
  settingsBody,
  settingsSchema,
  transitionBody,
  updateDealBody,
} from './deals.schema.ts';
import * as service from './deals.service.ts';
import { decideExtension, requestExtension } from './deals.transitions.ts';

const CSV_COLUMNS = [
  'id',
  'kind',
  'status',
  'title',
  'customer_name',
  'customer_domain',
  'customer_country',
  'amount',
  'won_amount',
  'currency',
  'expected_close',
  'from',
  'to',
  'my_side',
  'conflict',
  'sent_at',
  'response_due_at',
  'overdue',
  'created_at',
];

/** Deals: referrals, registrations, own pipeline; moves, co-selling, conflicts, protection, ledger. */
export const dealsRoutes: FastifyPluginAsyncZod = async (app) => {
  const base = { tags: ['Deals'], security: secured };
  const { ctx } = app;
  app.addHook('preHandler', requireMember);

  app.get('/deals', {
    schema: {
      ...base,
      summary: 'Deals your organization is on (sent, received, co-selling), newest first',
      querystring: listDealsQuery,
      response: { 200: pageOf(dealSummarySchema), ...errorResponses },
    },
    handler: (req) => service.listDeals(ctx.db, memberOf(req), req.query),
  });

  app.get('/deals/export.csv', {
    schema: {
      ...base,
      summary: 'The same list as CSV (every page), for spreadsheets',
      querystring: exportDealsQuery,
      produces: ['text/csv'],
    },
    handler: async (req, reply) => {
      const actor = memberOf(req);
      const csv = stringify({ header: true, columns: CSV_COLUMNS });
      (async () => {
        for await (const page of service.exportDeals(ctx.db, actor, req.query))
          for (const d of page)
            csv.write([
              d.id,
              d.kind,
              d.status,
              d.title,
              d.customerName,
              d.customerDomain ?? '',
              d.customerCountry ?? '',
              d.amount.amountMinor,
              d.wonAmount?.amountMinor ?? '',
              d.amount.currency,
              d.expectedClose ?? '',
              d.from.name,
              d.to?.name ?? '',
              d.mySide,
              d.conflictOutcome ?? '',
              d.sentAt?.toISOString() ?? '',
              d.responseDueAt?.toISOString() ?? '',
              d.overdue,
              d.createdAt.toISOString(),
            ]);
        csv.end();
      })().catch((err) => csv.destroy(err));
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="deals.csv"')
        .send(csv);
    },
  });

  app.post('/referrals', {
    schema: {
      ...base,
      summary: 'Send a referral (a lead) to a partner',
      body: createReferralBody,
      response: { 201: dealSchema, ...errorResponses },
    },
    handler: async (req, reply) => {
      const actor = memberOf(req);
      const d = await service.createReferral(ctx, actor, req.body);
      return reply.code(201).send(await service.dealView(ctx.db, actor, { deal: d, side: 'from' }, true));
    },
  });

  app.post('/registrations', {
    schema: {
      ...base,
      summary: 'Register an opportunity with a vendor (submitted at once unless submit is false)',
      body: createRegistrationBody,
      response: { 201: dealSchema, ...errorResponses },
    },
    handler: async (req, reply) => {
      const actor = memberOf(req);
      const d = await service.createRegistration(ctx, actor, req.body);
      return reply.code(201).send(await service.dealView(ctx.db, actor, { deal: d, side: 'from' }, true));
    },
  });

  app.post('/registrations/conflict-check', {
    schema: {
      ...base,
      summary: 'Preview the conflict check for a registration you are typing',
      body: conflictCheckBody,
      response: { 200: conflictPreviewSchema, ...errorResponses },
    },
    handler: (req) => service.previewRegistration(ctx.db, memberOf(req), req.body),
  });

  app.post('/opportunities', {
    schema: {
      ...base,
      summary: "Add an opportunity to your own pipeline (partners' registrations are checked against it)",
      body: createOpportunityBody,
      response: { 201: dealSchema, ...errorResponses },
    },
    handler: async (req, reply) => {
      const actor = memberOf(req);
      const d = await service.createOpportunity(ctx, actor, req.body);
      return reply.code(201).send(await service.dealView(ctx.db, actor, { deal: d, side: 'from' }, true));
    },
  });

  app.get('/deals/review-queue', {
    schema: {
      ...base,
      summary: 'Registrations waiting for your review, soonest due first (alliance managers, CPO)',
      querystring: reviewQueueQuery,
      response: { 200: pageOf(queueItemSchema), ...errorResponses },
    },
    handler: (req) => review.reviewQueue(ctx.db, memberOf(req), req.query),
  });

  app.get('/deals/:id', {
    schema: {
      ...base,
      summary: 'A deal: customer, parties, protection, conflicts (vendor), the moves open to you',
      params: dealParams,
      response: { 200: dealSchema, ...errorResponses },
    },
    handler: (req) => service.getDeal(ctx.db, memberOf(req), req.params.id),
  });

  app.patch('/deals/:id', {
    schema: {
      ...base,
      summary: "Edit a deal's details (its creator, while open; the customer only before it is sent)",
      params: dealParams,
      body: updateDealBody,
      response: { 200: dealSchema, ...errorResponses },
    },
    handler: async (req) => {
      const actor = memberOf(req);
      await service.updateDeal(ctx, actor, req.params.id, req.body);
      return service.getDeal(ctx.db, actor, req.params.id);
    },
  });

  app.post('/deals/:id/transitions', {
    schema: {
      ...base,
      summary: 'Move a deal to another state (409 with the current state when not allowed)',
      params: dealParams,
      body: transitionBody,
      response: { 200: dealSchema, ...errorResponses },
    },
    handler: async (req) => {
      const actor = memberOf(req);
      await moveDealFlow(ctx, actor, req.params.id, req.body);
      return service.getDeal(ctx.db, actor, req.params.id);
    },
  });

  app.get('/deals/:id/timeline', {
    schema: {
      ...base,
      summary: "The deal's timeline, oldest first",
      params: dealParams,
      response: { 200: z.object({ data: z.array(dealEventSchema) }), ...errorResponses },
    },
    handler: async (req) => ({ data: await service.dealTimeline(ctx.db, memberOf(req), req.params.id) }),
  });

  app.post('/deals/:id/partners', {
    schema: {
      ...base,
      summary: 'Add a co-selling partner with its attribution (sourced, influenced, delivering)',
      params: dealParams,
      body: addPartnerBody,
      response: { 200: dealSchema, ...errorResponses },
    },
    handler: async (req) => {
      const actor = memberOf(req);
      await addCoSeller(ctx, actor, req.params.id, req.body);
      return service.getDeal(ctx.db, actor, req.params.id);
    },
  });

  app.delete('/deals/:id/partners/:orgId', {
    schema: {
      ...base,
      summary: 'Remove a co-selling partner',
      params: partyParams,
      response: { 200: dealSchema, ...errorResponses },
    },
    handler: async (req) => {
      const actor = memberOf(req);
      await removeCoSeller(ctx.db, actor, req.params.id, req.params.orgId);
      return service.getDeal(ctx.db, actor, req.params.id);
    },
  });

  app.post('/deals/:id/protection/extension', {
    schema: {
      ...base,
      summary: 'Ask the vendor for more days of protection (the registering partner)',
      params: dealParams,
      body: extensionBody,
      response: { 200: dealSchema, ...errorResponses },
    },
    handler: async (req) => {
      const actor = memberOf(req);
      await requestExtension(ctx, actor, req.params.id, req.body);
      return service.getDeal(ctx.db, actor, req.params.id);
    },
  });

  for (const decision of ['approve', 'decline'] as const)
    app.post(`/deals/:id/protection/extension/${decision}`, {
      schema: {
        ...base,
        summary: `${decision === 'approve' ? 'Approve' : 'Decline'} a requested extension (the vendor)`,
        params: dealParams,
        body: decisionBody.optional(),
        response: { 200: dealSchema, ...errorResponses },
      },
      handler: async (req) => {
        const actor = memberOf(req);
        await decideExtension(ctx, actor, req.params.id, decision === 'approve', req.body?.reason);
        return service.getDeal(ctx.db, actor, req.params.id);
      },
    });

  app.get('/deal-settings', {
    schema: {
      ...base,
      summary: 'Your protection window, review SLA and referral response window',
      response: { 200: settingsSchema, ...errorResponses },
    },
    handler: (req) => review.getSettings(ctx.db, memberOf(req)),
  });

  app.patch('/deal-settings', {
    schema: {
      ...base,
      summary: 'Change them (owner, admin, CPO); applies to deals from now on',
      body: settingsBody,
      response: { 200: settingsSchema, ...errorResponses },
    },
    handler: (req) => review.updateSettings(ctx.db, memberOf(req), req.body),
  });

  app.get('/partnerships/:id/ledger', {
    schema: {
      tags: ['Partnerships'],
      security: secured,
      summary: 'The pair ledger: deals and value each way, wins, win rates, answer times, reciprocity',
      params: dealParams,
      response: { 200: ledgerSchema, ...errorResponses },
    },
    handler: (req) => pairLedger(ctx.db, memberOf(req), req.params.id),
  });
};
