import { z } from 'zod';
import { pageQuery } from '../../http/pagination.ts';

export const tokenSchema = z.object({
  id: z.string().describe('Token id'),
  name: z.string().describe('What the token is for'),
  prefix: z.string().describe('First characters of the token, to recognise it'),
  userId: z.string().describe('User the token acts as'),
  userName: z.string().describe('Name of that user'),
  userEmail: z.string().describe('Email of that user'),
  createdAt: z.date(),
  expiresAt: z.date().nullable().describe('After this the token no longer works; null = never'),
  lastUsedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
});

export const createTokenBody = z
  .object({
    name: z.string().trim().min(1).max(100).describe('What the token is for'),
    expiresInDays: z
      .number()
      .int()
      .min(1)
      .max(3650)
      .nullable()
      .default(90)
      .describe('Lifetime in days; null = never expires'),
    userId: z
      .string()
      .uuid()
      .optional()
      .describe('Create for another member (owners and admins only); default: yourself'),
  })
  .strict();

export const createdTokenSchema = tokenSchema.extend({
  token: z.string().describe('The secret token; shown only this once'),
});

export const listTokensQuery = pageQuery.extend({
  all: z.enum(['true', 'false']).default('false').describe("Every member's tokens (owners and admins only)"),
});

export const tokenParams = z.object({ id: z.string().uuid().describe('Token id') });
