export { finishInvitation } from './invitations.repo.ts';
export { invitationsRoutes } from './invitations.routes.ts';
export { invitationSchema } from './invitations.schema.ts';
export {
  declineInvitation,
  getInvitationForUser,
  listInvitationsForUser,
  presentInvitation,
} from './invitations.service.ts';
