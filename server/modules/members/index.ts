export {
  findMemberByEmail,
  findMembership,
  hasMembers,
  insertMember,
  selectOrgsWithMembers,
  selectUserOrganizations,
} from './members.repo.ts';
export { membersRoutes } from './members.routes.ts';
export { setManager } from './members.service.ts';
