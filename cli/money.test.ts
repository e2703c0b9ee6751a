import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { wonRegistration } from '../server/modules/ledger/ledger.fixtures.ts';
import { createOrg, partnerUp, type TestMember } from '../server/test/factories.ts';
import { createTestApp, type TestApp } from '../server/test/harness.ts';
import { enrollIn } from '../server/test/programs-factories.ts';
import { importFxRates, listPayouts, listPrograms, runPayout, showEarnings } from './money.ts';
import { UsageError } from './operator.ts';
import { cliClientFor } from './testing.ts';

let h: TestApp;
let vendor: TestMember;
let partner: TestMember;
const today = new Date().toISOString().slice(0, 10);

beforeAll(async () => {
  h = await createTestApp();
  vendor = await createOrg(h, 'CLI Money Vendor');
  partner = await createOrg(h, 'CLI Money Partner');
  await partnerUp(h, partner, vendor, ['resells']);
  await enrollIn(h, vendor, partner, {
    holdingDays: 0,
    rules: [{ kind: 'percentage', event: 'deal_won', rateBp: 1000 }],
  });
});
afterAll(() => h?.close());

test('mycelium programs, earnings and payouts: a won deal is payable, a payout run pays it', async () => {
  const [program] = await listPrograms(cliClientFor(h, vendor), {});
  expect(program).toMatch(/\tPublished|\tpublished/);
  expect(await listPrograms(cliClientFor(h, partner), {})).toBe('No programs yet: create one in the app.');
  expect(await showEarnings(cliClientFor(h, partner), {})).toBe('No earnings yet.');

  await wonRegistration(h, partner, vendor, { amountMinor: 1_234_500 });
  const [header, line] = (await showEarnings(cliClientFor(h, partner), {})) as string[];
  expect(header).toBe('vendor\tcurrency\tpending\tpayable\tin payout\tpaid');
  expect(line).toBe('CLI Money Vendor\tEUR\t€0.00\t€1,234.50\t€0.00\t€0.00');

  expect(await runPayout(cliClientFor(h, vendor), { from: today, to: today })).toMatch(
    /^Payout .+: 1 statement\(s\), €1,234\.50\.$/,
  );
  const [payout] = (await listPayouts(cliClientFor(h, vendor))) as string[];
  expect(payout).toContain(`${today}..${today}\t1 statements\t€1,234.50\topen 1, paid 0, failed 0`);
  // The same period again pays nothing twice: the API's refusal reaches the CLI as an error.
  await expect(runPayout(cliClientFor(h, vendor), { from: today, to: today })).rejects.toThrow(/already run/);
});

test('mycelium fx import: rates from a CSV file; a bad row stores nothing', async () => {
  const dir = os.tmpdir();
  const good = path.join(dir, `fx-good-${process.pid}.csv`);
  writeFileSync(good, 'base,quote,date,rate\nEUR,SEK,2026-01-01,11.42\nEUR,USD,2026-01-01,1.09\n');
  expect(await importFxRates(cliClientFor(h, vendor), good)).toBe('2 rate(s) imported: 2 new, 0 replaced.');
  const bad = path.join(dir, `fx-bad-${process.pid}.csv`);
  writeFileSync(bad, 'base,quote,date,rate\nEUR,SEK,2026-02-01,11.5\nEUR,XXX,2026-02-01,abc\n');
  await expect(importFxRates(cliClientFor(h, vendor), bad)).rejects.toThrow();
  const { body } = await h.as(vendor.token).get('/api/v1/fx-rates?limit=50');
  expect(body.data).toHaveLength(2);
  await expect(importFxRates(cliClientFor(h, vendor), path.join(dir, 'no-such-file.csv'))).rejects.toThrow(
    UsageError,
  );
});
