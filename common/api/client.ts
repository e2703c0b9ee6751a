import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema.d.ts';

/** The typed Mycelium API client (web app and CLI). */
export type ApiClient = ReturnType<typeof createClient<paths>>;

/** The error body every failing API call returns. */
export interface ApiErrorBody {
  error: { code: string; message: string; details?: { issues?: { path: string; message: string }[] } };
}

/** An API call that failed, with the server's code and message. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ApiErrorBody,
  ) {
    super(body.error.message);
    this.name = 'ApiError';
  }
  get code(): string {
    return this.body.error.code;
  }
}

/** Options for {@link createApiClient}. */
export interface ClientOptions {
  /** Server address; '' for same-origin (the web app). */
  baseUrl: string;
  /** API token; without one the browser's session cookie is used, with a CSRF token on writes. */
  token?: string;
  fetch?: typeof fetch;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Creates a client; non-2xx responses throw {@link ApiError}. */
export function createApiClient(options: ClientOptions): ApiClient {
  const client = createClient<paths>({ baseUrl: options.baseUrl, fetch: options.fetch });
  let csrf: Promise<string> | undefined;
  const fetchCsrf = async () => {
    const res = await (options.fetch ?? fetch)(`${options.baseUrl}/api/v1/csrf`, {
      credentials: 'same-origin',
    });
    return ((await res.json()) as { token: string }).token;
  };
  const auth: Middleware = {
    async onRequest({ request }) {
      if (options.token) {
        request.headers.set('authorization', `Bearer ${options.token}`);
      } else if (!SAFE.has(request.method)) {
        csrf ??= fetchCsrf();
        request.headers.set('x-csrf-token', await csrf);
      }
      return request;
    },
    async onResponse({ response }) {
      if (response.ok) return response;
      if (response.status === 403) csrf = undefined;
      let body: ApiErrorBody;
      try {
        body = (await response.clone().json()) as ApiErrorBody;
      } catch {
        body = { error: { code: 'http_error', message: `${response.status} ${response.statusText}` } };
      }
      throw new ApiError(response.status, body);
    },
  };
  client.use(auth);
  return client;
}
