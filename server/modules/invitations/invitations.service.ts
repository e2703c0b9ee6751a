import { grantableRoles, type Role, toRole } from '../../../common/permissions.ts';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import type { Actor, MemberActor } from '../../http/actor.ts';
import { authorize } from '../../http/authorize.ts';
import { toPage } from '../../http/pagination.ts';
import { recordAudit } from '../audit/index.ts';
import { queueMail } from '../mail/index.ts';
import { findMemberByEmail } from '../members/index.ts';
import * as repo from './invitations.repo.ts';

const INVITATION_DAYS = 7;

type Listed = Awaited<ReturnType<typeof repo.selectInvitation>> & {};

/** Shows a pending invitation past its date as expired. */
export const presentInvitation = (row: Listed) => ({
  ...row,
  role: toRole(row.role),
  status: (row.status === 'pending' && row.expiresAt <= new Date() ? 'expired' : row.status) as
    | 'pending'
    | 'accepted'
    | 'rejected'
    | 'canceled'
    | 'expired',
});

/** Invites an email address with a role and mails them a link. */
export async function createInvitation(
  ctx: Pick<AppContext, 'db' | 'env' | 'jobs' | 'log'>,
  actor: MemberActor,
  input: { email: string; role: Role },
) {
  authorize(actor, 'members.invite');
  if (!grantableRoles(actor.role).includes(input.role))
    throw forbidden(`Your role cannot invite as ${input.role}`);
  const email = input.email.toLowerCase();
  const row = await ctx.db.transaction(async (tx) => {
    if (await findMemberByEmail(tx, actor.scope, email)) {
      throw new AppError('already_exists', `${email} is already a member`);
    }
    if (await repo.selectPendingByEmail(tx, actor.scope, email)) {
      throw new AppError(
        'already_exists',
        `${email} already has a pending invitation; cancel it to send a new one`,
      );
    }
    const id = newId();
    await repo.insertInvitation(tx, actor.scope, {
      id,
      email,
      role: input.role,
      inviterId: actor.userId,
      expiresAt: new Date(Date.now() + INVITATION_DAYS * 86_400_000),
    });
    await recordAudit(tx, actor, {
      action: 'invitation.created',
      targetType: 'invitation',
      targetId: id,
      data: { email, role: input.role },
    });
    return (await repo.selectInvitation(tx, actor.scope, id))!;
  });
  await queueMail(ctx, {
    to: email,
    kind: 'invitation',
    subject: `${row.inviterName} invited you to ${row.organizationName} on Mycelium`,
    text: [
      `${row.inviterName} invited you to join ${row.organizationName} on Mycelium as ${input.role.replace('_', ' ')}.`,
      '',
      `Accept the invitation: ${ctx.env.baseUrl}/invitations/${row.id}`,
      '',
      `The invitation expires in ${INVITATION_DAYS} days.`,
    ].join('\n'),
  });
  return presentInvitation(row);
}

/** The organization's invitations. */
export async function listInvitations(
  db: Db,
  actor: MemberActor,
  opts: { limit: number; cursor?: string; status?: string },
) {
  authorize(actor, 'members.read');
  const rows = await repo.selectInvitations(db, actor.scope, { ...opts, limit: opts.limit + 1 });
  const page = toPage(rows, opts.limit);
  return { ...page, data: page.data.map(presentInvitation) };
}

/** Cancels a pending invitation. */
export async function cancelInvitation(db: Db, actor: MemberActor, id: string) {
  authorize(actor, 'members.invite');
  return db.transaction(async (tx) => {
    const row = await repo.selectInvitation(tx, actor.scope, id);
    if (!row) throw notFound('Invitation');
    if (!(await repo.finishInvitation(tx, id, 'canceled'))) {
      throw new AppError('invalid_state', `The invitation is already ${row.status}`, { status: row.status });
    }
    await recordAudit(tx, actor, {
      action: 'invitation.canceled',
      targetType: 'invitation',
      targetId: id,
      data: { email: row.email },
    });
    return presentInvitation({ ...row, status: 'canceled' });
  });
}

/** An invitation addressed to the signed-in user; 404 for anyone else. */
export async function getInvitationForUser(db: Db, actor: Actor, id: string) {
  const row = await repo.selectInvitationForEmail(db, id, actor.email);
  if (!row) throw notFound('Invitation');
  return presentInvitation(row);
}

/**
 * What the emailed link shows before sign-in: enough to recognise the invitation and prefill the
 * address. The unguessable id is the access check (like a password-reset link).
 */
export async function previewInvitation(db: Db, id: string) {
  const row = await repo.selectInvitationById(db, id);
  if (!row) throw notFound('Invitation');
  const { organizationName, email, role, status, expiresAt, inviterName } = presentInvitation(row);
  return { organizationName, email, role, status, expiresAt, inviterName };
}

/** Open invitations addressed to the signed-in user. */
export async function listInvitationsForUser(db: Db, actor: Actor) {
  return (await repo.selectOpenInvitationsForEmail(db, actor.email)).map(presentInvitation);
}

/** The invitee declines. */
export async function declineInvitation(db: Db, actor: Actor, id: string) {
  const row = await getInvitationForUser(db, actor, id);
  if (row.status !== 'pending' || !(await repo.finishInvitation(db, id, 'rejected'))) {
    throw new AppError('invalid_state', `The invitation is ${row.status}`, { status: row.status });
  }
  return { ...row, status: 'rejected' as const };
}
