export { notificationsRoutes } from './notifications.routes.ts';
export { DEFAULT_NOTIFY_ROLES, type NotificationInput, notify } from './notifications.service.ts';
