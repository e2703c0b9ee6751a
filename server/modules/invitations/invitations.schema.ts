import { z } from 'zod';
import { pageQuery } from '../../http/pagination.ts';
import { roleSchema } from '../members/members.schema.ts';

export const invitationStatusSchema = z.enum(['pending', 'accepted', 'rejected', 'canceled', 'expired']);

export const invitationSchema = z.object({
  id: z.string().describe('Invitation id'),
  organizationId: z.string(),
  organizationName: z.string(),
  email: z.string().describe('Invited address'),
  role: roleSchema,
  status: invitationStatusSchema.describe('pending until accepted, rejected, canceled, or past expiresAt'),
  expiresAt: z.date(),
  createdAt: z.date(),
  inviterName: z.string().describe('Who sent it'),
});

export const createInvitationBody = z
  .object({
    email: z.email().max(254).describe('Address to invite'),
    role: roleSchema.default('member'),
  })
  .strict();

export const listInvitationsQuery = pageQuery.extend({
  status: z.enum(['pending', 'expired', 'accepted', 'rejected', 'canceled']).optional(),
});

export const invitationParams = z.object({ id: z.string().uuid().describe('Invitation id') });

export const invitationPreviewSchema = invitationSchema.pick({
  organizationName: true,
  email: true,
  role: true,
  status: true,
  expiresAt: true,
  inviterName: true,
});
