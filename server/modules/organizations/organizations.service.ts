import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { notFound } from '../../errors.ts';
import type { MemberActor } from '../../http/actor.ts';
import { authorize } from '../../http/authorize.ts';
import { recordAudit } from '../audit/index.ts';
import * as repo from './organizations.repo.ts';

/** URL-safe slug of a name: lowercase ASCII words joined by dashes. */
export function slugify(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
  return base || 'org';
}

/** The slug of a name, or with the first `-2`, `-3`… suffix not among `taken` (slugs starting with it). */
export async function firstFreeSlug(name: string, takenStartingWith: (base: string) => Promise<string[]>) {
  const base = slugify(name);
  const taken = new Set(await takenStartingWith(base));
  let slug = base;
  for (let n = 2; taken.has(slug); n++) slug = `${base}-${n}`;
  return slug;
}

/** Inserts an organization with a free slug derived from its name. */
export async function insertOrganizationWithSlug(db: Db, name: string) {
  const slug = await firstFreeSlug(name, (base) => repo.selectSlugsLike(db, base));
  return repo.insertOrganization(db, { id: newId(), name, slug });
}

/** The actor's organization. */
export async function getOrganization(db: Db, actor: MemberActor) {
  authorize(actor, 'organization.read');
  const row = await repo.selectOrganization(db, actor.scope);
  if (!row) throw notFound('Organization');
  return row;
}

/** Renames the actor's organization, in the caller's transaction (the profile flow keeps search in step). */
export async function renameOrganization(db: Db, actor: MemberActor, name: string) {
  authorize(actor, 'organization.update');
  const before = await repo.selectOrganization(db, actor.scope);
  if (!before) throw notFound('Organization');
  if (before.name === name) return before;
  const row = await repo.updateOrganization(db, actor.scope, { name });
  await recordAudit(db, actor, {
    action: 'organization.updated',
    targetType: 'organization',
    targetId: actor.orgId,
    data: { from: { name: before.name }, to: { name } },
  });
  return row!;
}
