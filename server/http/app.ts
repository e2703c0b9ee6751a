import { existsSync } from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import { sql } from 'drizzle-orm';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { AppContext } from '../context.ts';
import { newId } from '../db/ids.ts';
import { accountsRoutes } from '../modules/accounts/index.ts';
import { activityRoutes } from '../modules/activity/index.ts';
import { auditRoutes } from '../modules/audit/index.ts';
import { cockpitRoutes } from '../modules/cockpit/index.ts';
import { dealsRoutes } from '../modules/deals/index.ts';
import { directoryRoutes } from '../modules/directory/index.ts';
import { ecosystemsRoutes } from '../modules/ecosystems/index.ts';
import { identityRoutes, inviteeRoutes } from '../modules/identity/index.ts';
import { insightsRoutes } from '../modules/insights/index.ts';
import { invitationsRoutes } from '../modules/invitations/index.ts';
import { ledgerRoutes } from '../modules/ledger/index.ts';
import { mailRoutes } from '../modules/mail/index.ts';
import { membersRoutes } from '../modules/members/index.ts';
import { notificationsRoutes } from '../modules/notifications/index.ts';
import { organizationsRoutes } from '../modules/organizations/index.ts';
import { partnershipsRoutes } from '../modules/partnerships/index.ts';
import { payoutsRoutes } from '../modules/payouts/index.ts';
import { programsRoutes } from '../modules/programs/index.ts';
import { tokensRoutes } from '../modules/tokens/index.ts';
import { mountAuth } from './auth-mount.ts';
import { registerErrorHandler, sendError } from './error-handler.ts';

/** Where `vite build` puts the web app. */
export const WEB_DIST = path.resolve(import.meta.dirname, '../../dist/web');

/** Options for {@link buildApp}. */
export interface BuildOptions {
  /** Serve the built web app from dist/web (when it exists). */
  serveWeb?: boolean;
}

/** Builds the HTTP server: security plugins, OpenAPI, better-auth, the /api/v1 modules and the web app. */
export async function buildApp(ctx: AppContext, options: BuildOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: ctx.log as FastifyBaseLogger,
    bodyLimit: ctx.env.BODY_LIMIT,
    genReqId: () => newId(),
    requestIdHeader: false,
    routerOptions: { ignoreTrailingSlash: true },
  });
  app.decorate('ctx', ctx);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // The API speaks JSON only; other bodies get a clear 415 instead of a confusing schema error.
  app.removeContentTypeParser('text/plain');
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  registerErrorHandler(app);

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'https:'],
        connectSrc: ["'self'"],
        fontSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: ctx.env.baseUrl.startsWith('https://'),
  });
  await app.register(fastifyCookie, { secret: ctx.auth.options.secret });
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/cookie',
    cookieKey: 'mycelium.csrf',
    cookieOpts: { signed: true, httpOnly: true, sameSite: 'strict', path: '/' },
    getToken: (req) => req.headers['x-csrf-token'] as string | undefined,
  });
  await app.register(fastifyRateLimit, {
    global: true,
    max: ctx.env.API_RATE_LIMIT,
    timeWindow: 60_000,
    // Per API token, else per client address; only the product API (better-auth limits sign-in itself).
    keyGenerator: (req) => req.headers.authorization ?? req.ip,
    allowList: (req) => !req.url.startsWith('/api/v1/'),
    errorResponseBuilder: (_req, context) => ({
      statusCode: 429,
      message: `Too many requests; retry in ${Math.ceil(context.ttl / 1000)} s`,
    }),
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Mycelium API',
        version: '1.0.0',
        description:
          'The partner-ecosystem platform. Authenticate with `Authorization: Bearer <api token>` ' +
          '(create one under Settings → API tokens) or the web session cookie plus an `x-csrf-token` header on writes.',
      },
      servers: [{ url: ctx.env.baseUrl }],
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer', description: 'An API token (myc_…)' },
          cookie: { type: 'apiKey', in: 'cookie', name: 'mycelium.session_token' },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs', uiConfig: { url: '/api/openapi.json' } });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.get('/healthz', { schema: { hide: true } }, async (_req, reply) => {
    try {
      await ctx.db.execute(sql`SELECT 1`);
      return { status: 'ok', database: ctx.database.kind };
    } catch {
      return sendError(reply, 'unavailable', 'Database unavailable');
    }
  });

  mountAuth(app);

  await app.register(
    async (api) => {
      api.addHook('onRoute', (route) => {
        // Every API route is rate limited per token (or client address).
        route.config = {
          ...(route.config as object),
          rateLimit: (route.config as { rateLimit?: object })?.rateLimit ?? {
            max: ctx.env.API_RATE_LIMIT,
            timeWindow: 60_000,
          },
        } as never;
      });
      await api.register(identityRoutes);
      await api.register(inviteeRoutes);
      await api.register(organizationsRoutes);
      await api.register(membersRoutes);
      await api.register(invitationsRoutes);
      await api.register(tokensRoutes);
      await api.register(auditRoutes);
      await api.register(mailRoutes);
      await api.register(directoryRoutes);
      await api.register(activityRoutes);
      await api.register(ecosystemsRoutes);
      await api.register(partnershipsRoutes);
      await api.register(dealsRoutes);
      await api.register(notificationsRoutes);
      await api.register(programsRoutes);
      await api.register(ledgerRoutes);
      await api.register(payoutsRoutes);
      await api.register(accountsRoutes);
      await api.register(insightsRoutes);
      await api.register(cockpitRoutes);
    },
    { prefix: '/api/v1' },
  );

  const serveWeb = options.serveWeb && existsSync(path.join(WEB_DIST, 'index.html'));
  if (serveWeb) {
    // wildcard: files are looked up per request, so a rebuilt dist/web is served without a restart.
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: true, index: 'index.html' });
  }
  app.setNotFoundHandler((req, reply) => {
    const isApi = req.url.startsWith('/api') || req.url.startsWith('/healthz');
    if (serveWeb && !isApi && (req.method === 'GET' || req.method === 'HEAD')) {
      // Client-side routes: the single-page app decides (and shows its own not-found page).
      return reply.type('text/html').sendFile('index.html');
    }
    return sendError(reply, 'route_not_found', `No route ${req.method} ${req.url.split('?')[0]}`);
  });
  return app;
}
