import type { Db } from '../db/client.ts';
import type { MemberActor } from '../http/actor.ts';
import { authorize } from '../http/authorize.ts';
import { type ProfileFields, updateOwnProfile } from '../modules/directory/index.ts';
import { getOrganization, renameOrganization } from '../modules/organizations/index.ts';

/**
 * Updates the actor's organization: its name (organizations module) and its directory profile,
 * whose search text depends on the name. One transaction: nothing changes when any part fails.
 */
export async function updateOrganizationProfile(
  db: Db,
  actor: MemberActor,
  patch: Partial<ProfileFields> & { name?: string },
) {
  authorize(actor, 'organization.update');
  const { name, ...fields } = patch;
  return db.transaction(async (tx) => {
    const organization =
      name === undefined ? await getOrganization(tx, actor) : await renameOrganization(tx, actor, name);
    await updateOwnProfile(tx, actor, fields);
    return organization;
  });
}
