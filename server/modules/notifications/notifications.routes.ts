import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { memberOf, requireMember } from '../../http/hooks.ts';
import { pageOf } from '../../http/pagination.ts';
import { errorResponses, secured } from '../../http/responses.ts';
import {
  countSchema,
  listNotificationsQuery,
  notificationParams,
  notificationSchema,
} from './notifications.schema.ts';
import * as service from './notifications.service.ts';

/** The caller's own in-app notifications (the bell), in their active organization. */
export const notificationsRoutes: FastifyPluginAsyncZod = async (app) => {
  const base = { tags: ['Notifications'], security: secured };
  const { db } = app.ctx;
  app.addHook('preHandler', requireMember);

  app.get('/notifications', {
    schema: {
      ...base,
      summary: 'Your notifications in this organization, newest first',
      querystring: listNotificationsQuery,
      response: { 200: pageOf(notificationSchema), ...errorResponses },
    },
    handler: (req) =>
      service.listNotifications(db, memberOf(req), {
        limit: req.query.limit,
        cursor: req.query.cursor,
        unread: req.query.unread === undefined ? undefined : req.query.unread === 'true',
      }),
  });

  app.get('/notifications/unread-count', {
    schema: {
      ...base,
      summary: 'How many of your notifications are unread',
      response: { 200: countSchema.describe('Unread notifications'), ...errorResponses },
    },
    handler: (req) => service.unreadCount(db, memberOf(req)),
  });

  app.post('/notifications/:id/read', {
    schema: {
      ...base,
      summary: 'Mark one of your notifications read',
      params: notificationParams,
      response: { 200: notificationSchema, ...errorResponses },
    },
    handler: (req) => service.readNotification(db, memberOf(req), req.params.id),
  });

  app.post('/notifications/read-all', {
    schema: {
      ...base,
      summary: 'Mark all your notifications read',
      response: { 200: countSchema.describe('Notifications marked read'), ...errorResponses },
    },
    handler: (req) => service.readAllNotifications(db, memberOf(req)),
  });
};
