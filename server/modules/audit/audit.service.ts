import type { Db } from '../../db/client.ts';
import type { MemberActor } from '../../http/actor.ts';
import { authorize } from '../../http/authorize.ts';
import { toPage } from '../../http/pagination.ts';
import { insertAudit, selectAudit } from './audit.repo.ts';

/** What happened, to what. */
export interface AuditEvent {
  action: string;
  targetType?: string;
  targetId?: string;
  data?: Record<string, unknown>;
}

/** Appends an audit entry for a write done by `actor`; call it inside the write's transaction. */
export async function recordAudit(db: Db, actor: MemberActor, event: AuditEvent): Promise<void> {
  await insertAudit(db, actor.scope, {
    actorUserId: actor.userId,
    actorType: actor.via === 'token' ? 'token' : 'user',
    action: event.action,
    targetType: event.targetType ?? null,
    targetId: event.targetId ?? null,
    requestId: actor.requestId,
    data: event.data ?? null,
  });
}

/** Lists the organization's audit log, newest first (admins only). */
export async function listAudit(
  db: Db,
  actor: MemberActor,
  opts: { limit: number; cursor?: string; action?: string; actorUserId?: string },
) {
  authorize(actor, 'audit.read');
  const rows = await selectAudit(db, actor.scope, { ...opts, limit: opts.limit + 1 });
  return toPage(rows, opts.limit);
}
