import type { Db } from '../db/client.ts';
import type { MemberActor } from '../http/actor.ts';
import { authorize } from '../http/authorize.ts';
import { recordActivity } from '../modules/activity/index.ts';
import { recordAudit } from '../modules/audit/index.ts';
import { createProfile, type NewOrganization } from '../modules/directory/index.ts';
import { insertOrganizationWithSlug } from '../modules/organizations/index.ts';

/**
 * Adds an organization that has no users yet to the directory (a partner you work with that is
 * not on Mycelium). One transaction: the organization and its profile exist together or not at all.
 */
export async function addOrganization(db: Db, actor: MemberActor, input: NewOrganization) {
  authorize(actor, 'directory.add');
  const { name, ...fields } = input;
  return db.transaction(async (tx) => {
    const org = await insertOrganizationWithSlug(tx, name);
    await createProfile(tx, org, fields, 'added', actor.orgId);
    await recordActivity(tx, { organizationId: org.id, kind: 'organization.created', source: 'directory' });
    await recordAudit(tx, actor, {
      action: 'directory.organization_added',
      targetType: 'organization',
      targetId: org.id,
      data: { name, domain: fields.domain },
    });
    return org;
  });
}

/**
 * Imports organizations without users (operator CLI). All rows in one transaction: a failure on
 * any row leaves nothing behind. Returns the created organizations in input order.
 */
export async function importOrganizations(db: Db, rows: readonly NewOrganization[]) {
  return db.transaction(async (tx) => {
    const created = [];
    for (const { name, ...fields } of rows) {
      const org = await insertOrganizationWithSlug(tx, name);
      await createProfile(tx, org, fields, 'imported');
      created.push(org);
    }
    await recordActivity(
      tx,
      ...created.map((org) => ({
        organizationId: org.id,
        kind: 'organization.created' as const,
        source: 'import',
      })),
    );
    return created;
  });
}
