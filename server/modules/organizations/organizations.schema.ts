import { z } from 'zod';

export const organizationSchema = z.object({
  id: z.string().describe('Organization id'),
  name: z.string().describe('Display name'),
  slug: z.string().describe('URL-safe unique name'),
  createdAt: z.date(),
});

export const organizationNameSchema = z.string().trim().min(2).max(120).describe('Organization name');

export const createOrganizationBody = z.object({ name: organizationNameSchema }).strict();

export const updateOrganizationBody = z.object({ name: organizationNameSchema }).strict();
