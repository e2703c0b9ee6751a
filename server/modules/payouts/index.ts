export { payoutsRoutes } from './payouts.routes.ts';
export { getPayout, markPaid, runPayout } from './payouts.service.ts';
