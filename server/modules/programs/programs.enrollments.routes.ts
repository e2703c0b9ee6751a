import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { memberOf } from '../../http/hooks.ts';
import { pageOf } from '../../http/pagination.ts';
import { errorResponses, secured } from '../../http/responses.ts';
import * as certifications from './programs.certifications.ts';
import * as enrollments from './programs.enrollments.ts';
import * as mdf from './programs.mdf.ts';
import * as onboarding from './programs.onboarding.ts';
import {
  addTaskBody,
  certificationSchema,
  createCertificationBody,
  createMdfBody,
  endBody,
  enrollmentSchema,
  enrollmentSummarySchema,
  listCertificationsQuery,
  listEnrollmentsQuery,
  listMdfQuery,
  mdfActionBody,
  mdfActionParams,
  mdfSchema,
  programParams,
  taskParams,
  taskSchema,
  updateTaskBody,
} from './programs.schema.ts';

/** Enrollments (tier, progress, history, onboarding checklist), certifications and MDF requests. */
export const enrollmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const base = { tags: ['Enrollments'], security: secured };
  const { ctx } = app;

  app.get('/enrollments', {
    schema: {
      ...base,
      summary: 'Partners in your programs (side=vendor), your enrollments (side=partner), or both',
      querystring: listEnrollmentsQuery,
      response: { 200: pageOf(enrollmentSummarySchema), ...errorResponses },
    },
    handler: (req) => enrollments.listEnrollments(ctx.db, memberOf(req), req.query),
  });

  app.get('/enrollments/:id', {
    schema: {
      ...base,
      summary: 'An enrollment: tier, numbers, progress to the next tier, checklist, tier history',
      params: programParams,
      response: { 200: enrollmentSchema, ...errorResponses },
    },
    handler: (req) => enrollments.getEnrollment(ctx.db, memberOf(req), req.params.id),
  });

  app.post('/enrollments/:id/evaluate', {
    schema: {
      ...base,
      summary: "Re-evaluate the enrollment's tier now (the vendor)",
      params: programParams,
      response: { 200: enrollmentSchema, ...errorResponses },
    },
    handler: (req) => enrollments.evaluateNow(ctx, memberOf(req), req.params.id),
  });

  app.post('/enrollments/:id/end', {
    schema: {
      ...base,
      summary: 'End the enrollment (the vendor), saying why; the partnership stays',
      params: programParams,
      body: endBody,
      response: { 200: enrollmentSchema, ...errorResponses },
    },
    handler: (req) => enrollments.endEnrollment(ctx, memberOf(req), req.params.id, req.body.reason),
  });

  app.post('/enrollments/:id/tasks', {
    schema: {
      ...base,
      summary: 'Add an onboarding task (the vendor)',
      params: programParams,
      body: addTaskBody,
      response: { 201: taskSchema, ...errorResponses },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await onboarding.addTask(ctx, memberOf(req), req.params.id, req.body)),
  });

  app.patch('/enrollments/:id/tasks/:taskId', {
    schema: {
      ...base,
      summary: "Tick, untick or assign a task your side owns (the vendor may move any task's due date)",
      params: taskParams,
      body: updateTaskBody,
      response: { 200: taskSchema, ...errorResponses },
    },
    handler: (req) =>
      onboarding.updateTask(ctx.db, memberOf(req), req.params.id, req.params.taskId, req.body),
  });

  const certBase = { ...base, tags: ['Certifications'] };

  app.get('/certifications', {
    schema: {
      ...certBase,
      summary: 'Certifications you recorded (as vendor) or your people hold (as partner), newest first',
      querystring: listCertificationsQuery,
      response: { 200: pageOf(certificationSchema), ...errorResponses },
    },
    handler: (req) => certifications.listCertifications(ctx.db, memberOf(req), req.query),
  });

  app.post('/certifications', {
    schema: {
      ...certBase,
      summary: "Record a certified person at a partner (the vendor); the partner's tiers are re-evaluated",
      body: createCertificationBody,
      response: { 201: certificationSchema, ...errorResponses },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await certifications.recordCertification(ctx, memberOf(req), req.body)),
  });

  app.delete('/certifications/:id', {
    schema: {
      ...certBase,
      summary: 'Delete a certification you recorded',
      params: programParams,
      response: { 204: z.null().describe('Deleted'), ...errorResponses },
    },
    handler: async (req, reply) => {
      await certifications.deleteCertification(ctx, memberOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  });

  const mdfBase = { ...base, tags: ['MDF'] };

  app.get('/mdf', {
    schema: {
      ...mdfBase,
      summary: 'MDF requests to your programs (side=vendor), from your organization (side=partner), or both',
      querystring: listMdfQuery,
      response: { 200: pageOf(mdfSchema), ...errorResponses },
    },
    handler: (req) => mdf.listMdf(ctx.db, memberOf(req), req.query),
  });

  app.post('/mdf', {
    schema: {
      ...mdfBase,
      summary: "Request marketing development funds against your tier's budget for this year",
      body: createMdfBody,
      response: { 201: mdfSchema, ...errorResponses },
    },
    handler: async (req, reply) => reply.code(201).send(await mdf.requestMdf(ctx, memberOf(req), req.body)),
  });

  app.get('/mdf/:id', {
    schema: {
      ...mdfBase,
      summary: 'An MDF request',
      params: programParams,
      response: { 200: mdfSchema, ...errorResponses },
    },
    handler: (req) => mdf.getMdf(ctx.db, memberOf(req), req.params.id),
  });

  app.post('/mdf/:id/:action', {
    schema: {
      ...mdfBase,
      summary:
        'approve / reject {reason} (the vendor), claim {proof} (the partner), approve-claim (posts to the ledger) / reject-claim {reason} (the vendor)',
      params: mdfActionParams,
      body: mdfActionBody.optional(),
      response: { 200: mdfSchema, ...errorResponses },
    },
    handler: (req) => mdf.actOnMdf(ctx, memberOf(req), req.params.id, req.params.action, req.body ?? {}),
  });
};
