// The cockpit as a user gets it, on the bench's database: the real app (API and the web build) in
// this process, a CPO added to the busiest organization the way the operator CLI adds people.
// (1) `GET /api/v1/cockpit` over HTTP with an API token, one request at a time: p50 / p95.
// (2) "Cockpit ready" in headless Chromium (DESIGN.md: ≤ 1.5 s on localhost with 500k orgs): from
// the start of navigation to /cockpit until the KPI cards show amounts and the monthly chart is
// drawn, the first load (cold browser cache) and then repeated loads.
import { existsSync } from 'node:fs';
import { createTokenFor, createUser } from '../../../cli/operator.ts';
import { ensureWebBuild } from '../../../cli/web-build.ts';
import { CHROMIUM, freePort, launchChromium } from '../../../e2e/browser.ts';
import type { Database } from '../../../server/db/client.ts';
import { loadEnv } from '../../../server/env.ts';
import { buildApp } from '../../../server/http/app.ts';
import { startContext } from '../../../server/start.ts';
import { type LatencySummary, summarize } from '../../lib/stats.ts';
import { elapsedNs, now, timeEach } from '../../lib/timing.ts';

const CPO = { email: 'cpo@insights-bench.example', password: 'insights-bench-password' };

export interface CockpitHttpResult {
  api: LatencySummary;
  /** Null when there is no Chromium on this machine. */
  web: { firstMs: number; loads: LatencySummary } | null;
}

/** Serves the app on `database` and measures the cockpit of the organization `slug` as its CPO. */
export async function measureCockpitOverHttp(
  database: Database,
  databaseUrl: string,
  slug: string,
  options: { requests: number; loads: number; log: (line: string) => void },
): Promise<CockpitHttpResult> {
  ensureWebBuild(options.log);
  const port = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const env = loadEnv({
    ...process.env,
    DATABASE_URL: databaseUrl,
    PORT: String(port),
    BASE_URL: baseUrl,
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    // One client timing one request after another: the per-token limit would only measure itself.
    API_RATE_LIMIT: '1000000000',
  });
  const ctx = await startContext(env, { worker: false, migrate: false, database });
  const app = await buildApp(ctx, { serveWeb: true });
  await app.listen({ port, host: '127.0.0.1' });
  try {
    await createUser(ctx, { ...CPO, org: slug, role: 'cpo', name: 'Bench CPO' });
    const { token } = await createTokenFor(ctx, {
      user: CPO.email,
      org: slug,
      name: 'insights bench',
      expiresInDays: 1,
    });

    options.log(`GET /api/v1/cockpit × ${options.requests} over HTTP…`);
    const get = async () => {
      const response = await fetch(`${baseUrl}/api/v1/cockpit`, {
        headers: { authorization: `Bearer ${token}` },
      });
      if (response.status !== 200)
        throw new Error(`GET /cockpit: ${response.status} ${await response.text()}`);
      await response.arrayBuffer();
    };
    await get();
    const api = await timeEach(options.requests, get);

    if (!existsSync(CHROMIUM)) {
      options.log(`no Chromium at ${CHROMIUM}: the page load is not measured`);
      return { api: summarize(api.samplesNs, api.wallNs), web: null };
    }
    options.log(`opening /cockpit in Chromium × ${options.loads + 1}…`);
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      page.setDefaultTimeout(30_000);
      await page.goto(`${baseUrl}/sign-in`);
      await page.getByRole('textbox', { name: 'Email' }).fill(CPO.email);
      await page.getByRole('textbox', { name: 'Password' }).fill(CPO.password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
      // Ready: a KPI card shows its amount (or "—" when there is none) and the monthly chart is drawn.
      const load = async () => {
        const start = now();
        await page.goto(`${baseUrl}/cockpit`);
        await page.getByRole('group', { name: 'Partner-sourced revenue' }).getByText(/€|—/).first().waitFor();
        await page.getByRole('region', { name: 'Won revenue by month' }).locator('svg').first().waitFor();
        return elapsedNs(start);
      };
      const firstMs = (await load()) / 1e6;
      const loads = await timeEach(options.loads, load);
      return {
        api: summarize(api.samplesNs, api.wallNs),
        web: { firstMs, loads: summarize(loads.samplesNs, loads.wallNs) },
      };
    } finally {
      await browser.close();
    }
  } finally {
    await app.close();
    await ctx.jobs.stop();
  }
}
