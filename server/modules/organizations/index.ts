export { countOrganizations, selectOrganizationByHandle } from './organizations.repo.ts';
export { organizationsRoutes } from './organizations.routes.ts';
export {
  createOrganizationBody,
  organizationNameSchema,
  organizationSchema,
} from './organizations.schema.ts';
export { insertOrganizationWithSlug, slugify } from './organizations.service.ts';
