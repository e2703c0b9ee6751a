import type { JobDefinition } from '../../jobs/queue.ts';

/** Delivers one outbox mail through SMTP; retried with backoff. */
export const sendMailJob: JobDefinition<{ mailId: string }> = {
  name: 'mail-send',
  retryLimit: 5,
  handler: async () => (await import('./mail.send.ts')).handleSendMail,
};
