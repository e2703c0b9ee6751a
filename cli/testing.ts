import type { ApiClient } from '../common/api/client.ts';
import type { TestMember } from '../server/test/factories.ts';
import type { TestApp } from '../server/test/harness.ts';
import { remoteClient } from './deals.ts';

/** The CLI's real API client acting as `who`, its requests answered by the app in-process. */
export function cliClientFor(h: TestApp, who: TestMember): ApiClient {
  const viaApp: typeof fetch = async (input, init) => {
    const req = input instanceof Request ? input : new Request(input, init);
    const url = new URL(req.url);
    const res = await h.app.inject({
      method: req.method as 'GET',
      url: url.pathname + url.search,
      headers: Object.fromEntries(req.headers),
      payload: req.body ? await req.text() : undefined,
    });
    return new Response(res.body || null, { status: res.statusCode, headers: res.headers as HeadersInit });
  };
  return remoteClient({ url: 'http://cli.test', token: who.token }, viaApp);
}
