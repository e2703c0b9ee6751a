import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rowsOf } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { crmAccount } from '../../db/schema/index.ts';
import { tenantScope } from '../../db/tenant.ts';
import { addMember, createOrg, type TestMember } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { companyNameKey } from '../deals/index.ts';
import { refreshKeys } from './accounts.keys.ts';
import { ensurePair } from './accounts.overlap.ts';
import { applyPopulationBit } from './accounts.populations.repo.ts';
import { matchesFilter, type PopulationFilter, standardBits } from './accounts.populations.rules.ts';
import { ensurePopulations, populationBitsOf } from './accounts.populations.ts';
import { getOrCreateSet } from './accounts.sets.ts';

const C = 1;
const P = 2;
const O = 4;

describe('standard population rules', () => {
  test.each([
    // Salesforce Account Type
    ['Customer - Direct', null, C],
    ['Customer - Channel', null, C],
    ['customer', null, C],
    ['Prospect', null, P],
    ['Channel Partner / Reseller', null, 0],
    ['Other', null, 0],
    // HubSpot lifecycle stages, as labels and as internal values
    ['Subscriber', null, P],
    ['lead', null, P],
    ['Marketing Qualified Lead', null, P],
    ['salesqualifiedlead', null, P],
    ['opportunity', null, P | O],
    ['Evangelist', null, C],
    // Salesforce opportunity stages
    [null, 'Prospecting', O],
    [null, 'Id. Decision Makers', O],
    [null, 'Proposal/Price Quote', O],
    [null, 'Negotiation/Review', O],
    [null, 'Closed Won', C],
    [null, 'Closed Lost', 0],
    // HubSpot deal stages
    [null, 'appointmentscheduled', O],
    [null, 'Decision Maker Bought-In', O],
    [null, 'closedwon', C],
    [null, 'closedlost', 0],
    // Any other stage is an open opportunity; customers with one are both
    [null, 'Pilot running', O],
    ['Customer', 'Negotiation/Review', C | O],
    ['Prospect', 'Closed Won', C],
    ['  CUSTOMER  ', '', C],
    [null, null, 0],
    ['', '   ', 0],
  ] as const)('status %j, stage %j → %i', (status, stage, bits) => {
    expect(standardBits(status, stage)).toBe(bits);
  });

  test('populationBitsOf maps standard and custom populations to their bits', () => {
    const base = { id: 'x', organizationId: 'o', setId: 's', createdAt: new Date() };
    const populations = [
      { ...base, kind: 'customers', name: 'Customers', bit: 0, filter: null },
      { ...base, kind: 'open_opportunities', name: 'Open', bit: 2, filter: null },
      {
        ...base,
        kind: 'custom',
        name: 'Nordics',
        bit: 5,
        filter: { all: [{ field: 'country', op: 'in', value: ['se', 'NO', 'dk'] }] },
      },
      {
        ...base,
        kind: 'custom',
        name: 'Big',
        bit: 7,
        filter: { all: [{ field: 'fields.Tier', op: 'equals', value: 'enterprise' }] },
      },
    ];
    expect(
      populationBitsOf(
        { status: 'Customer', stage: 'Prospecting', fields: { Tier: ' Enterprise ' }, country: 'SE' },
        populations,
      ),
    ).toBe((1 << 0) | (1 << 2) | (1 << 5) | (1 << 7));
    expect(populationBitsOf({ status: 'Prospect', stage: null, fields: {} }, populations)).toBe(0);
  });
});

describe('populations on a real database', () => {
  let h: TestApp;
  let owner: TestMember;
  let other: TestMember;
  let setId: string;

  beforeAll(async () => {
    h = await createTestApp();
    owner = await createOrg(h, 'Populations Owner');
    other = await createOrg(h, 'Populations Other');
    setId = (await getOrCreateSet(h.ctx.db, tenantScope(owner.orgId))).id;
  });
  afterAll(() => h?.close());

  async function addAccounts(
    rows: {
      name?: string;
      domain?: string | null;
      country?: string | null;
      status?: string | null;
      stage?: string | null;
      fields?: Record<string, string>;
      matchKey?: string | null;
      popBits?: number;
    }[],
    set = setId,
    orgId = owner.orgId,
  ) {
    await h.ctx.db.insert(crmAccount).values(
      rows.map((r) => ({
        id: newId(),
        organizationId: orgId,
        setId: set,
        externalId: newId(),
        name: r.name ?? 'Account',
        nameKey: companyNameKey(r.name ?? 'Account'),
        domain: r.domain ?? null,
        country: r.country ?? null,
        status: r.status ?? null,
        stage: r.stage ?? null,
        fields: { ...r.fields },
        matchKey: r.matchKey ?? null,
        popBits: r.popBits ?? 0,
      })),
    );
  }

  test('a filter puts the same accounts in a population in JS and in SQL', async () => {
    const text = fc.constantFrom(
      'Acme',
      ' acme ',
      'ACME',
      'Müller',
      'müller',
      'MÜLLER',
      '',
      'Globex Nordic',
      'x',
    );
    const account = fc.record({
      name: text,
      domain: fc.option(fc.constantFrom('acme.com', 'ACME.com', 'globex.se'), { nil: null }),
      country: fc.option(fc.constantFrom('SE', 'se', 'DE'), { nil: null }),
      status: fc.option(text, { nil: null }),
      stage: fc.option(text, { nil: null }),
      fields: fc.dictionary(fc.constantFrom('Tier', 'Region', 'tier'), text, { maxKeys: 2 }),
    });
    const condition = fc.record({
      field: fc.constantFrom(
        'name',
        'domain',
        'country',
        'status',
        'stage',
        'fields.Tier',
        'fields.Region',
        'fields.tier',
        'fields.Missing',
      ),
      op: fc.constantFrom('equals', 'not_equals', 'contains', 'in', 'is_empty', 'is_not_empty' as const),
      value: fc.oneof(text, fc.array(text, { minLength: 1, maxLength: 3 })),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(account, { minLength: 1, maxLength: 12 }),
        fc.array(condition, { maxLength: 3 }),
        async (accounts, conditions) => {
          const filter: PopulationFilter = {
            all: conditions.map((c) => ({
              field: c.field,
              op: c.op,
              value: c.op === 'in' ? [c.value].flat() : Array.isArray(c.value) ? c.value[0] : c.value,
            })),
          };
          await h.ctx.db.execute(sql`delete from crm_account where set_id = ${setId}`);
          await addAccounts(accounts);
          await applyPopulationBit(h.ctx.db, setId, 9, filter);
          const rows = await h.ctx.db.select().from(crmAccount).where(eq(crmAccount.setId, setId));
          for (const row of rows) {
            const js = matchesFilter({ ...row, fields: row.fields as Record<string, string> }, filter);
            expect({ name: row.name, inSql: (row.popBits & (1 << 9)) !== 0 }).toEqual({
              name: row.name,
              inSql: js,
            });
          }
        },
      ),
      { numRuns: 15 },
    );
    await h.ctx.db.execute(sql`delete from crm_account where set_id = ${setId}`);
  });

  test('custom populations: create, count (duplicates once), overlap follows, rename, delete; standard ones stay', async () => {
    const api = h.as(owner.token);
    const otherSet = (await getOrCreateSet(h.ctx.db, tenantScope(other.orgId))).id;
    await ensurePopulations(h.ctx.db, otherSet, other.orgId);
    await addAccounts([
      { name: 'Acme', matchKey: 'd:acme.com', status: 'Customer', popBits: C, fields: { Tier: 'Gold' } },
      { name: 'Acme dup', matchKey: 'd:acme.com', status: 'Customer', popBits: C, fields: { Tier: 'gold ' } },
      {
        name: 'Globex',
        matchKey: 'd:globex.com',
        status: 'Prospect',
        popBits: P,
        fields: { Tier: 'Silver' },
      },
      { name: 'Nameless', matchKey: null, status: 'Customer', popBits: C, fields: { Region: 'North' } },
    ]);
    await addAccounts([{ name: 'Acme', matchKey: 'd:acme.com', popBits: C }], otherSet, other.orgId);
    await refreshKeys(h.ctx.db, setId, 'all');
    await refreshKeys(h.ctx.db, otherSet, 'all');
    await ensurePair(h.ctx.db, setId, otherSet);

    const list = await api.get('/api/v1/accounts/populations');
    expect(list.status).toBe(200);
    expect(list.body.data.map((p: { kind: string }) => p.kind)).toEqual([
      'customers',
      'prospects',
      'open_opportunities',
    ]);
    expect(list.body.data[0]).toMatchObject({ accounts: 3, keys: 1 });

    const fields = await api.get('/api/v1/accounts/populations/fields');
    expect(fields.body).toEqual({
      standard: ['name', 'domain', 'country', 'status', 'stage'],
      extra: ['Region', 'Tier'],
    });

    const bad = await api.post('/api/v1/accounts/populations', {
      name: 'Bad',
      filter: { all: [{ field: 'revenue', op: 'equals', value: '1' }] },
    });
    expect(bad.status).toBe(400);
    const badOp = await api.post('/api/v1/accounts/populations', {
      name: 'Bad',
      filter: { all: [{ field: 'name', op: 'like', value: '1' }] },
    });
    expect(badOp.status).toBe(400);
    const noValue = await api.post('/api/v1/accounts/populations', {
      name: 'Bad',
      filter: { all: [{ field: 'name', op: 'equals' }] },
    });
    expect(noValue.status).toBe(400);

    const gold = await api.post('/api/v1/accounts/populations', {
      name: 'Gold',
      filter: { all: [{ field: 'fields.Tier', op: 'equals', value: 'GOLD' }] },
    });
    expect(gold.status).toBe(201);
    expect(gold.body).toMatchObject({ kind: 'custom', bit: 3, accounts: 2, keys: 1, subjectId: owner.orgId });
    const cell = async () =>
      rowsOf<{ keys: number }>(
        await h.ctx.db.execute(
          sql`select keys from overlap where set_a = ${otherSet} and bit_a = 0 and set_b = ${setId} and bit_b = 3`,
        ),
      )[0]?.keys ?? 0;
    expect(await cell()).toBe(1);

    const taken = await api.post('/api/v1/accounts/populations', {
      name: 'gold',
      filter: { all: [] },
    });
    expect(taken.status).toBe(409);

    const renamed = await api.patch(`/api/v1/accounts/populations/${gold.body.id}`, {
      name: 'Silver',
      filter: { all: [{ field: 'fields.Tier', op: 'contains', value: 'silv' }] },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Silver', accounts: 1, keys: 1 });
    expect(await cell()).toBe(0);

    const customers = list.body.data[0];
    expect((await api.delete(`/api/v1/accounts/populations/${customers.id}`)).status).toBe(409);
    expect(
      (await api.patch(`/api/v1/accounts/populations/${customers.id}`, { filter: { all: [] } })).status,
    ).toBe(400);
    const renamedStandard = await api.patch(`/api/v1/accounts/populations/${customers.id}`, {
      name: 'Clients',
    });
    expect(renamedStandard.body).toMatchObject({ name: 'Clients', kind: 'customers' });

    expect((await api.delete(`/api/v1/accounts/populations/${gold.body.id}`)).status).toBe(204);
    const left = rowsOf<{ n: number }>(
      await h.ctx.db.execute(sql`
        select count(*)::int as n from crm_account where set_id = ${setId} and (pop_bits >> 3) & 1 = 1`),
    );
    expect(left[0]?.n).toBe(0);
    const keysLeft = rowsOf<{ n: number }>(
      await h.ctx.db.execute(
        sql`select count(*)::int as n from population_key where set_id = ${setId} and bit = 3`,
      ),
    );
    expect(keysLeft[0]?.n).toBe(0);
  });

  test('at most 28 custom populations per set', async () => {
    const api = h.as(owner.token);
    const existing = (await api.get('/api/v1/accounts/populations')).body.data.filter(
      (p: { kind: string }) => p.kind === 'custom',
    ).length;
    for (let i = existing; i < 28; i++) {
      const res = await api.post('/api/v1/accounts/populations', {
        name: `Custom ${i}`,
        filter: { all: [{ field: 'country', op: 'is_empty' }] },
      });
      expect(res.status).toBe(201);
    }
    const over = await api.post('/api/v1/accounts/populations', {
      name: 'One too many',
      filter: { all: [] },
    });
    expect(over.status).toBe(409);
  });

  test('roles and the hostile tenant', async () => {
    const mine = (await h.as(owner.token).get('/api/v1/accounts/populations')).body.data[0];
    const hostile = h.as(other.token);
    expect(
      (await hostile.patch(`/api/v1/accounts/populations/${mine.id}`, { name: 'Mine now' })).status,
    ).toBe(404);
    expect((await hostile.delete(`/api/v1/accounts/populations/${mine.id}`)).status).toBe(404);
    expect((await hostile.get(`/api/v1/accounts/populations?subjectId=${owner.orgId}`)).status).toBe(404);
    // The hostile tenant's own list is its own.
    const theirs = await hostile.get('/api/v1/accounts/populations');
    expect(theirs.body.data.every((p: { subjectId: string }) => p.subjectId === other.orgId)).toBe(true);

    const sales = await addMember(h, owner.orgId, 'sales');
    expect((await h.as(sales.token).get('/api/v1/accounts/populations')).status).toBe(200);
    expect(
      (await h.as(sales.token).post('/api/v1/accounts/populations', { name: 'Nope', filter: { all: [] } }))
        .status,
    ).toBe(403);
    const finance = await addMember(h, owner.orgId, 'finance');
    expect((await h.as(finance.token).get('/api/v1/accounts/populations')).status).toBe(403);

    const manager = await addMember(h, owner.orgId, 'alliance_manager');
    expect((await h.as(manager.token).post('/api/v1/accounts/overlaps/recompute')).status).toBe(403);
    const repair = await h.as(owner.token).post('/api/v1/accounts/overlaps/recompute');
    expect(repair.status).toBe(200);
    expect(repair.body).toMatchObject({ sets: 1 });
    expect(repair.body.pairs).toBeGreaterThanOrEqual(1);
  });
});
