export { finishInvitation } from './invitations.repo.ts';
export { invitationsRoutes } from './invitations.routes.ts';
export { invitationPreviewSchema, invitationSchema } from './invitations.schema.ts';
export {
  declineInvitation,
  getInvitationForUser,
  listInvitationsForUser,
  previewInvitation,
} from './invitations.service.ts';
