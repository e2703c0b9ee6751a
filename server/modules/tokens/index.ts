export { tokensRoutes } from './tokens.routes.ts';
export { createToken, resolveToken } from './tokens.service.ts';
