import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createTokenFor } from '../cli/operator.ts';
import { ensureWebBuild } from '../cli/web-build.ts';
import { type ApiClient, createApiClient } from '../common/api/client.ts';
import { loadEnv } from '../server/env.ts';
import { type Running, serve } from '../server/main.ts';
import { DEMO_PASSWORD, seedDemo } from '../server/seed/demo.ts';

// The system Chromium; this suite never downloads a browser.
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SCREENSHOTS = path.resolve(import.meta.dirname, 'screenshots');

/** A port nobody listens on right now, so BASE_URL can name it before the server starts. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/** Waits until the locator is visible; a timeout fails the test with the locator in the message. */
async function visible(locator: Locator): Promise<Locator> {
  await locator.waitFor({ state: 'visible' });
  return locator;
}

let dataDir: string;
let baseUrl: string;
let running: Running;
let browser: Browser;
let ecosystemName: string;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}; install it or set CHROMIUM_PATH`);
  ensureWebBuild(() => {});
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'mycelium-e2e-'));
  const port = await freePort();
  // The auth origin check needs BASE_URL to be exactly the origin the browser uses.
  baseUrl = `http://localhost:${port}`;
  const env = loadEnv({
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    BASE_URL: baseUrl,
    LOG_LEVEL: 'warn',
  });
  // Setup acts through the API like any client, with tokens made the way the operator CLI makes them.
  let contosoToken = '';
  let fabrikamToken = '';
  running = await serve(env, ['api', 'worker'], {
    beforeListen: async (ctx) => {
      await seedDemo(ctx);
      const token = (user: string, org: string) =>
        createTokenFor(ctx, { user, org, name: 'E2E directory setup', expiresInDays: 1 });
      contosoToken = (await token('owner@contoso.example', 'contoso-cloud')).token;
      fabrikamToken = (await token('felix@fabrikam.example', 'fabrikam-integrators')).token;
    },
  });
  const contoso = createApiClient({ baseUrl, token: contosoToken });
  const fabrikam = createApiClient({ baseUrl, token: fabrikamToken });

  // The demo describes Fabrikam Integrators as a German systems integrator; make sure of the two
  // facets the journey ticks, whatever else the demo says about it.
  await describeFabrikam(fabrikam);

  // An open, public ecosystem to join, so the journey does not depend on the demo's ecosystems.
  ecosystemName = `Contoso open partners ${Date.now().toString(36)}`;
  await contoso.POST('/api/v1/ecosystems', {
    body: {
      name: ecosystemName,
      description: 'Any partner of Contoso Cloud can join at once.',
      visibility: 'public',
      joinPolicy: 'open',
    },
  });

  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
});

async function describeFabrikam(fabrikam: ApiClient) {
  const { data: profile } = await fabrikam.GET('/api/v1/directory/profile');
  const roles = new Set(profile?.roles ?? []);
  if (profile?.hqCountry === 'DE' && roles.has('systems-integrator') && profile.listed) return;
  await fabrikam.PATCH('/api/v1/directory/profile', {
    body: { hqCountry: 'DE', roles: [...roles, 'systems-integrator'], listed: true },
  });
}

afterAll(async () => {
  await browser?.close();
  await running?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('finding a partner and joining an ecosystem', () => {
  test('a partner finds an organization despite a typo, narrows by facets, opens it, then joins an ecosystem', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page: Page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));

    try {
      await page.goto(`${baseUrl}/directory`);
      await page.waitForURL(/\/sign-in/);
      await page.getByRole('textbox', { name: 'Email' }).fill('nora@northwind.example');
      await page.getByRole('textbox', { name: 'Password' }).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await visible(page.getByRole('heading', { name: 'Find a partner', level: 2 }));

      // A typo still finds Fabrikam; the words land in the URL once typing pauses.
      await page.getByRole('searchbox', { name: 'Search organizations' }).fill('Fabrikm');
      await page.waitForURL((url) => url.searchParams.get('q') === 'Fabrikm');
      const results = page.getByRole('region', { name: 'Organizations' });
      await visible(results.getByRole('article', { name: 'Fabrikam Integrators' }));

      // Narrow down by two facets in the sidebar; each becomes a removable chip and part of the URL.
      const filters = page.getByRole('region', { name: 'Filters' });
      await filters
        .getByRole('group', { name: 'Country' })
        .getByRole('checkbox', { name: 'Germany' })
        .check();
      await page.waitForURL((url) => url.searchParams.get('country') === 'DE');
      await filters
        .getByRole('group', { name: 'Organization type' })
        .getByRole('checkbox', { name: 'Systems integrator' })
        .check();
      await page.waitForURL((url) => url.searchParams.get('role') === 'systems-integrator');
      await visible(page.getByRole('button', { name: 'Remove filter Germany' }));
      await visible(page.getByRole('button', { name: 'Remove filter Systems integrator' }));
      const hit = await visible(results.getByRole('article', { name: 'Fabrikam Integrators' }));
      expect(await hit.textContent()).toContain('Systems integrator');

      // Its profile.
      await hit.getByRole('link', { name: 'Fabrikam Integrators' }).click();
      await visible(page.getByRole('heading', { name: 'Fabrikam Integrators', level: 2 }));
      expect(new URL(page.url()).pathname).toBe('/directory/fabrikam-integrators');
      await visible(page.getByText('Headquartered in Germany'));

      // Back returns to the same search, filters still ticked.
      await page.goBack();
      await visible(page.getByRole('heading', { name: 'Find a partner', level: 2 }));
      expect(await page.getByRole('searchbox', { name: 'Search organizations' }).inputValue()).toBe(
        'Fabrikm',
      );
      expect(await filters.getByRole('checkbox', { name: 'Germany' }).isChecked()).toBe(true);

      // Ecosystems: find the open one and join it.
      await page.getByRole('link', { name: 'Ecosystems', exact: true }).click();
      await visible(page.getByRole('heading', { name: 'Ecosystems', level: 2 }));
      await page.getByRole('searchbox', { name: 'Search ecosystems' }).fill(ecosystemName);
      const card = await visible(page.getByRole('article', { name: ecosystemName }));
      await card.getByRole('link', { name: ecosystemName }).click();
      await visible(page.getByRole('heading', { name: ecosystemName, level: 2 }));
      await page.getByRole('button', { name: 'Join', exact: true }).click();

      // The status turns to member: a badge says so and leaving becomes the action; it sticks.
      await visible(page.getByRole('button', { name: 'Leave', exact: true }));
      await visible(page.getByText('Member', { exact: true }));
      await page.reload();
      await visible(page.getByRole('button', { name: 'Leave', exact: true }));
      expect(await page.getByRole('button', { name: 'Join', exact: true }).count()).toBe(0);

      expect(pageErrors).toEqual([]);
    } catch (err) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      const file = path.join(SCREENSHOTS, `directory-${Date.now()}.png`);
      await page.screenshot({ path: file, fullPage: true }).catch(() => {});
      throw err;
    } finally {
      await context.close();
    }
  });
});
