export { addCoSeller } from './deals.cosell.ts';
export { dealsRoutes } from './deals.routes.ts';
export { createOpportunity, createReferral, createRegistration, getDeal } from './deals.service.ts';
export { dealSweepJob, sweepDeals } from './deals.sweep.ts';
export { transitionDeal } from './deals.transitions.ts';
