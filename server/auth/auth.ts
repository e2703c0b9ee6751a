import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { magicLink, organization } from 'better-auth/plugins';
import type { Db } from '../db/client.ts';
import { newId } from '../db/ids.ts';
import * as schema from '../db/schema/index.ts';
import type { Env } from '../env.ts';
import { hashPassword, verifyPassword } from './password.ts';

/** Header the HTTP layer sets to the socket's client address (any client value is replaced). */
export const CLIENT_IP_HEADER = 'x-mycelium-client-ip';

/** What auth needs from outside: where to send a magic link. */
export interface AuthDeps {
  db: Db;
  env: Env;
  secret: string;
  sendMagicLink(email: string, url: string): Promise<void>;
}

/** Configures better-auth: email + password (argon2id), magic links, organizations, shared rate limits. */
export function createAuth({ db, env, secret, sendMagicLink }: AuthDeps) {
  const local = new URL(env.baseUrl);
  const trustedOrigins = [env.baseUrl];
  if (local.hostname === 'localhost') trustedOrigins.push(env.baseUrl.replace('localhost', '127.0.0.1'));
  return betterAuth({
    appName: 'Mycelium',
    baseURL: env.baseUrl,
    basePath: '/api/auth',
    secret,
    trustedOrigins,
    telemetry: { enabled: false },
    database: drizzleAdapter(db, {
      provider: 'pg',
      schema: {
        user: schema.user,
        session: schema.session,
        account: schema.account,
        verification: schema.verification,
        organization: schema.organization,
        member: schema.member,
        invitation: schema.invitation,
        rateLimit: schema.rateLimit,
      },
    }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 10,
      maxPasswordLength: 256,
      password: { hash: hashPassword, verify: verifyPassword },
    },
    session: { expiresIn: 60 * 60 * 24 * 14, updateAge: 60 * 60 * 24 },
    rateLimit: {
      enabled: true,
      storage: 'database',
      modelName: 'rateLimit',
      window: 60,
      max: 300,
      customRules: {
        '/sign-in/email': { window: 60, max: env.SIGN_IN_RATE_LIMIT },
        '/sign-in/magic-link': { window: 60, max: env.SIGN_IN_RATE_LIMIT },
        '/sign-up/email': { window: 60, max: env.SIGN_IN_RATE_LIMIT },
      },
    },
    advanced: {
      database: { generateId: () => newId() },
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
      cookiePrefix: 'mycelium',
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax' },
    },
    plugins: [
      organization({ allowUserToCreateOrganization: true }),
      magicLink({
        expiresIn: 60 * 15,
        sendMagicLink: async ({ email, url }) => sendMagicLink(email, url),
      }),
    ],
  });
}

/** The configured better-auth instance. */
export type Auth = ReturnType<typeof createAuth>;
