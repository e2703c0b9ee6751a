import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { queueMail } from './mail.service.ts';

// A real SMTP server on loopback: the worker must deliver through it and mark the mail sent.
const received: { to: string[]; body: string }[] = [];
const smtp = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onData(stream, session, callback) {
    let body = '';
    stream.on('data', (chunk) => {
      body += chunk;
    });
    stream.on('end', () => {
      received.push({ to: session.envelope.rcptTo.map((r) => r.address), body });
      callback();
    });
  },
});

let h: TestApp;
beforeAll(async () => {
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  const { port } = smtp.server.address() as AddressInfo;
  h = await createTestApp({ SMTP_URL: `smtp://127.0.0.1:${port}` }, { worker: true });
});
afterAll(async () => {
  await h?.close();
  await new Promise<void>((resolve) => smtp.close(resolve));
});

test('with SMTP configured, the worker job delivers queued mail and records it as sent', async () => {
  const mail = await queueMail(h.ctx, {
    to: 'Partner@Example.com',
    subject: 'Welcome to Mycelium',
    text: 'Hello from the outbox',
    kind: 'notification',
  });
  await expect.poll(() => received.length, { timeout: 20_000, interval: 200 }).toBe(1);
  expect(received[0]!.to).toEqual(['partner@example.com']);
  expect(received[0]!.body).toContain('Hello from the outbox');
  const { mailOutbox } = await import('../../db/schema/index.ts');
  const { eq } = await import('drizzle-orm');
  await expect
    .poll(
      async () => (await h.ctx.db.select().from(mailOutbox).where(eq(mailOutbox.id, mail.id)))[0]?.sentAt,
      {
        timeout: 10_000,
      },
    )
    .toBeInstanceOf(Date);
});

test('the dev mailbox is off when SMTP is configured', async () => {
  expect((await h.as(null).get('/api/v1/dev/mailbox')).status).toBe(404);
});
