export { directoryRoutes } from './directory.routes.ts';
export {
  addOrganizationBody,
  facetFilterQuery,
  profileFields,
  searchQuery,
  searchResultSchema,
} from './directory.schema.ts';
export type { DirectoryQuery } from './directory.search.ts';
export { matchesFilter, searchDirectory } from './directory.search.ts';
export {
  createProfile,
  lockProfileForClaim,
  type NewOrganization,
  type ProfileFields,
  profileRow,
  updateOwnProfile,
} from './directory.service.ts';
export { facetKeysOf, normalizeDomain, searchTextOf, searchWords } from './directory.text.ts';
