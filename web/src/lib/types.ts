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
/** A page of directory search results with the total and the facet counts of the whole result. */
export type DirectoryResult = Ok<paths['/api/v1/directory']['get']>;
/** One organization in search results. */
export type DirectoryHit = components['schemas']['DirectoryHit'];
/** One value of a facet with how many organizations of the result have it. */
export type FacetCount = DirectoryResult['facets'][string][number];
/** An organization's public profile. */
export type OrganizationProfile = components['schemas']['OrganizationProfile'];
/** The changes an edit of the own organization's profile sends. */
export type ProfilePatch = NonNullable<
  paths['/api/v1/directory/profile']['patch']['requestBody']
>['content']['application/json'];
/** An organization added to the directory by someone outside it. */
export type NewOrganization =
  paths['/api/v1/directory']['post']['requestBody']['content']['application/json'];
/** An ecosystem in lists. */
export type EcosystemSummary = components['schemas']['EcosystemSummary'];
/** An ecosystem's page: settings, nesting and member counts. */
export type Ecosystem = components['schemas']['Ecosystem'];
/** Your organization's place in an ecosystem. */
export type EcosystemStatus = EcosystemSummary['myStatus'];
/** Who may join an ecosystem and how. */
export type JoinPolicy = EcosystemSummary['joinPolicy'];
/** Who sees an ecosystem. */
export type Visibility = EcosystemSummary['visibility'];
/** A pending join request or invitation of an ecosystem. */
export type EcosystemRequest = components['schemas']['EcosystemRequest'];
/** What creating an ecosystem sends. */
export type NewEcosystem = paths['/api/v1/ecosystems']['post']['requestBody']['content']['application/json'];
/** The changes an edit of an ecosystem's settings sends. */
export type EcosystemPatch =
  paths['/api/v1/ecosystems/{id}']['patch']['requestBody']['content']['application/json'];
/** One of your in-app notifications. */
export type AppNotification = components['schemas']['Notification'];
