import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiClient } from '../common/api/client.ts';
import { type Journey, screenshotOnFailure, signInAs, startJourneyAs, visible } from './support.ts';

let journey: Journey;
let contoso: ApiClient;
let northwind: ApiClient;
let contosoId: string;
let northwindId: string;

// The journey's own companies (not the demo's): 30 of Contoso's, of which the first 12 are also
// Northwind's customers. Both imports remove what is missing from the file, so whatever accounts the
// demo gives either side, the sets hold exactly these and the counts are known.
const company = (n: number) => `Journey Mapping ${String(n).padStart(2, '0')}`;
const domain = (n: number) => `journey-mapping-${String(n).padStart(2, '0')}.com`;
const OVERLAP = 12;

/** Contoso's export with Salesforce Account headers. */
const contosoCsv = [
  'Account ID,Account Name,Type,Website,Billing Country,Industry',
  ...Array.from({ length: 30 }, (_, i) => {
    const n = i + 1;
    const type = n % 3 === 0 ? 'Prospect' : 'Customer - Direct';
    return `001J0000${String(n).padStart(4, '0')},"${company(n)}",${type},https://www.${domain(n)}/,Sweden,Software`;
  }),
].join('\r\n');

/** Northwind's list: the first 12 of Contoso's companies (as customers) and 8 of its own. */
const northwindCsv = [
  'Account ID,Account Name,Type,Website,Billing Country',
  ...Array.from(
    { length: OVERLAP },
    (_, i) => `NW-${i + 1},"${company(i + 1)} AB",Customer,${domain(i + 1)},SE`,
  ),
  ...Array.from(
    { length: 8 },
    (_, i) => `NW-X${i + 1},Northwind Only ${i + 1},Customer,nw-only-${i + 1}.se,SE`,
  ),
].join('\n');

// Customers on Contoso's side: the overlapping ones not divisible by 3 (those are prospects).
const overlappingCustomers = Array.from({ length: OVERLAP }, (_, i) => i + 1).filter((n) => n % 3 !== 0);

/** Uploads a CSV through the API and runs the import to the end. */
async function importThroughApi(client: ApiClient, csv: string, fileName: string) {
  const { data: upload } = await client.POST('/api/v1/accounts/imports', {
    params: { query: { fileName } },
    // The file is the raw body.
    body: csv as never,
    bodySerializer: (b: unknown) => b as string,
    headers: { 'content-type': 'text/csv' },
  });
  await client.POST('/api/v1/accounts/imports/{id}/start', {
    params: { path: { id: upload!.id } },
    body: { removeMissing: true },
  });
  for (let i = 0; i < 120; i++) {
    const { data: imp } = await client.GET('/api/v1/accounts/imports/{id}', {
      params: { path: { id: upload!.id } },
    });
    if (imp!.status === 'done') return imp!;
    if (imp!.status === 'failed') throw new Error(`Import failed: ${imp!.failure}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('Import did not finish');
}

/** Shares every population of the client's own accounts with the partner at one level. */
async function shareAll(client: ApiClient, partnerId: string, level: 'counts' | 'overlap') {
  const { data: sharing } = await client.GET('/api/v1/accounts/sharing', {
    params: { query: { partnerId } },
  });
  await client.PUT('/api/v1/accounts/sharing', {
    body: { partnerId, populations: sharing!.mine.map((r) => ({ populationId: r.population.id, level })) },
  });
}

beforeAll(async () => {
  const started = await startJourneyAs({
    contoso: { user: 'owner@contoso.example', org: 'contoso-cloud' },
    northwind: { user: 'nora@northwind.example', org: 'northwind-msp' },
  });
  journey = started;
  ({ contoso, northwind } = started.api);
  contosoId = (await contoso.GET('/api/v1/organization')).data!.id;
  northwindId = (await northwind.GET('/api/v1/organization')).data!.id;
  // The partner's side: its accounts, shared with Contoso at overlapping records.
  await importThroughApi(northwind, northwindCsv, 'northwind-accounts.csv');
  await shareAll(northwind, contosoId, 'overlap');
}, 120_000);

afterAll(() => journey?.close());

describe('account mapping', () => {
  test('a vendor uploads its accounts, maps the columns, sees the import finish, and drills into the overlap with a partner', async () => {
    const page = await signInAs(journey, 'owner@contoso.example');
    await screenshotOnFailure(page, 'accounts-import', async () => {
      await page.goto(`${journey.baseUrl}/accounts/imports`);
      await page.getByTestId('account-file').setInputFiles({
        name: 'contoso-accounts.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(contosoCsv),
      });
      // The mapping step: detected from the headers, with a preview of normalized rows.
      await visible(page.getByText('Detected a Salesforce Account export'));
      const preview = await visible(page.getByRole('table', { name: 'Preview' }));
      await visible(preview.getByText(domain(1), { exact: true }));
      await page.getByRole('checkbox', { name: 'Remove accounts missing from this file' }).check();
      await page.getByRole('button', { name: 'Start import' }).click();
      // Progress until done, then the result.
      await visible(page.getByRole('region', { name: 'Import progress' }));
      await expect
        .poll(() => page.getByTestId('import-status').textContent(), { timeout: 60_000 })
        .toBe('Done');
      const result = page.getByLabel('Result');
      await visible(result.getByText('30', { exact: true }));
    });

    // Contoso's side of the sharing, through the sharing grid.
    const sharer = await signInAs(journey, 'owner@contoso.example');
    await screenshotOnFailure(sharer, 'accounts-sharing', async () => {
      await sharer.goto(`${journey.baseUrl}/accounts/sharing?partnerId=${northwindId}`);
      const mine = await visible(sharer.getByRole('table', { name: 'Your sharing' }));
      // Customers at overlapping records, the rest hidden (whatever the demo set before).
      const level = async (population: string, label: string) =>
        mine.getByRole('row').filter({ hasText: population }).getByText(label, { exact: true }).click();
      await level('Customers', 'Records');
      await level('Prospects', 'Hidden');
      await level('Open opportunities', 'Hidden');
      await sharer.getByRole('button', { name: 'Save sharing' }).click();
      await visible(sharer.getByText('Sharing with Northwind MSP saved.'));
      // What Northwind shares shows beside it, read-only.
      await visible(sharer.getByRole('table', { name: "Northwind MSP's sharing" }).getByText('Customers'));
    });

    const viewer = await signInAs(journey, 'owner@contoso.example');
    await screenshotOnFailure(viewer, 'accounts-matrix', async () => {
      await viewer.goto(`${journey.baseUrl}/accounts/matrix?partnerId=${northwindId}`);
      const cell = await visible(
        viewer.getByRole('button', {
          name: `Customers × Customers: ${overlappingCustomers.length} accounts`,
        }),
      );
      // Prospects are hidden on Contoso's side: locked.
      await visible(viewer.getByLabel('Prospects × Customers: not shared'));
      await cell.click();
      const list = await visible(viewer.getByRole('table', { name: 'Accounts in common' }));
      for (const n of overlappingCustomers.slice(0, 3)) {
        const row = await visible(
          list
            .getByRole('row')
            .filter({ hasText: company(n) })
            .first(),
        );
        await expect(row.textContent()).resolves.toContain(`${company(n)} AB`);
        await expect(row.textContent()).resolves.toContain(domain(n));
      }
      await expect(list.getByRole('row').filter({ hasText: 'Journey Mapping' }).count()).resolves.toBe(
        overlappingCustomers.length,
      );
      await visible(viewer.getByRole('link', { name: 'Export CSV' }));
    });
  });
});
