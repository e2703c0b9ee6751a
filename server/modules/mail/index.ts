export { sendMailJob } from './mail.jobs.ts';
export { mailRoutes } from './mail.routes.ts';
export { listOutbox, type MailInput, queueMail, queueMails } from './mail.service.ts';
