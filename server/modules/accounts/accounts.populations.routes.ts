import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { memberOf } from '../../http/hooks.ts';
import { errorResponses, secured } from '../../http/responses.ts';
import {
  createPopulationBody,
  fieldListSchema,
  populationListSchema,
  populationParams,
  populationSchema,
  populationsQuery,
  recomputeSchema,
  updatePopulationBody,
} from './accounts.populations.schema.ts';
import * as service from './accounts.populations.ts';

/** Populations (standard and custom) of your account sets, and the overlap repair. */
export const populationRoutes: FastifyPluginAsyncZod = async (app) => {
  const base = { tags: ['Accounts'], security: secured };
  const { ctx } = app;

  app.get('/accounts/populations', {
    schema: {
      ...base,
      summary: 'Populations of your accounts (or an offline partner list) with account and company counts',
      querystring: populationsQuery,
      response: { 200: populationListSchema, ...errorResponses },
    },
    handler: (req) => service.listPopulations(ctx.db, memberOf(req), req.query.subjectId),
  });

  app.get('/accounts/populations/fields', {
    schema: {
      ...base,
      summary:
        'Fields a population filter can use: the account columns and the extra fields seen in your imports',
      response: { 200: fieldListSchema, ...errorResponses },
    },
    handler: (req) => service.listFilterFields(ctx.db, memberOf(req)),
  });

  app.post('/accounts/populations', {
    schema: {
      ...base,
      summary: 'Create a custom population from a filter on account fields',
      description:
        'Its accounts and overlaps are computed at once. 400 for an unknown field or a value the operator does ' +
        'not take; 409 when the set has the maximum number of custom populations or the name is taken.',
      body: createPopulationBody,
      response: { 201: populationSchema, ...errorResponses },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await service.createPopulation(ctx.db, memberOf(req), req.body)),
  });

  app.patch('/accounts/populations/:id', {
    schema: {
      ...base,
      summary: "Rename a population, or change a custom population's filter (its overlaps follow at once)",
      params: populationParams,
      body: updatePopulationBody,
      response: { 200: populationSchema, ...errorResponses },
    },
    handler: (req) => service.updatePopulation(ctx.db, memberOf(req), req.params.id, req.body),
  });

  app.delete('/accounts/populations/:id', {
    schema: {
      ...base,
      summary: 'Delete a custom population (409 for the standard three)',
      params: populationParams,
      response: { 204: z.null().describe('Deleted'), ...errorResponses },
    },
    handler: async (req, reply) => {
      await service.deletePopulation(ctx.db, memberOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  });

  app.post('/accounts/overlaps/recompute', {
    schema: {
      ...base,
      summary: 'Repair: rebuild the population keys and overlaps of your account sets in full (admins)',
      response: { 200: recomputeSchema, ...errorResponses },
    },
    handler: (req) => service.recomputeMine(ctx.db, memberOf(req)),
  });
};
