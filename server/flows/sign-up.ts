import type { AppContext } from '../context.ts';
import { newId } from '../db/ids.ts';
import { AppError } from '../errors.ts';
import { createOrganizationForUser } from './create-organization.ts';

/** What sign-up asks for. */
export interface SignUpInput {
  name: string;
  email: string;
  password: string;
  /** Without it the user starts with no organization (to join one by invitation). */
  organizationName?: string;
}

/**
 * Creates the user (through better-auth, which hashes the password and opens a session) and their
 * organization with them as owner. Undo: if the organization cannot be created, the user is deleted.
 */
export async function signUp(ctx: Pick<AppContext, 'auth' | 'db'>, input: SignUpInput, requestId = newId()) {
  const result = await ctx.auth.api
    .signUpEmail({
      body: { name: input.name, email: input.email, password: input.password },
      returnHeaders: true,
    })
    .catch((err: unknown) => {
      const code = (err as { body?: { code?: string } }).body?.code;
      if (code?.startsWith('USER_ALREADY_EXISTS')) {
        throw new AppError('already_exists', 'An account with this email already exists; sign in instead');
      }
      if (code?.includes('PASSWORD')) throw new AppError('invalid_input', (err as Error).message);
      throw err;
    });
  const { user } = result.response;
  if (!input.organizationName) return { user, organization: null, headers: result.headers };
  try {
    const { organization } = await createOrganizationForUser(
      ctx.db,
      {
        userId: user.id,
        email: user.email,
        emailVerified: user.emailVerified,
        name: user.name,
        via: 'session',
        requestId,
      },
      input.organizationName,
    );
    return { user, organization, headers: result.headers };
  } catch (err) {
    const internal = await ctx.auth.$context;
    await internal.internalAdapter.deleteUser(user.id);
    throw err;
  }
}
