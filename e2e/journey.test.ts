import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEMO_PASSWORD } from '../server/seed/demo.ts';
import { type Journey, SCREENSHOTS, startJourney, visible } from './support.ts';

let journey: Journey;
let baseUrl: string;
let browser: Browser;

beforeAll(async () => {
  journey = await startJourney();
  ({ baseUrl, browser } = journey);
});

afterAll(() => journey?.close());

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
