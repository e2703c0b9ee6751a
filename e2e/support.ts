// What every browser journey needs: the real server on a free port with the demo loaded, and
// Debian's Chromium (never a downloaded browser).
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { createTokenFor } from '../cli/operator.ts';
import { ensureWebBuild } from '../cli/web-build.ts';
import { type ApiClient, createApiClient } from '../common/api/client.ts';
import type { AppContext } from '../server/context.ts';
import { loadEnv } from '../server/env.ts';
import { type Running, serve } from '../server/main.ts';
import { DEMO_PASSWORD, seedDemo } from '../server/seed/demo.ts';
import { CHROMIUM, freePort, launchChromium } from './browser.ts';
/** Where failing journeys leave a screenshot. */
export const SCREENSHOTS = path.resolve(import.meta.dirname, 'screenshots');

/** Waits until the locator is visible; a timeout fails the test with the locator in the message. */
export async function visible(locator: Locator): Promise<Locator> {
  await locator.waitFor({ state: 'visible' });
  return locator;
}

/** A running demo server and a browser, with what it takes to tear them down. */
export interface Journey {
  baseUrl: string;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Builds the web app if needed, starts the API and worker on a fresh data folder with the demo
 * loaded (then `setup`, before the port opens), and launches Chromium.
 */
export async function startJourney(setup?: (ctx: AppContext) => Promise<void>): Promise<Journey> {
  if (!existsSync(CHROMIUM)) throw new Error(`No Chromium at ${CHROMIUM}; install it or set CHROMIUM_PATH`);
  ensureWebBuild(() => {});
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mycelium-e2e-'));
  const port = await freePort();
  // The auth origin check needs BASE_URL to be exactly the origin the browser uses.
  const baseUrl = `http://localhost:${port}`;
  const env = loadEnv({
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    BASE_URL: baseUrl,
    LOG_LEVEL: 'warn',
  });
  let running: Running | undefined;
  let browser: Browser | undefined;
  const close = async () => {
    await browser?.close();
    await running?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    running = await serve(env, ['api', 'worker'], {
      beforeListen: async (ctx) => {
        await seedDemo(ctx);
        await setup?.(ctx);
      },
    });
    browser = await launchChromium();
  } catch (err) {
    await close();
    throw err;
  }
  return { baseUrl, browser, close };
}

/**
 * A journey whose setup acts through the API like any client: one typed client per demo login,
 * with a token made the way the operator CLI makes them.
 */
export async function startJourneyAs<K extends string>(
  logins: Record<K, { user: string; org: string }>,
): Promise<Journey & { api: Record<K, ApiClient> }> {
  const tokens = {} as Record<K, string>;
  const journey = await startJourney(async (ctx) => {
    for (const [key, login] of Object.entries(logins) as [K, { user: string; org: string }][])
      tokens[key] = (await createTokenFor(ctx, { ...login, name: 'E2E setup', expiresInDays: 1 })).token;
  });
  const api = {} as Record<K, ApiClient>;
  for (const key of Object.keys(tokens) as K[])
    api[key] = createApiClient({ baseUrl: journey.baseUrl, token: tokens[key] });
  return { ...journey, api };
}

/** A new browser context signed in as a demo login, on the page the app lands on. */
export async function signInAs(journey: Pick<Journey, 'browser' | 'baseUrl'>, email: string): Promise<Page> {
  const context = await journey.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  await page.goto(`${journey.baseUrl}/sign-in`);
  await page.getByRole('textbox', { name: 'Email' }).fill(email);
  await page.getByRole('textbox', { name: 'Password' }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  return page;
}

/** Runs a journey step; an uncaught page error fails it, and a failure leaves a screenshot. */
export async function screenshotOnFailure(page: Page, name: string, run: () => Promise<void>) {
  const pageErrors: string[] = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  try {
    await run();
    expect(pageErrors).toEqual([]);
  } catch (err) {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: true });
    throw err;
  } finally {
    await page.context().close();
  }
}
