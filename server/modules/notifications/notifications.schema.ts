import { z } from 'zod';
import { pageQuery } from '../../http/pagination.ts';

export const notificationSchema = z
  .object({
    id: z.string().describe('Notification id (time-ordered)'),
    kind: z.string().describe('What it is about, e.g. referral.received or registration.approved'),
    title: z.string().describe('One-line summary'),
    body: z.string().describe('More detail; may be empty'),
    link: z.string().nullable().describe('Path in the web app to open (e.g. /deals/…), or null'),
    createdAt: z.date().describe('When it was sent'),
    readAt: z.date().nullable().describe('When you read it; null while unread'),
  })
  .meta({ id: 'Notification' });

export const listNotificationsQuery = pageQuery
  .extend({
    unread: z.enum(['true', 'false']).optional().describe('true: only unread; false: only read; absent: all'),
  })
  .strict();

export const notificationParams = z.object({ id: z.string().uuid().describe('Notification id') });

export const countSchema = z.object({ count: z.number().int().describe('How many') });
