import type { components, paths } from '../../../common/api/schema.d.ts';

type Ok<Op> = Op extends { responses: { 200: { content: { 'application/json': infer B } } } }
  ? B
  : Op extends { responses: { 201: { content: { 'application/json': infer B } } } }
    ? B
    : never;

/** The signed-in user and their organizations. */
export type Me = Ok<paths['/api/v1/me']['get']>;
/** One of the user's organizations, with their role in it. */
export type MyOrganization = Me['organizations'][number];
/** The active organization. */
export type Organization = Ok<paths['/api/v1/organization']['get']>;
/** A member of the active organization. */
export type Member = Ok<paths['/api/v1/members']['get']>['data'][number];
/** A member with the people reporting to them. */
export type OrgChartNode = components['schemas']['OrgChartNode'];
/** Everyone reporting to a member, directly or not. */
export type Rollup = Ok<paths['/api/v1/members/{id}/reports']['get']>;
/** An invitation (organization side or invitee side). */
export type Invitation = Ok<paths['/api/v1/invitations']['get']>['data'][number];
/** What an invitation link shows before sign-in. */
export type InvitationPreview = Ok<paths['/api/v1/invitations/{id}/preview']['get']>;
/** Invitation states the list can filter by. */
export type InvitationStatus = NonNullable<
  NonNullable<paths['/api/v1/invitations']['get']['parameters']['query']>['status']
>;
/** An API token without its secret. */
export type ApiToken = Ok<paths['/api/v1/tokens']['get']>['data'][number];
/** A just-created API token, with its secret. */
export type CreatedToken = Ok<paths['/api/v1/tokens']['post']>;
/** One audit log entry. */
export type AuditEntry = Ok<paths['/api/v1/audit-log']['get']>['data'][number];
/** One mail in the dev mailbox. */
export type Mail = Ok<paths['/api/v1/dev/mailbox']['get']>['data'][number];
