import type { Db } from '../db/client.ts';
import { tenantScope } from '../db/tenant.ts';
import type { Actor, MemberActor } from '../http/actor.ts';
import { recordActivity } from '../modules/activity/index.ts';
import { recordAudit } from '../modules/audit/index.ts';
import { createProfile, type ProfileFields } from '../modules/directory/index.ts';
import { insertMember } from '../modules/members/index.ts';
import { insertOrganizationWithSlug } from '../modules/organizations/index.ts';

/**
 * Creates an organization with the user as its owner and its directory profile. One transaction:
 * on any failure neither the organization, its profile nor the membership exists.
 */
export async function createOrganizationForUser(
  db: Db,
  actor: Actor,
  name: string,
  profile: Partial<ProfileFields> = {},
) {
  return db.transaction(async (tx) => {
    const org = await insertOrganizationWithSlug(tx, name);
    await createProfile(tx, org, profile);
    await recordActivity(tx, { organizationId: org.id, kind: 'organization.created', source: 'identity' });
    const scope = tenantScope(org.id);
    const membership = await insertMember(tx, scope, actor.userId, 'owner');
    const owner: MemberActor = {
      ...actor,
      scope,
      orgId: org.id,
      orgName: org.name,
      memberId: membership!.id,
      role: 'owner',
    };
    await recordAudit(tx, owner, {
      action: 'organization.created',
      targetType: 'organization',
      targetId: org.id,
      data: { name },
    });
    return { organization: org, memberId: membership!.id };
  });
}
