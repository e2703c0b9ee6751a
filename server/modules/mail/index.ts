export { sendMailJob } from './mail.jobs.ts';
export { mailRoutes } from './mail.routes.ts';
export { listOutbox, type MailInput, queueMail } from './mail.service.ts';
