import type { Db } from '../../db/client.ts';
import { notFound } from '../../errors.ts';
import type { MemberActor } from '../../http/actor.ts';
import { selectPartnership } from './partnerships.repo.ts';

/**
 * One partnership of the actor's organization, locked until the caller's transaction ends (so
 * money posted between the pair, such as a netting settlement, is posted by one request at a
 * time); 404 when the organization is not a side of it.
 */
export async function lockPartnership(db: Db, actor: MemberActor, id: string) {
  const row = await selectPartnership(db, actor.scope, id, true);
  if (!row) throw notFound('Partnership');
  return row;
}
