import { describe, expect, test } from 'vitest';
import { loadEnv } from './env.ts';

describe('environment', () => {
  test('defaults run the embedded mode', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({
      PORT: 3000,
      DATA_DIR: './data',
      baseUrl: 'http://localhost:3000',
      devMailbox: true,
    });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  test('every bad variable is listed at once', () => {
    expect(() => loadEnv({ PORT: 'eighty', DATABASE_URL: 'mysql://x', AUTH_SECRET: 'short' })).toThrow(
      /PORT[\s\S]*DATABASE_URL[\s\S]*AUTH_SECRET|PORT[\s\S]*AUTH_SECRET[\s\S]*DATABASE_URL/,
    );
  });

  test('the dev mailbox is off with SMTP or in production', () => {
    expect(loadEnv({ SMTP_URL: 'smtp://mail.example.com' }).devMailbox).toBe(false);
    expect(loadEnv({ NODE_ENV: 'production' }).devMailbox).toBe(false);
    expect(loadEnv({ NODE_ENV: 'production', DEV_MAILBOX: 'true' }).devMailbox).toBe(true);
  });
});
