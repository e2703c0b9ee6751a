import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiClient } from '../common/api/client.ts';
import { DEMO_PASSWORD } from '../server/seed/demo.ts';
import { type Journey, SCREENSHOTS, startJourneyAs, visible } from './support.ts';

let journey: Journey;
let baseUrl: string;
let browser: Browser;
let ecosystemName: string;

beforeAll(async () => {
  const started = await startJourneyAs({
    contoso: { user: 'owner@contoso.example', org: 'contoso-cloud' },
    fabrikam: { user: 'felix@fabrikam.example', org: 'fabrikam-integrators' },
  });
  journey = started;
  ({ baseUrl, browser } = started);
  const { contoso, fabrikam } = started.api;

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
});

async function describeFabrikam(fabrikam: ApiClient) {
  const { data: profile } = await fabrikam.GET('/api/v1/directory/profile');
  const roles = new Set(profile?.roles ?? []);
  if (profile?.hqCountry === 'DE' && roles.has('systems-integrator') && profile.listed) return;
  await fabrikam.PATCH('/api/v1/directory/profile', {
    body: { hqCountry: 'DE', roles: [...roles, 'systems-integrator'], listed: true },
  });
}

afterAll(() => journey?.close());

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
