export { programsRoutes } from './programs.routes.ts';
