import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { updateOrganizationProfile } from '../../flows/update-profile.ts';
import { memberOf, requireMember } from '../../http/hooks.ts';
import { errorResponses, secured } from '../../http/responses.ts';
import { organizationSchema, updateOrganizationBody } from './organizations.schema.ts';
import { getOrganization } from './organizations.service.ts';

/** The current organization. */
export const organizationsRoutes: FastifyPluginAsyncZod = async (app) => {
  const base = { tags: ['Organizations'], security: secured };
  app.addHook('preHandler', requireMember);
  app.get('/organization', {
    schema: {
      ...base,
      summary: 'The organization you act in',
      response: { 200: organizationSchema, ...errorResponses },
    },
    handler: (req) => getOrganization(app.ctx.db, memberOf(req)),
  });
  app.patch('/organization', {
    schema: {
      ...base,
      summary: 'Rename your organization (owners and admins)',
      body: updateOrganizationBody,
      response: { 200: organizationSchema, ...errorResponses },
    },
    handler: (req) => updateOrganizationProfile(app.ctx.db, memberOf(req), req.body),
  });
};
