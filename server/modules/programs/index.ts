export { applyToProgram, approveApplication } from './programs.applications.ts';
export { recordCertification } from './programs.certifications.ts';
export { getEnrollment } from './programs.enrollments.ts';
export {
  type EvaluationFilter,
  evaluateEnrollment,
  evaluateTiers,
  type TierMetrics,
  type TierOutcome,
  tierEvaluationJob,
} from './programs.evaluate.ts';
export { actOnMdf, requestMdf } from './programs.mdf.ts';
export { updateTask } from './programs.onboarding.ts';
export { programsRoutes } from './programs.routes.ts';
export { createProgram, createRule, putTiers } from './programs.service.ts';
export { type CommissionRuleRow, type CommissionTerms, commissionTermsFor } from './programs.terms.ts';
