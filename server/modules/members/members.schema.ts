import { z } from 'zod';
import { ROLES } from '../../../common/permissions.ts';
import { pageQuery } from '../../http/pagination.ts';

/** A role name. */
export const roleSchema = z.enum(ROLES).describe('Role in the organization');

/** A member as the API shows it. */
export const memberSchema = z.object({
  id: z.string().describe('Member id'),
  userId: z.string().describe('User id'),
  name: z.string().describe('Display name (the email address when the user has not set one)'),
  email: z.string().describe('Email address'),
  role: roleSchema,
  managerMemberId: z.string().nullable().describe('Member id of the person this member reports to'),
  createdAt: z.date().describe('When the member joined'),
});

export const memberParams = z.object({ id: z.string().uuid().describe('Member id') });

export const listMembersQuery = pageQuery.extend({
  role: roleSchema.optional(),
  q: z.string().trim().max(200).optional().describe('Search in names and emails'),
});

export const updateMemberBody = z.object({ role: roleSchema }).strict();

export const setManagerBody = z
  .object({
    managerMemberId: z
      .string()
      .uuid()
      .nullable()
      .describe('Member id of the new manager; null removes the line'),
  })
  .strict();

/** A node of the org chart: a member and the members reporting to them. */
export type OrgChartNode = z.infer<typeof memberSchema> & { reports: OrgChartNode[] };

export const orgChartNodeSchema: z.ZodType<OrgChartNode> = memberSchema
  .extend({
    reports: z.lazy(() => z.array(orgChartNodeSchema)).describe('Members reporting to this member'),
  })
  .meta({ id: 'OrgChartNode' });

export const rollupSchema = z.object({
  manager: memberSchema,
  total: z.number().int().describe('Everyone reporting to the manager, directly or indirectly'),
  byRole: z.partialRecord(roleSchema, z.number().int()).describe('Count of reports per role'),
  reports: z.array(memberSchema.extend({ depth: z.number().int().describe('1 = direct report') })),
});

export const memberStatsSchema = z.object({
  total: z.number().int().describe('Members in the organization'),
  byRole: z.partialRecord(roleSchema, z.number().int()).describe('Members per role'),
});
