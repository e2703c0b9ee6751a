export { programsRoutes } from './programs.routes.ts';
export { type CommissionRuleRow, type CommissionTerms, commissionTermsFor } from './programs.terms.ts';
