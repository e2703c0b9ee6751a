import type { Db } from '../db/client.ts';
import { tenantScope } from '../db/tenant.ts';
import { AppError } from '../errors.ts';
import type { Actor, MemberActor } from '../http/actor.ts';
import { recordAudit } from '../modules/audit/index.ts';
import { finishInvitation, getInvitationForUser } from '../modules/invitations/index.ts';
import { insertMember } from '../modules/members/index.ts';

/**
 * The invitee joins the organization with the invited role. One transaction: the invitation is
 * marked accepted only together with the new membership.
 */
export async function acceptInvitation(db: Db, actor: Actor, invitationId: string) {
  return db.transaction(async (tx) => {
    const invitation = await getInvitationForUser(tx, actor, invitationId);
    if (invitation.status !== 'pending') {
      throw new AppError('invalid_state', `The invitation is ${invitation.status}`, {
        status: invitation.status,
      });
    }
    const scope = tenantScope(invitation.organizationId);
    const membership = await insertMember(tx, scope, actor.userId, invitation.role);
    if (!membership)
      throw new AppError('already_exists', `You are already a member of ${invitation.organizationName}`);
    if (!(await finishInvitation(tx, invitation.id, 'accepted'))) {
      throw new AppError('invalid_state', 'The invitation was answered meanwhile');
    }
    const joined: MemberActor = {
      ...actor,
      scope,
      orgId: scope.orgId,
      orgName: invitation.organizationName,
      memberId: membership.id,
      role: invitation.role,
    };
    await recordAudit(tx, joined, {
      action: 'invitation.accepted',
      targetType: 'invitation',
      targetId: invitation.id,
      data: { email: invitation.email, role: invitation.role },
    });
    return {
      organizationId: invitation.organizationId,
      organizationName: invitation.organizationName,
      memberId: membership.id,
      role: invitation.role,
    };
  });
}
