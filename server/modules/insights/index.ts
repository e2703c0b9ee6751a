export { analyzeGraph, type GraphAnalysis, type GraphInput } from './insights.communities.ts';
export { refreshRecommendations, topRecommendations } from './insights.recommend.ts';
export { insightsRefreshJob, type RefreshContext, runInsightsRefresh } from './insights.refresh.ts';
export { insightsRoutes } from './insights.routes.ts';
export { partnershipOnlyScoreSql } from './insights.trust.ts';
export { recomputeAllTrust, refreshTrustAfterDeals, updatePairTrust } from './insights.trust.update.ts';
export { analyzeGraphOffThread } from './insights.worker.ts';
