export { ecosystemsRoutes } from './ecosystems.routes.ts';
export { createEcosystemBody } from './ecosystems.schema.ts';
export { addExplicitMembers, createEcosystem, createNetworkEcosystem } from './ecosystems.service.ts';
