import { z } from 'zod';

/**
 * Every environment variable Mycelium reads, typed and documented in one place.
 * Defaults make the embedded mode (`npm start` on a laptop) work with nothing set.
 */
const schema = z.object({
  /** Node environment; `production` disables the dev mailbox unless DEV_MAILBOX is set. */
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** HTTP port the API and web app listen on. */
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** Interface to bind; `0.0.0.0` to accept connections from other machines. */
  HOST: z.string().default('127.0.0.1'),
  /** Public address of this instance, used in links (magic links, invitations) and origin checks. */
  BASE_URL: z.url().optional(),
  /** PostgreSQL server connection string. When unset, embedded PGlite stores data in DATA_DIR. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must start with postgres:// or postgresql://')
    .optional(),
  /** Folder for the embedded database (PGlite) when DATABASE_URL is unset. */
  DATA_DIR: z.string().default('./data'),
  /** Secret that signs sessions and cookies; at least 32 characters. Generated into DATA_DIR when unset. */
  AUTH_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** SMTP server for outgoing mail, e.g. smtp://user:pass@mail.example.com:587. Unset: mail stays in the outbox. */
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'must start with smtp:// or smtps://')
    .optional(),
  /** Sender address of outgoing mail. */
  MAIL_FROM: z.string().default('Mycelium <no-reply@mycelium.local>'),
  /** Show the dev mailbox (outbox readable in the web app). Default: on when SMTP_URL is unset and not production. */
  DEV_MAILBOX: z.enum(['true', 'false']).optional(),
  /** Process roles to run: `api`, `worker`, or both (comma-separated). */
  ROLES: z.string().default('api,worker'),
  /** Sign-in attempts allowed per client address per minute. */
  SIGN_IN_RATE_LIMIT: z.coerce.number().int().min(1).default(10),
  /** API requests allowed per token (or client address) per minute. */
  API_RATE_LIMIT: z.coerce.number().int().min(1).default(600),
  /** Largest accepted request body in bytes. */
  BODY_LIMIT: z.coerce.number().int().min(1024).default(1_048_576),
  /** Log level: fatal, error, warn, info, debug, trace, silent. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** The parsed environment. */
export type Env = z.infer<typeof schema> & { baseUrl: string; devMailbox: boolean };

/** Parses the environment; throws one error listing every bad variable. */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = schema.safeParse(source);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  return {
    ...env,
    baseUrl: (env.BASE_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
    devMailbox: env.DEV_MAILBOX ? env.DEV_MAILBOX === 'true' : !env.SMTP_URL && env.NODE_ENV !== 'production',
  };
}
