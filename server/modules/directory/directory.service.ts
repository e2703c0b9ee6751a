import type { z } from 'zod';
import { can } from '../../../common/permissions.ts';
import type { Db } from '../../db/client.ts';
import { AppError, notFound } from '../../errors.ts';
import type { MemberActor } from '../../http/actor.ts';
import { recordActivity } from '../activity/index.ts';
import { recordAudit } from '../audit/index.ts';
import { hasMembers } from '../members/index.ts';
import * as repo from './directory.repo.ts';
import type { addOrganizationBody, profileFields } from './directory.schema.ts';
import { facetKeysOf, searchTextOf } from './directory.text.ts';

/** Editable profile fields, validated. */
export type ProfileFields = z.output<typeof profileFields>;
/** A new organization without users, validated. */
export type NewOrganization = z.output<typeof addOrganizationBody>;

const EMPTY_FIELDS: ProfileFields = {
  domain: null,
  description: '',
  logoUrl: null,
  hqCountry: null,
  countries: [],
  languages: [],
  sizeBand: null,
  foundedYear: null,
  roles: [],
  industries: [],
  technologies: [],
  practices: [],
  certifications: [],
  services: [],
  listed: true,
};

/** The stored row of a profile: its fields plus the derived facet keys and search text. */
export function profileRow(orgId: string, name: string, fields: Partial<ProfileFields>) {
  const full = { ...EMPTY_FIELDS, ...fields };
  return { organizationId: orgId, ...full, facetKeys: facetKeysOf(full), ...searchTextOf(name, full) };
}

/** Creates the profile of a new organization (in the caller's transaction). */
export async function createProfile(
  db: Db,
  org: { id: string; name: string },
  fields: Partial<ProfileFields> = {},
  source: repo.ProfileInsert['source'] = 'self',
  addedByOrganizationId?: string,
) {
  if (fields.domain) await assertDomainFree(db, fields.domain);
  await repo.insertProfiles(db, [{ ...profileRow(org.id, org.name, fields), source, addedByOrganizationId }]);
}

/** Rejects a domain another organization's profile already has. */
export async function assertDomainFree(db: Db, domain: string, exceptOrgId?: string) {
  const owner = await repo.selectOrgIdByDomain(db, domain);
  if (owner && owner !== exceptOrgId) {
    throw new AppError(
      'already_exists',
      `Another organization in the directory already has the domain ${domain}`,
      {
        issues: [{ path: 'domain', message: 'Domain already taken' }],
      },
    );
  }
}

type Row = NonNullable<Awaited<ReturnType<typeof repo.selectProfile>>>;

function present(row: Row, viewer: { orgId: string; canEdit: boolean }, hasMembers: boolean) {
  const { profile: p } = row;
  const { organizationId, facetKeys, searchName, searchBody, addedByOrganizationId, ...fields } = p;
  return {
    ...fields,
    lastActiveAt: row.lastActiveAt,
    id: organizationId,
    name: row.name,
    slug: row.slug,
    claimable: !hasMembers && !!p.domain,
    canEdit: viewer.canEdit && viewer.orgId === organizationId,
  };
}

/** A profile the actor may see: listed, or their own. */
export async function getProfile(db: Db, actor: MemberActor, idOrSlug: string) {
  const row = await repo.selectProfile(db, idOrSlug);
  if (!row || (!row.profile.listed && row.profile.organizationId !== actor.orgId))
    throw notFound('Organization');
  const canEdit = can(actor.role, 'organization.update');
  return present(row, { orgId: actor.orgId, canEdit }, await hasMembers(db, row.profile.organizationId));
}

/** The profile for a claim: locked until the transaction ends, so two claims cannot both win. */
export async function lockProfileForClaim(db: Db, idOrSlug: string) {
  const row = await repo.selectProfile(db, idOrSlug, true);
  if (!row?.profile.listed) throw notFound('Organization');
  return { orgId: row.profile.organizationId, name: row.name, domain: row.profile.domain };
}

/**
 * Applies changed fields to the actor's own profile, recomputing facet keys and search text from
 * the organization's current name. Runs in the caller's transaction; audits and records activity.
 */
export async function updateOwnProfile(db: Db, actor: MemberActor, patch: Partial<ProfileFields>) {
  const row = await repo.selectProfile(db, actor.orgId, true);
  if (!row) throw notFound('Organization');
  if (patch.domain) await assertDomainFree(db, patch.domain, actor.orgId);
  const {
    organizationId,
    facetKeys,
    searchName,
    searchBody,
    updatedAt,
    source,
    addedByOrganizationId,
    ...current
  } = row.profile;
  const changed = Object.keys(patch).filter(
    (k) =>
      JSON.stringify(patch[k as keyof ProfileFields]) !== JSON.stringify(current[k as keyof typeof current]),
  );
  await repo.updateProfile(db, actor.orgId, profileRow(actor.orgId, row.name, { ...current, ...patch }));
  if (changed.length === 0) return;
  await recordAudit(db, actor, {
    action: 'profile.updated',
    targetType: 'organization',
    targetId: actor.orgId,
    data: { fields: changed },
  });
  await recordActivity(db, {
    organizationId: actor.orgId,
    kind: 'profile.updated',
    source: 'directory',
    data: { fields: changed },
  });
}
