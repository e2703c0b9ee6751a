import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import type { MemberActor } from '../../http/actor.ts';
import * as repo from './activity.repo.ts';

/** Kinds of activity the modules record; later modules add deals, referrals, events, certifications. */
export const ACTIVITY_KINDS = [
  'organization.created',
  'profile.updated',
  'organization.claimed',
  'ecosystem.joined',
  'ecosystem.created',
  'partnership.formed',
  'program.joined',
  'referral.sent',
  'referral.received',
  'referral.answered',
  'deal.registered',
  'deal.reviewed',
  'deal.updated',
  'deal.won',
  'deal.lost',
  'deal.expired',
  'event.attended',
  'certification.earned',
  'content.published',
] as const;

/** A kind of activity. */
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** One activity to append. */
export interface ActivityEvent {
  organizationId: string;
  kind: ActivityKind;
  /** The module (or import) that saw it happen. */
  source: string;
  occurredAt?: Date;
  data?: Record<string, unknown>;
}

/** Appends activities to the stream (in the caller's transaction). */
export async function recordActivity(db: Db, ...events: ActivityEvent[]) {
  await repo.insertActivities(
    db,
    events.map((e) => ({ id: newId(), ...e, occurredAt: e.occurredAt ?? new Date() })),
  );
}

/** A page of the actor's organization's activity, newest first. */
export async function listActivity(db: Db, actor: MemberActor, limit: number, cursor?: string) {
  const rows = await repo.selectActivities(db, actor.scope, limit, cursor);
  const data = rows.slice(0, limit);
  return { data, nextCursor: rows.length > limit ? (data.at(-1)?.id ?? null) : null };
}
