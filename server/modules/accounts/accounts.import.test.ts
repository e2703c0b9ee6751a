import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rowsOf } from '../../db/client.ts';
import { tenantScope } from '../../db/tenant.ts';
import type { MemberActor } from '../../http/actor.ts';
import { addMember, createOrg, partnerUp, type TestMember } from '../../test/factories.ts';
import { createTestApp, send, type TestApp } from '../../test/harness.ts';
import { runImport } from './accounts.import.run.ts';
import { uploadImport } from './accounts.import.ts';

let h: TestApp;
let owner: TestMember;
let hostile: TestMember;
let plainMember: TestMember;
let sales: TestMember;

beforeAll(async () => {
  h = await createTestApp();
  owner = await createOrg(h, 'Importing Co');
  hostile = await createOrg(h, 'Hostile Importer');
  plainMember = await addMember(h, owner.orgId, 'member');
  sales = await addMember(h, owner.orgId, 'sales');
});
afterAll(() => h?.close());

const actorOf = (m: TestMember): MemberActor => ({
  userId: m.userId,
  email: m.email,
  emailVerified: true,
  name: 'Owner',
  via: 'token',
  requestId: 'test',
  scope: tenantScope(m.orgId),
  orgId: m.orgId,
  orgName: 'Importing Co',
  memberId: m.memberId,
  role: 'owner',
});

const upload = (
  who: TestMember,
  body: string | Buffer | Readable,
  query = '',
  headers: Record<string, string> = {},
) =>
  send(h.app, {
    method: 'POST',
    url: `/api/v1/accounts/imports?fileName=accounts.csv${query}`,
    headers: { authorization: `Bearer ${who.token}`, 'content-type': 'text/csv', ...headers },
    payload: body,
  });

/** Uploads, starts and runs an import (the job, in this process); returns the finished import. */
async function importCsv(
  who: TestMember,
  body: string | Buffer,
  start: { removeMissing?: boolean; mapping?: object } = {},
  query = '',
) {
  const uploaded = await upload(who, body, query);
  expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
  const started = await h.as(who.token).post(`/api/v1/accounts/imports/${uploaded.body.id}/start`, start);
  expect(started.status, JSON.stringify(started.body)).toBe(200);
  expect(started.body.status).toBe('queued');
  await runImport(h.ctx, uploaded.body.id);
  const done = await h.as(who.token).get(`/api/v1/accounts/imports/${uploaded.body.id}`);
  return done.body;
}

const query = async <T>(q: ReturnType<typeof sql>) => rowsOf<T>(await h.ctx.db.execute(q));

const accountsOf = (orgId: string, subjectId = orgId) =>
  query<{
    external_id: string;
    name: string;
    domain: string | null;
    country: string | null;
    match_key: string | null;
    status: string | null;
    fields: Record<string, string>;
  }>(
    sql`SELECT a.external_id, a.name, a.domain, a.country, a.match_key, a.status, a.fields
          FROM crm_account a JOIN account_set s ON s.id = a.set_id
         WHERE s.organization_id = ${orgId} AND s.subject_id = ${subjectId}
         ORDER BY a.external_id`,
  );

const storedImports = async (orgId: string) =>
  Number(
    (
      await query<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM account_import WHERE organization_id = ${orgId}`,
      )
    )[0]!.n,
  );
const storedChunks = async () =>
  Number((await query<{ n: number }>(sql`SELECT count(*)::int AS n FROM account_import_chunk`))[0]!.n);

const SALESFORCE = [
  'Account ID,Account Name,Account Owner,Type,Industry,Website,Billing Country',
  '001A,Acme Corporation,Ann,Customer,Manufacturing,https://www.acme.co.uk/about,United Kingdom',
  '001B,Globex GmbH,Bob,Prospect,Energy,globex.de,DEU',
  '001C,Initech,Ann,Customer - Direct,Software,,US',
  '001D,"Umbrella, Inc.",Cid,Prospect,Pharma,http://shop.umbrella.com.au,australia',
].join('\n');

describe('upload and preview', () => {
  test('a Salesforce export is recognized, mapped and previewed with normalized values', async () => {
    const res = await upload(owner, SALESFORCE);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      status: 'uploaded',
      fileName: 'accounts.csv',
      subject: { id: owner.orgId, name: 'Importing Co' },
      source: 'salesforce',
      encoding: 'utf-8',
      delimiter: ',',
      columns: [
        'Account ID',
        'Account Name',
        'Account Owner',
        'Type',
        'Industry',
        'Website',
        'Billing Country',
      ],
      mapping: {
        externalId: 'Account ID',
        name: 'Account Name',
        website: 'Website',
        country: 'Billing Country',
        status: 'Type',
        fields: { account_owner: 'Account Owner', industry: 'Industry' },
      },
      rowsRead: 0,
    });
    expect(res.body.preview).toHaveLength(4);
    expect(res.body.preview[0]).toMatchObject({
      row: 2,
      error: null,
      account: {
        externalId: '001A',
        domain: 'acme.co.uk',
        domainKey: 'acme',
        country: 'GB',
        status: 'Customer',
      },
    });
    expect(res.body.preview[3].account).toMatchObject({
      name: 'Umbrella, Inc.',
      domain: 'umbrella.com.au',
      country: 'AU',
    });

    const again = await h.as(owner.token).post(`/api/v1/accounts/imports/${res.body.id}/preview`, {
      mapping: { ...res.body.mapping, website: null },
    });
    expect(again.status).toBe(200);
    expect(again.body.rows[0].account.domain).toBeNull();

    const listed = await h.as(sales.token).get('/api/v1/accounts/imports');
    expect(listed.status).toBe(200);
    expect(listed.body.data.map((i: { id: string }) => i.id)).toContain(res.body.id);

    const discarded = await h.as(owner.token).delete(`/api/v1/accounts/imports/${res.body.id}`);
    expect(discarded.status).toBe(204);
    expect((await h.as(owner.token).get(`/api/v1/accounts/imports/${res.body.id}`)).status).toBe(404);
  });

  test('a mapping without a name, or with a column the file lacks, is refused at start', async () => {
    const res = await upload(owner, 'id,name,domain\n1,A,a.com\n');
    const url = `/api/v1/accounts/imports/${res.body.id}/start`;
    const noName = await h.as(owner.token).post(url, { mapping: { externalId: 'id', domain: 'domain' } });
    expect(noName.status).toBe(400);
    expect(noName.body.error.details.issues.map((i: { path: string }) => i.path)).toEqual(['mapping.name']);
    const unknown = await h.as(owner.token).post(url, { mapping: { externalId: 'id', name: 'Name' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/no column "Name"/);
    await h.as(owner.token).delete(`/api/v1/accounts/imports/${res.body.id}`);
  });
});

describe('bad input', () => {
  test('files that are not CSV are refused with 400 and nothing is stored', async () => {
    const before = await storedImports(owner.orgId);
    const png = Buffer.from([
      0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52,
    ]);
    const image = await upload(owner, png, '', { 'content-type': 'application/octet-stream' });
    expect(image.status).toBe(400);
    expect(image.body.error.message).toMatch(/PNG image, not a CSV file/);
    const zip = await upload(owner, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0, 0, 0]));
    expect(zip.body.error.message).toMatch(/Excel .xlsx/);
    const oneColumn = await upload(owner, 'just some text\nand more text\n');
    expect(oneColumn.status).toBe(400);
    expect(oneColumn.body.error.message).toMatch(/single column/);
    const empty = await upload(owner, '');
    expect(empty.status).toBe(400);
    expect(empty.body.error.message).toMatch(/empty/);
    const json = await send(h.app, {
      method: 'POST',
      url: '/api/v1/accounts/imports',
      headers: { authorization: `Bearer ${owner.token}`, 'content-type': 'image/png' },
      payload: png,
    });
    expect(json.status).toBe(415);
    expect(await storedImports(owner.orgId)).toBe(before);
  });

  test('a 2 GB file is refused by its size with a clear message and nothing is stored', async () => {
    const before = await storedImports(owner.orgId);
    const chunks = await storedChunks();
    const res = await upload(owner, Readable.from([Buffer.from('id,name\n1,A\n')]), '', {
      'content-length': String(2 * 1024 ** 3),
    });
    expect(res.status).toBe(413);
    expect(res.body.error).toEqual({
      code: 'payload_too_large',
      message:
        'The file is 2.0 GB; the limit is 512 MB — split it or import it with the CLI (mycelium accounts import)',
    });
    expect(await storedImports(owner.orgId)).toBe(before);
    expect(await storedChunks()).toBe(chunks);
  });

  test('a body that grows past the limit while streaming is cut off and nothing stays stored', async () => {
    const before = await storedImports(owner.orgId);
    const chunks = await storedChunks();
    const piece = Buffer.from('id,name\n'.padEnd(512 * 1024, 'x'));
    const body = Readable.from(Array.from({ length: 8 }, () => piece));
    const error = await uploadImport(
      h.ctx,
      actorOf(owner),
      { fileName: 'big.csv', maxBytes: 3 * 1024 ** 2 },
      body,
    ).catch((e) => e);
    expect(error.code).toBe('payload_too_large');
    expect(error.message).toMatch(/^The file is larger than 3 MB; the limit is 3 MB/);
    expect(await storedImports(owner.orgId)).toBe(before);
    expect(await storedChunks()).toBe(chunks);
  });

  test('Latin-1 and UTF-8 with BOM are read correctly', async () => {
    const latin1 = Buffer.from(
      'id,name,country\nL1,Caf\xe9 de Fl\xf8re AB,Su\xe8de\nL2,Cr\xe8me S.A.,France\n',
      'latin1',
    );
    const first = await importCsv(owner, latin1);
    expect(first).toMatchObject({ status: 'done', encoding: 'windows-1252', inserted: 2, errorRows: 0 });
    const bom = await importCsv(
      owner,
      `\uFEFFid,name,country\nL1,Café de Fløre AB,SE\nL2,Crème S.A.,France\n`,
    );
    expect(bom).toMatchObject({
      status: 'done',
      encoding: 'utf-8-bom',
      inserted: 0,
      unchanged: 1,
      updated: 1,
    });
    const rows = (await accountsOf(owner.orgId)).filter((a) => a.external_id.startsWith('L'));
    expect(rows.map((a) => [a.name, a.country])).toEqual([
      ['Café de Fløre AB', 'SE'],
      ['Crème S.A.', 'FR'],
    ]);
  });

  test('ragged rows, missing values and duplicate ids are row errors; the rest is imported', async () => {
    const file = [
      'id,name,domain,country',
      'R1,Ragged One,r1.com,SE',
      'R2,Too Few,r2.com',
      'R3,Too,Many,Cells,Here',
      ',No Id,noid.com,SE',
      'R4,,r4.com,SE',
      'R1,Duplicate of R1,dup.com,SE',
      'R5,"=HYPERLINK(""http://evil.example"",""click"")",r5.com,SE',
      'R6,Fine AB,r6.se,SE',
    ].join('\n');
    const done = await importCsv(owner, file);
    expect(done).toMatchObject({ status: 'done', rowsRead: 8, inserted: 3, errorRows: 5 });
    const imported = (await accountsOf(owner.orgId)).filter((a) => a.external_id.startsWith('R'));
    expect(imported.map((a) => [a.external_id, a.name])).toEqual([
      ['R1', 'Ragged One'],
      ['R5', '=HYPERLINK("http://evil.example","click")'],
      ['R6', 'Fine AB'],
    ]);

    const report = await h.app.inject({
      method: 'GET',
      url: `/api/v1/accounts/imports/${done.id}/errors.csv`,
      headers: { authorization: `Bearer ${owner.token}` },
    });
    expect(report.statusCode).toBe(200);
    expect(report.headers['content-type']).toMatch(/text\/csv/);
    expect(report.body.trim().split('\n')).toEqual([
      'row,message,raw',
      '3,"Expected 4 columns, got 3","R2,Too Few,r2.com"',
      '4,"Expected 4 columns, got 5","R3,Too,Many,Cells,Here"',
      '5,"The account id (column ""id"") is empty",",No Id,noid.com,SE"',
      '6,"The name (column ""name"") is empty","R4,,r4.com,SE"',
      '7,"The account id ""R1"" is also on row 2; the first row with it is imported",',
    ]);
  });

  test('formula cells in the error report are neutralized', async () => {
    const done = await importCsv(owner, 'id,name,x\nF1,"=1+2",a\n=cmd,@SUM(A1),b\n');
    expect(done.errorRows).toBe(0);
    const bad = await importCsv(owner, 'id,name\n=HYPERLINK(1),\n');
    const report = await h.app.inject({
      method: 'GET',
      url: `/api/v1/accounts/imports/${bad.id}/errors.csv`,
      headers: { authorization: `Bearer ${owner.token}` },
    });
    expect(report.body.trim().split('\n')[1]).toBe(
      '2,"The name (column ""name"") is empty","\'=HYPERLINK(1),"',
    );
  });

  test('a quote left open fails the import with its row, and nothing is imported', async () => {
    const before = await accountsOf(owner.orgId);
    // Far enough into the file that the upload's preview does not reach it.
    const rows = Array.from({ length: 3000 }, (_, i) => `Q${i},Quoted ${i},q${i}.com`);
    rows.splice(2900, 0, 'Q-open,"Never closed,q-open.com');
    const done = await importCsv(owner, ['id,name,domain', ...rows].join('\n'));
    expect(done.status).toBe('failed');
    expect(done.failure).toMatch(/^Row 2902 opens a quote that is never closed/);
    expect(done).toMatchObject({ inserted: 0, updated: 0, errorRows: 0 });
    expect(await accountsOf(owner.orgId)).toEqual(before);
    expect(
      Number(
        (
          await query<{ n: number }>(
            sql`SELECT count(*)::int AS n FROM account_import_chunk WHERE import_id = ${done.id}`,
          )
        )[0]!.n,
      ),
    ).toBe(0);
    expect(
      Number(
        (
          await query<{ n: number }>(
            sql`SELECT count(*)::int AS n FROM account_import_staging WHERE import_id = ${done.id}`,
          )
        )[0]!.n,
      ),
    ).toBe(0);
  });

  test('a quote left open within the preview rows is refused at upload', async () => {
    const res = await upload(owner, 'id,name\n1,"open\n2,b\n');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/Row 2 opens a quote that is never closed/);
  });
});

describe("a set's first import", () => {
  const keysOf = (orgId: string) =>
    query<{ bit: number; match_key: string; accounts: number }>(
      sql`SELECT k.bit, k.match_key, k.accounts FROM population_key k JOIN account_set s ON s.id = k.set_id
           WHERE s.organization_id = ${orgId} ORDER BY k.bit, k.match_key`,
    );
  const errorsOf = (importId: string) =>
    query<{ row: number; message: string }>(
      sql`SELECT row, message FROM account_import_error WHERE import_id = ${importId} ORDER BY row`,
    );

  test('duplicate ids across batches are refused with the first row; keys and name keys are built', async () => {
    const org = await createOrg(h, 'First Import Co');
    // More rows than one batch, so a repeat can come in a later batch than its first row.
    const rows = Array.from(
      { length: 10_500 },
      (_, i) => `F${i},Firm ${i},${i % 3 === 0 ? '' : `firm${i}.com`},SE,${i % 2 ? 'customer' : 'prospect'}`,
    );
    rows.push('F7,Repeat of F7,other.com,SE,customer', 'F10400,Repeat in batch,x.com,SE,customer');
    rows.push('F10400,Repeat again,y.com,SE,customer', ',No id,z.com,SE,customer');
    // F9 has no website (its row waits for its name key); a later row with its id is still refused.
    rows.push('F9,Repeat of a name-only row,z9.com,SE,customer');
    const done = await importCsv(org, ['id,name,website,country,status', ...rows].join('\n'));
    expect(done).toMatchObject({ status: 'done', rowsRead: 10_505, inserted: 10_500, errorRows: 5 });
    expect(await errorsOf(done.id)).toEqual([
      { row: 10_502, message: 'The account id "F7" is also on row 9; the first row with it is imported' },
      {
        row: 10_503,
        message: 'The account id "F10400" is also on row 10402; the first row with it is imported',
      },
      {
        row: 10_504,
        message: 'The account id "F10400" is also on row 10402; the first row with it is imported',
      },
      { row: 10_505, message: 'The account id (column "id") is empty' },
      { row: 10_506, message: 'The account id "F9" is also on row 11; the first row with it is imported' },
    ]);
    const accounts = await accountsOf(org.orgId);
    expect(accounts).toHaveLength(10_500);
    expect(accounts.find((a) => a.external_id === 'F7')).toMatchObject({
      name: 'Firm 7',
      match_key: 'd:firm7.com',
    });
    expect(accounts.find((a) => a.external_id === 'F9')).toMatchObject({
      name: 'Firm 9',
      domain: null,
      match_key: expect.stringMatching(/^n:SE:/),
    });
    expect(accounts.every((a) => a.match_key !== null)).toBe(true);
    // The population keys are what a rebuild from the accounts gives.
    const fresh = await query<{ bit: number; match_key: string; accounts: number }>(
      sql`SELECT p.bit, a.match_key, count(*)::int AS accounts
            FROM crm_account a JOIN account_set s ON s.id = a.set_id
            JOIN population p ON p.set_id = a.set_id AND (a.pop_bits >> p.bit) & 1 = 1
           WHERE s.organization_id = ${org.orgId}
           GROUP BY 1, 2 ORDER BY 1, 2`,
    );
    expect(fresh.length).toBeGreaterThan(10_000);
    expect(await keysOf(org.orgId)).toEqual(fresh);
    // A second import of the same file changes nothing.
    const again = await importCsv(org, ['id,name,website,country,status', ...rows].join('\n'));
    expect(again).toMatchObject({ status: 'done', inserted: 0, updated: 0, unchanged: 10_500 });
  });

  test('a failure late in a first import leaves the set empty; the next import works', async () => {
    const org = await createOrg(h, 'First Failure Co');
    const rows = Array.from({ length: 12_000 }, (_, i) => `G${i},Gadget ${i},g${i}.com`);
    rows.splice(11_900, 0, 'G-open,"Never closed,g-open.com');
    const failed = await importCsv(org, ['id,name,domain', ...rows].join('\n'));
    expect(failed.status).toBe('failed');
    expect(failed.failure).toMatch(/^Row 11902 opens a quote that is never closed/);
    expect(await accountsOf(org.orgId)).toEqual([]);
    expect(await keysOf(org.orgId)).toEqual([]);
    expect(await errorsOf(failed.id)).toEqual([]);
    const done = await importCsv(org, 'id,name,domain\nG1,Gadget One,g1.com\nG2,Gadget Two,\n');
    expect(done).toMatchObject({ status: 'done', inserted: 2, errorRows: 0 });
    expect((await accountsOf(org.orgId)).map((a) => a.match_key)).toEqual([
      'd:g1.com',
      expect.stringMatching(/^n:-:/),
    ]);
  });
});

describe('re-imports', () => {
  let org: TestMember;
  beforeAll(async () => {
    org = await createOrg(h, 'Reimport Co');
  });

  const FILE = [
    'id,name,website,country,status',
    'A1,Acme,https://www.acme.com,SE,customer',
    'A2,Acme Sverige,acme.com,SE,customer',
    'A3,Beta Ltd,https://beta.co.uk,UK,customer',
    'A4,Gamma Oy,,Finland,customer',
  ].join('\n');

  test('the same file twice: the second run changes nothing', async () => {
    const first = await importCsv(org, FILE);
    expect(first).toMatchObject({
      status: 'done',
      rowsRead: 4,
      inserted: 4,
      updated: 0,
      unchanged: 0,
      removed: 0,
    });
    const second = await importCsv(org, FILE);
    expect(second).toMatchObject({
      status: 'done',
      rowsRead: 4,
      inserted: 0,
      updated: 0,
      unchanged: 4,
      removed: 0,
    });
    const accounts = await accountsOf(org.orgId);
    expect(accounts.map((a) => [a.external_id, a.domain, a.country, a.match_key])).toEqual([
      ['A1', 'acme.com', 'SE', 'd:acme.com'],
      ['A2', 'acme.com', 'SE', 'd:acme.com'],
      ['A3', 'beta.co.uk', 'GB', 'd:beta.co.uk'],
      ['A4', null, 'FI', expect.stringMatching(/^n:FI:/)],
    ]);
  });

  test('duplicates inside one organization collapse to one key', async () => {
    const keys = await query<{ bit: number; accounts: number }>(
      sql`SELECT k.bit, k.accounts FROM population_key k JOIN account_set s ON s.id = k.set_id
           WHERE s.organization_id = ${org.orgId} AND k.match_key = 'd:acme.com' ORDER BY k.bit`,
    );
    // www.acme.com and acme.com are one company: one key among the customers, with both accounts.
    expect(keys).toEqual([{ bit: 0, accounts: 2 }]);
    const customers = await query<{ n: number }>(
      sql`SELECT count(*)::int AS n FROM population_key k JOIN account_set s ON s.id = k.set_id
           WHERE s.organization_id = ${org.orgId} AND k.bit = 0`,
    );
    expect(customers[0]!.n).toBe(3);
  });

  test('a changed row is updated by its external id; rerunning a finished import does nothing', async () => {
    const changed = FILE.replace(
      'A3,Beta Ltd,https://beta.co.uk,UK,customer',
      'A3,Beta Group Ltd,https://beta.co.uk,UK,prospect',
    );
    const done = await importCsv(org, changed);
    expect(done).toMatchObject({ inserted: 0, updated: 1, unchanged: 3 });
    expect((await accountsOf(org.orgId)).find((a) => a.external_id === 'A3')).toMatchObject({
      name: 'Beta Group Ltd',
      status: 'prospect',
    });
    expect(await runImport(h.ctx, done.id)).toBeUndefined();
    expect((await h.as(org.token).get(`/api/v1/accounts/imports/${done.id}`)).body).toEqual(done);
  });

  test('with removeMissing, accounts missing from the file are removed; without it they stay', async () => {
    const shorter = FILE.split('\n')
      .filter((l) => !l.startsWith('A2') && !l.startsWith('A4'))
      .join('\n');
    const kept = await importCsv(org, shorter);
    expect(kept).toMatchObject({ removed: 0 });
    expect(await accountsOf(org.orgId)).toHaveLength(4);
    const removed = await importCsv(org, shorter, { removeMissing: true });
    expect(removed).toMatchObject({ removed: 2, inserted: 0 });
    expect((await accountsOf(org.orgId)).map((a) => a.external_id)).toEqual(['A1', 'A3']);
    const keys = await query<{ bit: number; accounts: number }>(
      sql`SELECT k.bit, k.accounts FROM population_key k JOIN account_set s ON s.id = k.set_id
           WHERE s.organization_id = ${org.orgId} AND k.match_key = 'd:acme.com' ORDER BY k.bit`,
    );
    expect(keys).toEqual([{ bit: 0, accounts: 1 }]);
  });

  test('removeMissing with a file where no row is valid fails and removes nothing', async () => {
    const done = await importCsv(org, 'id,name\n,nobody\n', { removeMissing: true });
    expect(done.status).toBe('failed');
    expect(done.failure).toMatch(/no account was removed/);
    expect(await accountsOf(org.orgId)).toHaveLength(2);
  });
});

describe('offline partners and tenancy', () => {
  test('a list for an offline partner goes into its own set; an online partner is refused', async () => {
    const proposed = await h.as(owner.token).post('/api/v1/partnerships', {
      newPartner: { name: 'Offline Partner AB', domain: 'offline-partner.se' },
      types: ['resells'],
    });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    const offlineId = proposed.body.partner.id;
    const done = await importCsv(
      owner,
      'id,name,domain\nO1,Their Customer,their.com\n',
      {},
      `&subjectId=${offlineId}`,
    );
    expect(done).toMatchObject({
      status: 'done',
      inserted: 1,
      subject: { id: offlineId, name: 'Offline Partner AB' },
    });
    expect((await accountsOf(owner.orgId, offlineId)).map((a) => a.external_id)).toEqual(['O1']);

    const online = await createOrg(h, 'Online Partner');
    await partnerUp(h, owner, online);
    for (const subjectId of [online.orgId, hostile.orgId, 'no-such-org']) {
      const res = await upload(owner, 'id,name\n1,A\n', `&subjectId=${subjectId}`);
      expect(res.status).toBe(400);
      expect(res.body.error.details.issues[0].path).toBe('subjectId');
    }
  });

  test('another organization cannot see, preview, start, discard or download an import', async () => {
    const mine = await upload(owner, 'id,name\n1,A\n');
    const done = await importCsv(owner, 'id,name\n2,B\n');
    const as = h.as(hostile.token);
    expect((await as.get(`/api/v1/accounts/imports/${mine.body.id}`)).status).toBe(404);
    expect((await as.post(`/api/v1/accounts/imports/${mine.body.id}/preview`, {})).status).toBe(404);
    expect((await as.post(`/api/v1/accounts/imports/${mine.body.id}/start`, {})).status).toBe(404);
    expect((await as.delete(`/api/v1/accounts/imports/${mine.body.id}`)).status).toBe(404);
    expect((await as.get(`/api/v1/accounts/imports/${done.id}/errors.csv`)).status).toBe(404);
    const list = await as.get('/api/v1/accounts/imports');
    expect(list.body.data).toEqual([]);
    expect((await h.as(owner.token).get(`/api/v1/accounts/imports/${mine.body.id}`)).body.status).toBe(
      'uploaded',
    );
  });

  test('roles: a member cannot upload or read; sales reads but cannot import', async () => {
    const before = await storedImports(owner.orgId);
    expect((await upload(plainMember, 'id,name\n1,A\n')).status).toBe(403);
    expect((await h.as(plainMember.token).get('/api/v1/accounts/imports')).status).toBe(403);
    expect((await upload(sales, 'id,name\n1,A\n')).status).toBe(403);
    expect((await h.as(sales.token).get('/api/v1/accounts/imports')).status).toBe(200);
    expect(await storedImports(owner.orgId)).toBe(before);
    const mine = await upload(owner, 'id,name\n1,A\n');
    expect((await h.as(sales.token).post(`/api/v1/accounts/imports/${mine.body.id}/start`, {})).status).toBe(
      403,
    );
    expect((await h.as(sales.token).delete(`/api/v1/accounts/imports/${mine.body.id}`)).status).toBe(403);
  });

  test('only an uploaded import can be started or discarded', async () => {
    const done = await importCsv(owner, 'id,name\n3,C\n');
    expect((await h.as(owner.token).post(`/api/v1/accounts/imports/${done.id}/start`, {})).status).toBe(409);
    expect((await h.as(owner.token).delete(`/api/v1/accounts/imports/${done.id}`)).status).toBe(409);
  });
});

describe('the import job on a worker', () => {
  let w: TestApp;
  beforeAll(async () => {
    // The worker role runs accountImportJob (server/start.ts).
    w = await createTestApp({}, { worker: true });
  });
  afterAll(() => w?.close());

  test('a started import is run by the queue and its file is deleted', async () => {
    const me = await createOrg(w, 'Queued Co');
    const uploaded = await send(w.app, {
      method: 'POST',
      url: '/api/v1/accounts/imports?fileName=q.csv',
      headers: { authorization: `Bearer ${me.token}`, 'content-type': 'text/csv' },
      payload: 'id,name,domain\nQ1,Queued One,queued.example.com\n',
    });
    expect(uploaded.status).toBe(201);
    await w.as(me.token).post(`/api/v1/accounts/imports/${uploaded.body.id}/start`, {});
    let status = '';
    for (let i = 0; i < 100 && status !== 'done'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      status = (await w.as(me.token).get(`/api/v1/accounts/imports/${uploaded.body.id}`)).body.status;
    }
    expect(status).toBe('done');
    const chunks = rowsOf<{ n: number }>(
      await w.ctx.db.execute(
        sql`SELECT count(*)::int AS n FROM account_import_chunk WHERE import_id = ${uploaded.body.id}`,
      ),
    );
    expect(chunks[0]!.n).toBe(0);
  });
});
