import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.ts';
import { pageOf, pageQuery } from '../../http/pagination.ts';
import { listOutbox } from './mail.service.ts';

const mailSchema = z.object({
  id: z.string(),
  toAddress: z.string(),
  subject: z.string(),
  textBody: z.string(),
  kind: z.string(),
  createdAt: z.date(),
  sentAt: z.date().nullable(),
});

/**
 * The dev mailbox: the outbox, readable without signing in so a local user can follow magic links.
 * Only when DEV_MAILBOX is on (the default without SMTP outside production); otherwise 404.
 */
export const mailRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/dev/mailbox', {
    schema: {
      tags: ['Dev mailbox'],
      summary: 'Mails in the outbox, newest first (only on instances without SMTP)',
      querystring: pageQuery.extend({
        to: z.string().max(254).optional().describe('Only mails to this address'),
      }),
      response: { 200: pageOf(mailSchema) },
    },
    handler: async (req) => {
      if (!app.ctx.env.devMailbox) throw new AppError('route_not_found', `No route GET ${req.url}`);
      return listOutbox(app.ctx, req.query);
    },
  });
};
