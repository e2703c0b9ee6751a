import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { enrollPartnerFlow } from '../../flows/enroll-partner.ts';
import { memberOf, requireMember } from '../../http/hooks.ts';
import { pageOf } from '../../http/pagination.ts';
import { errorResponses, secured } from '../../http/responses.ts';
import * as applications from './programs.applications.ts';
import { enrollmentRoutes } from './programs.enrollments.routes.ts';
import {
  applicationSchema,
  applyBody,
  approveBody,
  createProgramBody,
  createRuleBody,
  listApplicationsQuery,
  listProgramsQuery,
  programParams,
  programSchema,
  programSummarySchema,
  putTiersBody,
  reasonBody,
  ruleParams,
  ruleSchema,
  tierSchema,
  updateProgramBody,
} from './programs.schema.ts';
import * as service from './programs.service.ts';

/** Channel programs: programs, tiers, commission rules, applications; enrollments and MDF (sub-plugin). */
export const programsRoutes: FastifyPluginAsyncZod = async (app) => {
  const base = { tags: ['Programs'], security: secured };
  const { ctx } = app;
  app.addHook('preHandler', requireMember);

  app.get('/programs', {
    schema: {
      ...base,
      summary: "Your organization's programs, or other organizations' published programs (scope=available)",
      querystring: listProgramsQuery,
      response: { 200: pageOf(programSummarySchema), ...errorResponses },
    },
    handler: (req) => service.listPrograms(ctx.db, memberOf(req), req.query),
  });

  app.post('/programs', {
    schema: {
      ...base,
      summary: 'Create a program (a draft unless status is published)',
      body: createProgramBody,
      response: { 201: programSchema, ...errorResponses },
    },
    handler: async (req, reply) => {
      const actor = memberOf(req);
      const row = await service.createProgram(ctx.db, actor, req.body);
      return reply.code(201).send(await service.getProgram(ctx.db, actor, row.id));
    },
  });

  app.get('/programs/:id', {
    schema: {
      ...base,
      summary: 'A program with its tiers and rules (drafts only for their vendor)',
      params: programParams,
      response: { 200: programSchema, ...errorResponses },
    },
    handler: (req) => service.getProgram(ctx.db, memberOf(req), req.params.id),
  });

  app.patch('/programs/:id', {
    schema: {
      ...base,
      summary: 'Edit a program (publish, archive; currency only while it has no tiers or enrollments)',
      params: programParams,
      body: updateProgramBody,
      response: { 200: programSchema, ...errorResponses },
    },
    handler: async (req) => {
      const actor = memberOf(req);
      await service.updateProgram(ctx.db, actor, req.params.id, req.body);
      return service.getProgram(ctx.db, actor, req.params.id);
    },
  });

  const tierList = z.object({ data: z.array(tierSchema) });

  app.get('/programs/:id/tiers', {
    schema: {
      ...base,
      summary: "The program's tiers, lowest first, with requirements, benefits and rules",
      params: programParams,
      response: { 200: tierList, ...errorResponses },
    },
    handler: async (req) => ({ data: await service.listTiers(ctx.db, memberOf(req), req.params.id) }),
  });

  app.put('/programs/:id/tiers', {
    schema: {
      ...base,
      summary: 'Replace the whole tier ladder at once (lowest first); enrolled partners are re-evaluated',
      params: programParams,
      body: putTiersBody,
      response: { 200: tierList, ...errorResponses },
    },
    handler: async (req) => ({
      data: await service.putTiers(ctx, memberOf(req), req.params.id, req.body.tiers),
    }),
  });

  app.get('/programs/:id/rules', {
    schema: {
      ...base,
      summary: "The program's commission rules, active and retired, newest first",
      params: programParams,
      response: { 200: z.object({ data: z.array(ruleSchema) }), ...errorResponses },
    },
    handler: async (req) => ({ data: await service.listRules(ctx.db, memberOf(req), req.params.id) }),
  });

  app.post('/programs/:id/rules', {
    schema: {
      ...base,
      summary: 'Add a commission rule: percentage, flat, recurring or per_lead',
      params: programParams,
      body: createRuleBody,
      response: { 201: ruleSchema, ...errorResponses },
    },
    handler: async (req, reply) =>
      reply.code(201).send(await service.createRule(ctx.db, memberOf(req), req.params.id, req.body)),
  });

  app.delete('/programs/:id/rules/:ruleId', {
    schema: {
      ...base,
      summary: 'Retire a rule (rules are never edited: retire and add a new one)',
      params: ruleParams,
      response: { 200: ruleSchema, ...errorResponses },
    },
    handler: (req) => service.retireRule(ctx.db, memberOf(req), req.params.id, req.params.ruleId),
  });

  app.post('/programs/:id/applications', {
    schema: {
      ...base,
      tags: ['Program applications'],
      summary: 'Apply to a published program, answering its questions',
      params: programParams,
      body: applyBody,
      response: { 201: applicationSchema, ...errorResponses },
    },
    handler: async (req, reply) => {
      const actor = memberOf(req);
      const row = await applications.applyToProgram(ctx, actor, req.params.id, req.body);
      return reply.code(201).send(await applications.getApplication(ctx.db, actor, row.id));
    },
  });

  const appBase = { ...base, tags: ['Program applications'] };

  app.get('/applications', {
    schema: {
      ...appBase,
      summary: 'Applications to your programs (side=vendor), from your organization (side=partner), or both',
      querystring: listApplicationsQuery,
      response: { 200: pageOf(applicationSchema), ...errorResponses },
    },
    handler: (req) => applications.listApplications(ctx.db, memberOf(req), req.query),
  });

  app.get('/applications/:id', {
    schema: {
      ...appBase,
      summary: 'An application',
      params: programParams,
      response: { 200: applicationSchema, ...errorResponses },
    },
    handler: (req) => applications.getApplication(ctx.db, memberOf(req), req.params.id),
  });

  app.post('/applications/:id/approve', {
    schema: {
      ...appBase,
      summary:
        'Approve (the vendor): enrolls the partner with its onboarding checklist and tier, and creates or extends the partnership',
      params: programParams,
      body: approveBody,
      response: { 200: applicationSchema, ...errorResponses },
    },
    handler: async (req) => {
      const actor = memberOf(req);
      await enrollPartnerFlow(ctx, actor, req.params.id, req.body);
      return applications.getApplication(ctx.db, actor, req.params.id);
    },
  });

  app.post('/applications/:id/reject', {
    schema: {
      ...appBase,
      summary: 'Reject (the vendor), saying why',
      params: programParams,
      body: reasonBody,
      response: { 200: applicationSchema, ...errorResponses },
    },
    handler: async (req) => {
      const actor = memberOf(req);
      await applications.rejectApplication(ctx, actor, req.params.id, req.body.reason);
      return applications.getApplication(ctx.db, actor, req.params.id);
    },
  });

  app.post('/applications/:id/withdraw', {
    schema: {
      ...appBase,
      summary: 'Withdraw a pending application (the applicant)',
      params: programParams,
      response: { 200: applicationSchema, ...errorResponses },
    },
    handler: async (req) => {
      const actor = memberOf(req);
      await applications.withdrawApplication(ctx, actor, req.params.id);
      return applications.getApplication(ctx.db, actor, req.params.id);
    },
  });

  await app.register(enrollmentRoutes);
};
