export {
  findMemberByEmail,
  findMembership,
  hasMembers,
  insertMember,
  selectUserOrganizations,
} from './members.repo.ts';
export { membersRoutes } from './members.routes.ts';
export { setManager } from './members.service.ts';
