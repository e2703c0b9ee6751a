export { type OrgRef, selectOrganizationByHandle, selectOrgRefs } from './organizations.repo.ts';
export { organizationsRoutes } from './organizations.routes.ts';
export {
  createOrganizationBody,
  organizationNameSchema,
  organizationSchema,
} from './organizations.schema.ts';
export {
  firstFreeSlug,
  getOrganization,
  insertOrganizationWithSlug,
  renameOrganization,
  slugify,
} from './organizations.service.ts';
