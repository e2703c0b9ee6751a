import { afterAll, beforeAll, expect, test } from 'vitest';
import { type CockpitFixture, cockpitFixture } from '../server/modules/cockpit/cockpit.fixtures.ts';
import { createTestApp, type TestApp } from '../server/test/harness.ts';
import { showCockpit } from './cockpit.ts';
import { cliClientFor } from './testing.ts';

let h: TestApp;
let f: CockpitFixture;

beforeAll(async () => {
  h = await createTestApp();
  f = await cockpitFixture(h);
});
afterAll(() => h?.close());

test('mycelium cockpit: KPIs, the monthly trend and the roll-up through the API client', async () => {
  const lines = await showCockpit(cliClientFor(h, f.cpo), { from: '2025-01-01', to: '2025-06-30' });
  expect(lines[0]).toBe('Cockpit 2025-01-01 to 2025-06-30 (whole organization, EUR)');
  expect(lines).toContain('Partner-sourced\t€20,000.00\t3 deals');
  expect(lines).toContain('Win rate\tpartners 66.7 %\tdirect 50.0 %');
  expect(lines).toContain('2025-04\t€4,000.00\t€0.00\t€0.00\t100.0 %\t4\t1\t1');
  expect(lines).toContain('Anna AM\t2\t€10,000.00\t€8,000.00\t2\t66.7 %');
  const anna = await showCockpit(cliClientFor(h, f.anna), {
    from: '2025-01-01',
    to: '2025-06-30',
    region: '154',
  });
  expect(anna[0]).toContain('your portfolio');
  expect(anna).toContain('Partner-sourced\t€10,000.00\t1 deals');
});

test('mycelium cockpit --csv prints the export; bad input is the API’s 400', async () => {
  const [csv] = await showCockpit(cliClientFor(h, f.cpo), {
    from: '2025-01-01',
    to: '2025-06-30',
    csv: true,
  });
  expect(csv!.split('\n')[0]).toBe('section,metric,month,value,unit');
  expect(csv).toContain("top_partner,'=Calc Partners,,6000.00,EUR");
  await expect(showCockpit(cliClientFor(h, f.cpo), { from: '2025-06-30', to: '2025-01-01' })).rejects.toThrow(
    /starts after it ends/,
  );
});
