import { ApiError, type ApiErrorBody } from '../../../common/api/client.ts';

// The better-auth endpoints are not part of the OpenAPI document, so they are called directly.
async function authPost(path: string, payload: object): Promise<void> {
  const res = await fetch(`/api/auth${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(payload),
    credentials: 'same-origin',
  });
  if (res.ok) return;
  let errorBody: ApiErrorBody;
  try {
    errorBody = (await res.json()) as ApiErrorBody;
  } catch {
    errorBody = { error: { code: 'http_error', message: `${res.status} ${res.statusText}` } };
  }
  throw new ApiError(res.status, errorBody);
}

/** Signs in with email and password; sets the session cookie. */
export const signInWithPassword = (email: string, password: string) =>
  authPost('/sign-in/email', { email, password });

/** Mails a one-time sign-in link that returns to `callbackURL`. */
export const sendMagicLink = (email: string, callbackURL: string) =>
  authPost('/sign-in/magic-link', {
    email,
    callbackURL,
    errorCallbackURL:
      callbackURL === '/' ? '/sign-in' : `/sign-in?redirect=${encodeURIComponent(callbackURL)}`,
  });

/** Ends the session. */
export const signOut = () => authPost('/sign-out', {});

/** A same-site path to return to after signing in, or undefined for anything else. */
export function safeRedirect(value: unknown): string | undefined {
  return typeof value === 'string' && /^\/(?![/\\])/.test(value) ? value : undefined;
}

/** The invitation a sign-in or sign-up returns to (`/invitations/<id>`), if any. */
export function invitationIdIn(redirect: string | undefined): string | undefined {
  return redirect?.match(/^\/invitations\/([\w-]+)(?:[?#]|$)/)?.[1];
}
