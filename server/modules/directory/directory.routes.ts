import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addOrganization } from '../../flows/add-organization.ts';
import { claimOrganization } from '../../flows/claim-organization.ts';
import { updateOrganizationProfile } from '../../flows/update-profile.ts';
import { actorOf, memberOf, requireMember, requireUser } from '../../http/hooks.ts';
import { errorResponses, secured } from '../../http/responses.ts';
import {
  addOrganizationBody,
  orgParams,
  profileSchema,
  searchQuery,
  searchResultSchema,
  updateProfileBody,
} from './directory.schema.ts';
import { searchDirectory } from './directory.search.ts';
import { getProfile } from './directory.service.ts';

/** Find a partner: search, profiles, adding and claiming organizations. */
export const directoryRoutes: FastifyPluginAsyncZod = async (app) => {
  const base = { tags: ['Directory'], security: secured };
  // Claiming needs only a signed-in user (they are not a member of anything yet); the rest a member.
  app.addHook('preHandler', requireUser);
  const member = { preHandler: requireMember };

  app.get('/directory', {
    ...member,
    schema: {
      ...base,
      summary: 'Find organizations: words (typo-tolerant) and facet filters, with facet counts',
      querystring: searchQuery,
      response: { 200: searchResultSchema, ...errorResponses },
    },
    handler: (req) => searchDirectory(app.ctx.db, memberOf(req).orgId, req.query),
  });

  app.post('/directory', {
    ...member,
    schema: {
      ...base,
      summary: 'Add an organization that is not on Mycelium yet (it can be claimed by its people later)',
      body: addOrganizationBody,
      response: { 201: profileSchema, ...errorResponses },
    },
    handler: async (req, reply) => {
      const actor = memberOf(req);
      const org = await addOrganization(app.ctx.db, actor, req.body);
      return reply.code(201).send(await getProfile(app.ctx.db, actor, org.id));
    },
  });

  app.get('/directory/profile', {
    ...member,
    schema: {
      ...base,
      summary: "Your organization's profile",
      response: { 200: profileSchema, ...errorResponses },
    },
    handler: (req) => getProfile(app.ctx.db, memberOf(req), memberOf(req).orgId),
  });

  app.patch('/directory/profile', {
    ...member,
    schema: {
      ...base,
      summary: "Edit your organization's profile (owners and admins)",
      body: updateProfileBody,
      response: { 200: profileSchema, ...errorResponses },
    },
    handler: async (req) => {
      const actor = memberOf(req);
      await updateOrganizationProfile(app.ctx.db, actor, req.body);
      return getProfile(app.ctx.db, actor, actor.orgId);
    },
  });

  app.get('/directory/:id', {
    ...member,
    schema: {
      ...base,
      summary: 'An organization profile, by id or slug',
      params: orgParams,
      response: { 200: profileSchema, ...errorResponses },
    },
    handler: (req) => getProfile(app.ctx.db, memberOf(req), req.params.id),
  });

  app.post('/directory/:id/claim', {
    schema: {
      ...base,
      summary: 'Claim an organization without users: you become its owner (verified email at its domain)',
      params: orgParams,
      response: {
        200: z.object({ organizationId: z.string(), name: z.string() }),
        ...errorResponses,
      },
    },
    handler: (req) => claimOrganization(app.ctx.db, actorOf(req), req.params.id),
  });
};
