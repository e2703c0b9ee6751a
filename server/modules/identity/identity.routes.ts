import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ROLES, toRole } from '../../../common/permissions.ts';
import { AppError } from '../../errors.ts';
import { createOrganizationForUser } from '../../flows/create-organization.ts';
import { signUp } from '../../flows/sign-up.ts';
import { actorOf, requireUser } from '../../http/hooks.ts';
import { errorResponses, secured } from '../../http/responses.ts';
import { findMembership, selectUserOrganizations } from '../members/index.ts';
import {
  createOrganizationBody,
  organizationNameSchema,
  organizationSchema,
} from '../organizations/index.ts';

const meSchema = z.object({
  user: z.object({ id: z.string(), name: z.string(), email: z.string() }),
  via: z.enum(['session', 'token']).describe('How this request authenticated'),
  activeOrganizationId: z.string().nullable().describe('Organization requests act in'),
  organizations: z.array(
    z.object({ id: z.string(), name: z.string(), slug: z.string(), role: z.enum(ROLES) }),
  ),
});

const signUpBody = z
  .object({
    name: z.string().trim().min(1).max(120).describe('Your name'),
    email: z.email().max(254).describe('Your email address'),
    password: z.string().min(10).max(256).describe('At least 10 characters'),
    organizationName: organizationNameSchema
      .optional()
      .describe('Your organization; leave out to join one by invitation instead'),
  })
  .strict();

const _invitationParams = z.object({ id: z.string().uuid() });

/** Makes the organization the one a cookie session acts in (tokens are bound to theirs). */
export async function activateOrganization(req: FastifyRequest, organizationId: string): Promise<void> {
  if (actorOf(req).via !== 'session') return;
  await req.server.ctx.auth.api.setActiveOrganization({
    headers: new Headers({ cookie: req.headers.cookie ?? '' }),
    body: { organizationId },
  });
}

/** Sign-up, the signed-in user and their organizations. */
export const identityRoutes: FastifyPluginAsyncZod = async (app) => {
  const tags = ['Identity'];

  app.get('/csrf', {
    schema: {
      tags,
      summary: 'A CSRF token for cookie-authenticated writes (send it as x-csrf-token)',
      response: { 200: z.object({ token: z.string() }) },
    },
    handler: async (_req, reply) => ({ token: reply.generateCsrf() }),
  });

  app.post('/signup', {
    config: { rateLimit: { max: app.ctx.env.SIGN_IN_RATE_LIMIT, timeWindow: 60_000 } },
    schema: {
      tags,
      summary: 'Create an account (and its organization), and sign in',
      body: signUpBody,
      response: {
        201: z.object({ user: meSchema.shape.user, organization: organizationSchema.nullable() }),
        ...errorResponses,
      },
    },
    handler: async (req, reply) => {
      const result = await signUp(app.ctx, req.body, req.id);
      const cookies = result.headers.getSetCookie();
      if (cookies.length) reply.header('set-cookie', cookies);
      return reply.status(201).send({
        user: { id: result.user.id, name: result.user.name, email: result.user.email },
        organization: result.organization,
      });
    },
  });

  app.register(async (plugin) => {
    const signedIn = plugin.withTypeProvider<ZodTypeProvider>();
    signedIn.addHook('preHandler', requireUser);
    const base = { tags, security: secured };

    signedIn.get('/me', {
      schema: {
        ...base,
        summary: 'Who you are and your organizations',
        response: { 200: meSchema, ...errorResponses },
      },
      handler: async (req) => {
        const actor = actorOf(req);
        const organizations = (await selectUserOrganizations(app.ctx.db, actor.userId)).map((o) => ({
          ...o,
          role: toRole(o.role),
        }));
        const requested = organizations.find((o) => o.id === req.requestedOrgId);
        const active = actor.via === 'token' ? req.requestedOrgId : (requested ?? organizations[0])?.id;
        return {
          user: { id: actor.userId, name: actor.name, email: actor.email },
          via: actor.via,
          activeOrganizationId: active ?? null,
          organizations,
        };
      },
    });

    signedIn.post('/me/active-organization', {
      schema: {
        ...base,
        summary: 'Switch the organization your session acts in',
        body: z.object({ organizationId: z.string().uuid() }).strict(),
        response: { 204: z.null(), ...errorResponses },
      },
      handler: async (req, reply) => {
        const actor = actorOf(req);
        if (actor.via === 'token')
          throw new AppError(
            'invalid_input',
            'An API token is bound to one organization; create a token in the other organization',
          );
        if (!(await findMembership(app.ctx.db, req.body.organizationId, actor.userId)))
          throw new AppError('not_found', 'Organization not found');
        await activateOrganization(req, req.body.organizationId);
        return reply.status(204).send(null);
      },
    });

    signedIn.patch('/me', {
      schema: {
        ...base,
        summary: 'Change your display name',
        body: z.object({ name: z.string().trim().min(1).max(120).describe('Your name') }).strict(),
        response: { 200: meSchema.shape.user, ...errorResponses },
      },
      handler: async (req) => {
        const actor = actorOf(req);
        const internal = await app.ctx.auth.$context;
        const user = await internal.internalAdapter.updateUser(actor.userId, { name: req.body.name });
        return { id: user.id, name: user.name, email: user.email };
      },
    });

    signedIn.post('/organizations', {
      schema: {
        ...base,
        summary: 'Create another organization with you as owner',
        body: createOrganizationBody,
        response: { 201: organizationSchema, ...errorResponses },
      },
      handler: async (req, reply) => {
        const { organization } = await createOrganizationForUser(app.ctx.db, actorOf(req), req.body.name);
        await activateOrganization(req, organization.id);
        return reply.status(201).send(organization);
      },
    });
  });
};
