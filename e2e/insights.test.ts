import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Journey, screenshotOnFailure, signInAs, startJourney, visible } from './support.ts';

let journey: Journey;

// The demo seed ends with an insights refresh, so the cockpit has a year of numbers and the
// communities page has a run to show from the first page load.
beforeAll(async () => {
  journey = await startJourney();
});

afterAll(() => journey?.close());

describe('insights journey', () => {
  test('the CPO opens the cockpit, filters by region, opens a discovered community and saves it as an ecosystem', async () => {
    const page = await signInAs(journey, 'cpo@contoso.example');
    await screenshotOnFailure(page, 'insights-journey', async () => {
      // The cockpit, from the navigation.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Cockpit' }).click();
      await visible(page.getByRole('heading', { name: 'Cockpit', level: 2 }));
      const sourced = page.getByRole('group', { name: 'Partner-sourced revenue' });
      await visible(sourced.getByText(/€/));
      await visible(page.getByText('Whole organization'));
      // Every KPI says how it is counted.
      await sourced.getByRole('button', { name: 'How partner-sourced revenue is counted' }).click();
      await visible(
        page
          .getByRole('dialog', { name: /partner-sourced revenue/i })
          .getByText(/Won deals a partner brought you/),
      );
      await page.keyboard.press('Escape');
      await visible(page.getByRole('region', { name: 'Won revenue by month' }));
      await visible(
        page.getByRole('table', { name: 'Alliance manager roll-up' }).getByText('Anders Nilsson'),
      );

      // Filter by region: the URL carries the filter and the cockpit answers for it.
      const filtered = page.waitForResponse(
        (r) => r.url().includes('/api/v1/cockpit?') && r.url().includes('region=150'),
      );
      await page.getByRole('combobox', { name: 'Region' }).click();
      await page.getByRole('option', { name: 'Europe', exact: true }).click();
      expect((await filtered).status()).toBe(200);
      await expect.poll(() => new URL(page.url()).searchParams.get('region')).toMatch(/^"?150"?$/);
      await visible(page.getByRole('group', { name: 'Partner-sourced revenue' }).getByText(/€|—/));
      await expect.poll(() => page.getByRole('alert').count()).toBe(0);

      // The discovered communities, and one of them.
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Communities' }).click();
      await visible(page.getByRole('heading', { name: 'Communities', level: 2 }));
      const card = page.getByRole('article').first();
      await visible(card);
      const label = (await card.getByRole('link').first().textContent())?.trim() ?? '';
      expect(label).not.toBe('');
      await card.getByRole('link', { name: label }).click();
      await visible(page.getByRole('heading', { name: label, level: 2 }));
      await visible(page.getByRole('region', { name: 'Graph' }));
      await visible(page.getByRole('table', { name: 'Listed members' }));

      // Save it as an ecosystem under a name of the CPO's choosing.
      const name = `Journey ${label}`.slice(0, 100);
      await page.getByRole('button', { name: 'Save as ecosystem' }).click();
      const dialog = await visible(page.getByRole('dialog', { name: 'Save as ecosystem' }));
      await expect.poll(() => dialog.getByRole('textbox', { name: 'Name' }).inputValue()).toBe(label);
      await dialog.getByRole('textbox', { name: 'Name' }).fill(name);
      await dialog.getByRole('button', { name: 'Save ecosystem' }).click();
      await page.waitForURL(/\/ecosystems\/[^/]+$/);
      await visible(page.getByRole('heading', { name, level: 2 }));

      // Back on the community, it links to its ecosystem instead of offering to save it again.
      await page.goBack();
      await visible(page.getByRole('link', { name: 'Open its ecosystem' }));
      await expect(page.getByRole('button', { name: 'Save as ecosystem' }).count()).resolves.toBe(0);
    });
  });
});
