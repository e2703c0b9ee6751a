export { cockpitRoutes } from './cockpit.routes.ts';
export { DEFINITIONS as COCKPIT_DEFINITIONS } from './cockpit.service.ts';
