import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { type Browser, chromium, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ensureWebBuild } from '../cli/web-build.ts';
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
  running = await serve(env, ['api', 'worker'], {
    beforeListen: async (ctx) => {
      await seedDemo(ctx);
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

afterAll(async () => {
  await browser?.close();
  await running?.stop();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('web app journey', () => {
  test('an owner signs in, invites a member and creates an API token that works; the invitee joins', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page: Page = await context.newPage();
    page.setDefaultTimeout(15_000);
    const pageErrors: string[] = [];
    page.on('pageerror', (err) => pageErrors.push(err.message));

    try {
      // Signed out, the app sends you to sign in.
      await page.goto(`${baseUrl}/members`);
      await page.waitForURL(/\/sign-in/);
      await page.getByRole('textbox', { name: 'Email' }).fill('owner@contoso.example');
      await page.getByRole('textbox', { name: 'Password' }).fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();

      // ...and back to the page you asked for.
      await visible(page.getByRole('heading', { name: 'Members', level: 2 }));
      expect(new URL(page.url()).pathname).toBe('/members');
      await visible(page.getByRole('button', { name: 'Switch organization' }).getByText('Contoso Cloud'));

      // Invite someone as an alliance manager.
      const invitee = `partner-${Date.now()}@fabrikam.example`;
      await page.getByRole('button', { name: 'Invite member' }).click();
      const invite = await visible(page.getByRole('dialog', { name: 'Invite a member' }));
      await invite.getByRole('textbox', { name: 'Email address' }).fill(invitee);
      await invite.getByRole('combobox', { name: 'Role', exact: true }).click();
      await page.getByRole('option', { name: 'Alliance manager' }).click();
      await invite.getByRole('button', { name: 'Send invitation' }).click();
      await invite.waitFor({ state: 'hidden' });

      await page.getByRole('tab', { name: /Invitations/ }).click();
      const pending = await visible(page.getByRole('table', { name: 'pending invitations' }));
      const row = await visible(pending.getByRole('row').filter({ hasText: invitee }));
      expect(await row.textContent()).toContain('Alliance manager');

      // Create an API token: its secret is shown once.
      await page.getByRole('link', { name: 'API tokens', exact: true }).click();
      await visible(page.getByRole('heading', { name: 'API tokens', level: 2 }));
      await page.getByRole('button', { name: 'Create token' }).first().click();
      const create = await visible(page.getByRole('dialog', { name: 'Create an API token' }));
      await create.getByRole('textbox', { name: 'Name' }).fill('E2E journey');
      await create.getByRole('textbox', { name: 'Name' }).press('Enter');

      const reveal = await visible(page.getByRole('dialog', { name: 'Copy your new token' }));
      await visible(reveal.getByText('Shown only once'));
      const secret = (await reveal.getByLabel('New API token').textContent())?.trim() ?? '';
      expect(secret).toMatch(/^myc_[A-Za-z0-9_-]{20,}$/);
      await reveal.getByRole('button', { name: 'I have copied it' }).click();
      await reveal.waitFor({ state: 'hidden' });

      // Once closed, the secret is nowhere on the page; the list shows the token by name only.
      await visible(page.getByRole('row').filter({ hasText: 'E2E journey' }));
      expect(await page.content()).not.toContain(secret);

      // The token authenticates as the owner.
      const res = await fetch(`${baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${secret}` } });
      expect(res.status).toBe(200);
      const me = (await res.json()) as { user: { email: string }; via: string };
      expect(me.user.email).toBe('owner@contoso.example');
      expect(me.via).toBe('token');

      // The invitee opens the emailed link signed out: the invitation introduces itself, and signing up
      // from it asks for no organization of their own.
      const listed = await fetch(`${baseUrl}/api/v1/invitations?status=pending`, {
        headers: { authorization: `Bearer ${secret}` },
      });
      const { data } = (await listed.json()) as { data: { id: string; email: string }[] };
      const invitationId = data.find((inv) => inv.email === invitee)?.id;
      expect(invitationId).toBeTruthy();
      const inviteeContext = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      const inviteePage = await inviteeContext.newPage();
      inviteePage.setDefaultTimeout(15_000);
      inviteePage.on('pageerror', (err) => pageErrors.push(err.message));
      try {
        await inviteePage.goto(`${baseUrl}/invitations/${invitationId}`);
        await visible(inviteePage.getByRole('heading', { name: 'Join Contoso Cloud on Mycelium' }));
        await visible(inviteePage.getByText(`invited ${invitee} to join Contoso Cloud as alliance manager`));
        await inviteePage.getByRole('link', { name: 'Sign up' }).click();
        const name = await visible(inviteePage.getByRole('textbox', { name: 'Your name' }));
        expect(await inviteePage.getByRole('textbox', { name: 'Work email' }).inputValue()).toBe(invitee);
        expect(await inviteePage.getByRole('textbox', { name: 'Organization name' }).count()).toBe(0);
        await name.fill('Pat Partner');
        await inviteePage.getByRole('textbox', { name: 'Password' }).fill('partner-password-1');
        await inviteePage.getByRole('button', { name: 'Create account and continue' }).click();
        await inviteePage.getByRole('button', { name: 'Accept and join' }).click();
        // Joining made Contoso Cloud the active organization without any switching.
        await visible(inviteePage.getByRole('heading', { name: 'Contoso Cloud', level: 2 }));
        await visible(
          inviteePage.getByRole('button', { name: 'Switch organization' }).getByText('Alliance manager'),
        );
      } catch (err) {
        mkdirSync(SCREENSHOTS, { recursive: true });
        await inviteePage
          .screenshot({ path: path.join(SCREENSHOTS, `invitee-${Date.now()}.png`), fullPage: true })
          .catch(() => {});
        throw err;
      } finally {
        await inviteeContext.close();
      }

      expect(pageErrors).toEqual([]);
    } catch (err) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      const file = path.join(SCREENSHOTS, `journey-${Date.now()}.png`);
      await page.screenshot({ path: file, fullPage: true }).catch(() => {});
      throw err;
    } finally {
      await context.close();
    }
  });
});
