export { countActiveAt } from './activity.repo.ts';
export { activityRoutes } from './activity.routes.ts';
export { ACTIVITY_KINDS, type ActivityEvent, type ActivityKind, recordActivity } from './activity.service.ts';
