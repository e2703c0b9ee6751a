import type { Role } from '../../../common/permissions.ts';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { tenantScope } from '../../db/tenant.ts';
import { notFound } from '../../errors.ts';
import type { MemberActor } from '../../http/actor.ts';
import { toPage } from '../../http/pagination.ts';
import { queueMails } from '../mail/index.ts';
import * as repo from './notifications.repo.ts';

/** Who hears about partner business when no one in particular is named: the partner team. */
export const DEFAULT_NOTIFY_ROLES: readonly Role[] = ['owner', 'admin', 'cpo', 'alliance_manager'];

/** Who to tell and what. */
export interface NotificationInput {
  /** The receiving organization. */
  organizationId: string;
  /** Specific users (e.g. the owning alliance manager); ignored if none of them is still a member. */
  userIds?: readonly string[];
  /** Else: every member with one of these roles (default: owner, admin, cpo, alliance_manager). */
  roles?: readonly Role[];
  /** E.g. 'referral.received', 'registration.approved'. */
  kind: string;
  /** One line. */
  title: string;
  body?: string;
  /** App path, e.g. '/deals/<id>'. */
  link?: string;
  /** Default true: also queue a mail per recipient to the outbox. */
  email?: boolean;
}

/**
 * Tells the members of an organization about something: one in-app notification each (one insert)
 * and, unless `email` is false, a mail each. Runs on `ctx.db`, so inside the caller's transaction
 * when it passes one. Returns how many people were told; 0 (never an error) when nobody matches.
 */
export async function notify(
  ctx: Pick<AppContext, 'db' | 'env' | 'jobs' | 'log'>,
  input: NotificationInput,
): Promise<number> {
  // The web app navigates to the link, so it must stay inside the app (no other site, no `//host`).
  if (input.link !== undefined && !/^\/(?!\/)/.test(input.link)) {
    throw new Error(`Notification link must be an app path, got "${input.link}"`);
  }
  // The receiving organization is chosen by server code (a deal's counterparty), never by a request.
  const scope = tenantScope(input.organizationId);
  let recipients = input.userIds?.length
    ? await repo.selectRecipients(ctx.db, scope, { userIds: input.userIds })
    : [];
  if (recipients.length === 0)
    recipients = await repo.selectRecipients(ctx.db, scope, { roles: input.roles ?? DEFAULT_NOTIFY_ROLES });
  if (recipients.length === 0) return 0;

  const title = input.title.replace(/\s+/g, ' ').trim();
  const body = input.body?.trim() ?? '';
  await repo.insertNotifications(
    ctx.db,
    scope,
    recipients.map((r) => ({
      id: newId(),
      userId: r.userId,
      kind: input.kind,
      title,
      body,
      link: input.link ?? null,
    })),
  );

  if (input.email ?? true) {
    const text = mailText(ctx.env, recipients[0]!.organizationName, body, input.link);
    await queueMails(
      ctx,
      recipients.map((r) => ({ to: r.email, subject: title, text, kind: 'notification' as const })),
    );
  }
  return recipients.length;
}

function mailText(env: AppContext['env'], orgName: string, body: string, link: string | undefined) {
  const lines: string[] = [];
  if (body) lines.push(body, '');
  // Without a configured BASE_URL the instance does not know its public address; the path still helps.
  if (link) lines.push(`Open it in Mycelium: ${env.BASE_URL ? `${env.baseUrl}${link}` : link}`, '');
  lines.push('--', `You get this because you are on ${orgName}'s partner team in Mycelium.`);
  return lines.join('\n');
}

/** A page of the actor's own notifications in their organization, newest first. */
export async function listNotifications(
  db: Db,
  actor: MemberActor,
  opts: { limit: number; cursor?: string; unread?: boolean },
) {
  const rows = await repo.selectNotifications(db, actor.scope, actor.userId, {
    ...opts,
    limit: opts.limit + 1,
  });
  return toPage(rows, opts.limit);
}

/** How many of the actor's notifications are unread. */
export async function unreadCount(db: Db, actor: MemberActor) {
  return { count: await repo.countUnread(db, actor.scope, actor.userId) };
}

/** Marks one of the actor's notifications read; anyone else's (same organization or not) is 404. */
export async function readNotification(db: Db, actor: MemberActor, id: string) {
  const row = await repo.markRead(db, actor.scope, actor.userId, id);
  if (!row) throw notFound('Notification');
  return row;
}

/** Marks all of the actor's notifications read. */
export async function readAllNotifications(db: Db, actor: MemberActor) {
  return { count: await repo.markAllRead(db, actor.scope, actor.userId) };
}
