import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createOrg, type TestMember } from '../server/test/factories.ts';
import { createTestApp, type TestApp } from '../server/test/harness.ts';
import { importOrganizationsCsv } from './import.ts';
import { UsageError } from './operator.ts';

let h: TestApp;
let member: TestMember;
let dir: string;
beforeAll(async () => {
  h = await createTestApp();
  member = await createOrg(h, 'Importer Partners');
  dir = mkdtempSync(path.join(os.tmpdir(), 'mycelium-import-'));
});
afterAll(async () => {
  await h?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

let files = 0;
function csv(...lines: string[]): string {
  const file = path.join(dir, `orgs-${files++}.csv`);
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

const HEADER =
  'name,domain,description,hq_country,countries,languages,size_band,founded_year,roles,industries,technologies,practices,certifications,services,listed';

const organizations = async () =>
  Number((await h.ctx.database.executeSql('SELECT count(*) AS n FROM organization')).rows[0]!.n);

describe('mycelium import orgs', () => {
  test('a valid file is imported in full and its organizations are searchable', async () => {
    const file = csv(
      HEADER,
      'Fjordvakt Security,https://www.fjordvakt.no/about,"Managed SOC for Norwegian municipalities, 24/7.",no,NO;SE,nb;en,11-50,2015,msp;reseller,92;62,microsoft-security;sentinelone,security-operations,iso-27001,24/7 SOC;Incident response,yes',
      'Bodensee Cloud,bodensee-cloud.de,,DE,DE;AT;CH,de,1-10,,systems-integrator,,azure,,,Azure landing zones,',
      'Quiet Partners,quietpartners.com,,US,,,,,referral-partner,,,,,,no',
    );
    const before = await organizations();
    const dry = await importOrganizationsCsv(h.ctx, file, { dryRun: true });
    expect(dry).toEqual({ rows: 3, imported: 0, errors: [], dryRun: true });
    expect(await organizations()).toBe(before);

    const result = await importOrganizationsCsv(h.ctx, file);
    expect(result).toEqual({ rows: 3, imported: 3, errors: [], dryRun: false });
    expect(await organizations()).toBe(before + 3);

    const found = await h.as(member.token).get('/api/v1/directory?q=fjordvakt');
    expect(found.status).toBe(200);
    expect(found.body.data).toHaveLength(1);
    expect(found.body.data[0]).toMatchObject({
      name: 'Fjordvakt Security',
      domain: 'fjordvakt.no',
      hqCountry: 'NO',
    });
    const profile = await h.as(member.token).get(`/api/v1/directory/${found.body.data[0].id}`);
    expect(profile.body).toMatchObject({
      countries: ['NO', 'SE'],
      languages: ['nb', 'en'],
      foundedYear: 2015,
      roles: ['msp', 'reseller'],
      services: ['24/7 SOC', 'Incident response'],
      source: 'imported',
      claimable: true,
    });
    const bySector = await h.as(member.token).get('/api/v1/directory?q=azure&country=AT');
    expect(bySector.body.data.map((o: { name: string }) => o.name)).toContain('Bodensee Cloud');
    const unlisted = await h.as(member.token).get('/api/v1/directory?q=quiet');
    expect(unlisted.body.data).toHaveLength(0);
  });

  test('one bad row (unknown country, invalid domain) imports nothing and names the line', async () => {
    const file = csv(
      'name,domain,hq_country,founded_year,listed',
      'Good One,goodone.example.com,SE,2001,yes',
      'Bad Country,badcountry.com,XX,2001,yes',
      'Bad Domain,not a domain,SE,year,maybe',
    );
    const before = await organizations();
    const result = await importOrganizationsCsv(h.ctx, file);
    expect(result.imported).toBe(0);
    expect(result.errors).toEqual([
      'line 3: hq_country: Unknown country',
      'line 4: founded_year: "year" is not a year',
      'line 4: listed: use yes or no (or true or false), not "maybe"',
      'line 4: domain: "not a domain" is not a valid public web domain',
    ]);
    expect(await organizations()).toBe(before);
  });

  test('a domain twice in the file, or already in the directory, is an error on its line', async () => {
    const file = csv(
      'name,domain',
      'First,twice.com',
      'Second,https://www.twice.com',
      'Existing,fjordvakt.no',
      '"Multi',
      'line name",multiline.com',
      'Also existing,www.FJORDVAKT.no',
    );
    const result = await importOrganizationsCsv(h.ctx, file);
    expect(result.errors).toEqual([
      'line 3: domain: twice.com is also on line 2',
      'line 4: domain: fjordvakt.no is already in the directory',
      'line 7: domain: fjordvakt.no is also on line 4',
    ]);
    expect(result.imported).toBe(0);
  });

  test('files that are not import files are usage errors', async () => {
    await expect(importOrganizationsCsv(h.ctx, csv('name,domain,website', 'A,a.com,x'))).rejects.toThrow(
      /unknown column "website"; the columns are name, domain, description, hq_country/,
    );
    await expect(importOrganizationsCsv(h.ctx, csv('name,description', 'A,x'))).rejects.toThrow(UsageError);
    await expect(importOrganizationsCsv(h.ctx, csv('name,domain'))).rejects.toThrow(/no rows/);
    const ragged = await importOrganizationsCsv(h.ctx, csv('name,domain', 'A,a.com', 'B,b.com,extra'));
    expect(ragged.errors).toEqual([expect.stringMatching(/^line 3: Invalid Record Length/)]);
  });

  test('more than 50,000 rows is refused before anything is written', async () => {
    const rows = Array.from({ length: 50_001 }, (_, i) => `Org ${i},org${i}.com`);
    await expect(
      importOrganizationsCsv(h.ctx, csv('name,domain', ...rows), { dryRun: true }),
    ).rejects.toThrow(/more than 50,000 rows/);
  });
});
