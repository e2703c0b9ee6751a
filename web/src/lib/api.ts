import { ApiError, createApiClient } from '../../../common/api/client.ts';

export { ApiError };

/** The one API client of the web app: same origin, session cookie, CSRF token on writes. */
export const api = createApiClient({ baseUrl: '' });

/** Awaits an API call and returns its body; failures already throw {@link ApiError}. */
export async function body<T>(call: Promise<{ data?: T }>): Promise<T> {
  const { data } = await call;
  return data as T;
}
