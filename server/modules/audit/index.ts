export { auditRoutes } from './audit.routes.ts';
export { type AuditEvent, listAudit, recordAudit } from './audit.service.ts';
