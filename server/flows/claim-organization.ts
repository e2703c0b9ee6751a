import type { Db } from '../db/client.ts';
import { tenantScope } from '../db/tenant.ts';
import { AppError } from '../errors.ts';
import type { Actor, MemberActor } from '../http/actor.ts';
import { recordActivity } from '../modules/activity/index.ts';
import { recordAudit } from '../modules/audit/index.ts';
import { lockProfileForClaim } from '../modules/directory/index.ts';
import { hasMembers, insertMember } from '../modules/members/index.ts';

/** Whether an email address is at the domain or one of its subdomains. */
const emailMatchesDomain = (email: string, domain: string) => {
  const host = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
  return host === domain || host.endsWith(`.${domain}`);
};

/**
 * A user claims an organization that has no users yet and becomes its owner. Allowed only with a
 * verified email address at the organization's domain. The profile row is locked, so of two
 * simultaneous claims exactly one wins.
 */
export async function claimOrganization(db: Db, actor: Actor, idOrSlug: string) {
  return db.transaction(async (tx) => {
    const org = await lockProfileForClaim(tx, idOrSlug);
    if (await hasMembers(tx, org.orgId)) {
      throw new AppError('invalid_state', `${org.name} already has users; ask its owner for an invitation`);
    }
    if (!org.domain) {
      throw new AppError('invalid_state', `${org.name} has no web domain, so it cannot be claimed`);
    }
    if (!actor.emailVerified) {
      throw new AppError('forbidden', 'Verify your email address first (sign in with a magic link)');
    }
    if (!emailMatchesDomain(actor.email, org.domain)) {
      throw new AppError(
        'forbidden',
        `Only someone with an email address at ${org.domain} can claim ${org.name}`,
      );
    }
    const scope = tenantScope(org.orgId);
    const membership = await insertMember(tx, scope, actor.userId, 'owner');
    const owner: MemberActor = {
      ...actor,
      scope,
      orgId: org.orgId,
      orgName: org.name,
      memberId: membership!.id,
      role: 'owner',
    };
    await recordAudit(tx, owner, {
      action: 'organization.claimed',
      targetType: 'organization',
      targetId: org.orgId,
    });
    await recordActivity(tx, {
      organizationId: org.orgId,
      kind: 'organization.claimed',
      source: 'directory',
    });
    return { organizationId: org.orgId, name: org.name };
  });
}
