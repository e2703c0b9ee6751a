import { eq, inArray, like, or } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { organization } from '../../db/schema/index.ts';
import type { TenantScope } from '../../db/tenant.ts';

/** A stored organization. */
export type OrganizationRow = typeof organization.$inferSelect;

/** Slugs already taken that start with `base`. */
export async function selectSlugsLike(db: Db, base: string): Promise<string[]> {
  const rows = await db
    .select({ slug: organization.slug })
    .from(organization)
    .where(like(organization.slug, `${base}%`));
  return rows.map((r) => r.slug);
}

/** Inserts an organization. */
export async function insertOrganization(db: Db, row: Pick<OrganizationRow, 'id' | 'name' | 'slug'>) {
  const [created] = await db.insert(organization).values(row).returning();
  return created!;
}

/** The scoped organization itself. */
export async function selectOrganization(db: Db, scope: TenantScope) {
  const [row] = await db.select().from(organization).where(eq(organization.id, scope.orgId));
  return row;
}

/** Renames the scoped organization. */
export async function updateOrganization(db: Db, scope: TenantScope, patch: { name: string }) {
  const [row] = await db.update(organization).set(patch).where(eq(organization.id, scope.orgId)).returning();
  return row;
}

/** An organization by slug or exact name (operator lookups in the CLI). */
export async function selectOrganizationByHandle(db: Db, handle: string) {
  const [row] = await db
    .select()
    .from(organization)
    .where(or(eq(organization.slug, handle), eq(organization.name, handle)))
    .limit(1);
  return row;
}

/** An organization as other records refer to it. */
export interface OrgRef {
  id: string;
  name: string;
  slug: string;
}

/** Id, name and slug of organizations, by id. */
export async function selectOrgRefs(db: Db, ids: readonly string[]): Promise<Map<string, OrgRef>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: organization.id, name: organization.name, slug: organization.slug })
    .from(organization)
    .where(inArray(organization.id, [...new Set(ids)]));
  return new Map(rows.map((r) => [r.id, r]));
}
