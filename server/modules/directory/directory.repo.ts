import { eq, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { directoryEntry, organization, organizationProfile } from '../../db/schema/index.ts';

/** A stored profile. */
export type ProfileRow = typeof organizationProfile.$inferSelect;
/** Columns a profile is written with. */
export type ProfileInsert = typeof organizationProfile.$inferInsert;

const profileColumns = {
  profile: organizationProfile,
  name: organization.name,
  slug: organization.slug,
  lastActiveAt: directoryEntry.lastActiveAt,
};

/** A profile with its organization's name and slug, by organization id or slug. */
export async function selectProfile(db: Db, idOrSlug: string, forUpdate = false) {
  const query = db
    .select(profileColumns)
    .from(organizationProfile)
    .innerJoin(organization, eq(organization.id, organizationProfile.organizationId))
    .leftJoin(directoryEntry, eq(directoryEntry.organizationId, organizationProfile.organizationId))
    .where(or(eq(organization.id, idOrSlug), eq(organization.slug, idOrSlug)))
    .limit(1);
  const [row] = await (forUpdate ? query.for('update', { of: organizationProfile }) : query);
  return row;
}

/** Inserts profiles (one, or many for imports). */
export async function insertProfiles(db: Db, rows: ProfileInsert[]) {
  if (rows.length > 0) await db.insert(organizationProfile).values(rows);
}

/** Overwrites a profile's columns. */
export async function updateProfile(db: Db, orgId: string, patch: Partial<ProfileInsert>) {
  await db
    .update(organizationProfile)
    .set({ ...patch, updatedAt: new Date() })
    .where(eq(organizationProfile.organizationId, orgId));
}

/** The organization whose profile has this domain, if any. */
export async function selectOrgIdByDomain(db: Db, domain: string) {
  const [row] = await db
    .select({ id: organizationProfile.organizationId })
    .from(organizationProfile)
    .where(eq(organizationProfile.domain, domain));
  return row?.id;
}
