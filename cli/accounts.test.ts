import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rowsOf } from '../server/db/client.ts';
import { createOrg, type TestMember } from '../server/test/factories.ts';
import { createTestApp, type TestApp } from '../server/test/harness.ts';
import { importAccountsFromCli, parseMappingOption, progressLine, summaryLines } from './accounts.ts';
import { UsageError } from './operator.ts';

let h: TestApp;
let org: TestMember;
let dir: string;
beforeAll(async () => {
  h = await createTestApp();
  org = await createOrg(h, 'CLI Accounts Co');
  dir = mkdtempSync(path.join(os.tmpdir(), 'mycelium-accounts-'));
});
afterAll(async () => {
  await h?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

let files = 0;
function csv(text: string): string {
  const file = path.join(dir, `accounts-${files++}.csv`);
  writeFileSync(file, text);
  return file;
}

function output() {
  const printed: string[] = [];
  const progress: string[] = [];
  return {
    printed,
    progress,
    out: { print: (l: string) => printed.push(l), progress: (l: string) => progress.push(l) },
  };
}

const accounts = async () =>
  rowsOf<{ external_id: string; name: string; domain: string | null }>(
    await h.ctx.db.execute(
      sql`SELECT external_id, name, domain FROM crm_account WHERE organization_id = ${org.orgId} ORDER BY external_id`,
    ),
  );

describe('mycelium accounts import', () => {
  test('a HubSpot export is imported from disk with progress, totals and an error report beside the file', async () => {
    const lines = ['Record ID,Company name,Company Domain Name,Country/Region,Lifecycle Stage'];
    for (let i = 0; i < 6_000; i++) lines.push(`${i + 1},Company ${i},company${i}.com,Sweden,customer`);
    lines.push(',No id,none.com,Sweden,lead');
    const file = csv(`${lines.join('\n')}\n`);
    const { printed, progress, out } = output();
    const result = await importAccountsFromCli(
      h.ctx,
      file,
      { org: 'CLI Accounts Co', progressEvery: 2_000 },
      out,
    );
    expect(result.import).toMatchObject({ status: 'done', rowsRead: 6_001, inserted: 6_000, errorRows: 1 });
    expect(printed[0]).toMatch(
      /^Reading accounts-\d+\.csv \(hubspot, utf-8\): id=Record ID, name=Company name, domain=Company Domain Name, country=Country\/Region, stage=Lifecycle Stage$/,
    );
    expect(progress).toHaveLength(4);
    expect(progress[0]).toMatch(/^\[#+\.+\] \d+% 2,000 of ~\d,\d{3} rows, [\d,]+ rows\/s$/);
    expect(progress.at(-1)).toMatch(/^\[#{24}\] 100% 6,001 of ~6,001 rows/);
    expect(result.report).toBe(file.replace(/\.csv$/, '.errors.csv'));
    expect(readFileSync(result.report!, 'utf8')).toBe(
      'row,message,raw\n6002,"The account id (column ""Record ID"") is empty",",No id,none.com,Sweden,lead"\n',
    );
    expect(summaryLines(result)).toEqual([
      'Imported 6,001 rows: 6,000 new, 0 updated, 0 unchanged, 0 removed, 1 refused.',
      `Refused rows and why: ${result.report}`,
    ]);
    expect((await accounts()).length).toBe(6_000);
  });

  test('--mapping overrides the detected columns; --remove-missing removes the rest', async () => {
    const file = csv(
      'Acct No,Company,Web,Notes\nX1,Alpha AB,https://www.alpha.se,=cmd\nX2,Beta Oy,beta.fi,\n',
    );
    const { out } = output();
    await expect(importAccountsFromCli(h.ctx, file, { org: 'CLI Accounts Co' }, out)).rejects.toThrow(
      /Choose the column that holds the CRM's account id.*the columns are Acct No, Company, Web, Notes/,
    );
    const result = await importAccountsFromCli(
      h.ctx,
      file,
      { org: 'CLI Accounts Co', mapping: 'Acct No=externalId, Notes=ignore', removeMissing: true },
      out,
    );
    expect(result.import).toMatchObject({ status: 'done', inserted: 2, removed: 6_000, errorRows: 0 });
    expect(result.report).toBeNull();
    expect(await accounts()).toEqual([
      { external_id: 'X1', name: 'Alpha AB', domain: 'alpha.se' },
      { external_id: 'X2', name: 'Beta Oy', domain: 'beta.fi' },
    ]);
  });

  test('a file that cannot be read fails with its reason and imports nothing', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `Y${i},Name ${i}`);
    rows.push('Y-open,"never closed');
    const { out } = output();
    const result = await importAccountsFromCli(
      h.ctx,
      csv(`id,name\n${rows.join('\n')}\n`),
      { org: 'CLI Accounts Co' },
      out,
    );
    expect(result.import.status).toBe('failed');
    expect(summaryLines(result)).toEqual([
      expect.stringMatching(/^Import failed: Row 3002 opens a quote that is never closed/),
      'Nothing was imported.',
    ]);
    expect((await accounts()).map((a) => a.external_id)).toEqual(['X1', 'X2']);
  });

  test('usage errors name the problem', async () => {
    const { out } = output();
    const good = csv('id,name\n1,A\n');
    await expect(
      importAccountsFromCli(h.ctx, path.join(dir, 'missing.csv'), { org: 'CLI Accounts Co' }, out),
    ).rejects.toThrow(/No file/);
    await expect(importAccountsFromCli(h.ctx, good, { org: 'No Such Org' }, out)).rejects.toThrow(UsageError);
    await expect(
      importAccountsFromCli(h.ctx, good, { org: 'CLI Accounts Co', mapping: 'Nope=name' }, out),
    ).rejects.toThrow(/no column "Nope"; its columns are id, name/);
    const other = await createOrg(h, 'Not A Partner');
    await expect(
      importAccountsFromCli(h.ctx, good, { org: 'CLI Accounts Co', subject: 'Not A Partner' }, out),
    ).rejects.toThrow(/--subject: Import lists only for yourself or for an offline partner/);
    expect(other.orgId).toBeTruthy();
    const png = path.join(dir, 'image.csv');
    writeFileSync(png, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]));
    await expect(importAccountsFromCli(h.ctx, png, { org: 'CLI Accounts Co' }, out)).rejects.toThrow(
      /PNG image/,
    );
    expect(() => parseMappingOption('a=b,broken')).toThrow(/column=field/);
    expect(parseMappingOption('Score = A=B=segment')).toEqual([['Score = A=B', 'segment']]);
  });

  test('the progress line without an estimate shows rows and rate', () => {
    expect(progressLine({ rowsRead: 1234, estimatedRows: null, elapsedMs: 2000 })).toBe(
      '1,234 rows, 617 rows/s',
    );
  });
});
