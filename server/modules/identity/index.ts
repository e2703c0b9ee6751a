export { identityRoutes } from './identity.routes.ts';
export { inviteeRoutes } from './invitee.routes.ts';
