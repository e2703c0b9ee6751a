export { addCoSeller } from './deals.cosell.ts';
export {
  companyNameKey,
  customerDomain,
  customerKey,
  distinctiveWords,
  namesMatch,
} from './deals.match.ts';
export { type PartnerDealMetrics, partnerDealMetrics } from './deals.metrics.ts';
export { dealsRoutes } from './deals.routes.ts';
export { createRegistrationBody } from './deals.schema.ts';
export { createOpportunity, createReferral, createRegistration, getDeal } from './deals.service.ts';
export { sweepDeals } from './deals.sweep.ts';
export { transitionDeal } from './deals.transitions.ts';
