export { approveApplication } from './programs.applications.ts';
export {
  type EvaluationFilter,
  evaluateEnrollment,
  evaluateTiers,
  type TierMetrics,
  type TierOutcome,
  tierEvaluationJob,
} from './programs.evaluate.ts';
export { programsRoutes } from './programs.routes.ts';
export { type CommissionRuleRow, type CommissionTerms, commissionTermsFor } from './programs.terms.ts';
