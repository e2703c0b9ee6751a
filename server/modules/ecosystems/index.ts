export { ecosystemsRoutes } from './ecosystems.routes.ts';
export { createEcosystemBody } from './ecosystems.schema.ts';
export { createEcosystem, createNetworkEcosystem } from './ecosystems.service.ts';
