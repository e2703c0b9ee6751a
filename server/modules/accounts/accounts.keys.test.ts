import { eq, sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rowsOf } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { crmAccount } from '../../db/schema/index.ts';
import { tenantScope } from '../../db/tenant.ts';
import { createOrg } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { companyNameKey } from '../deals/index.ts';
import { assignNameKeys } from './accounts.canon.ts';
import { refreshKeys } from './accounts.keys.ts';
import { ensurePair, recomputeAll } from './accounts.overlap.ts';
import { applyPopulationBit, insertCustomPopulation } from './accounts.populations.repo.ts';
import { getOrCreateSet } from './accounts.sets.ts';

const CUSTOMERS = 1;
const PROSPECTS = 2;
const OPEN = 4;

describe('match keys, population keys and overlaps (real database)', () => {
  let h: TestApp;
  let orgA: string;
  let orgB: string;
  let setA: string;
  let setB: string;

  beforeAll(async () => {
    h = await createTestApp();
    orgA = (await createOrg(h, 'Keys A')).orgId;
    orgB = (await createOrg(h, 'Keys B')).orgId;
    setA = (await getOrCreateSet(h.ctx.db, tenantScope(orgA))).id;
    setB = (await getOrCreateSet(h.ctx.db, tenantScope(orgB))).id;
  });
  afterAll(() => h?.close());

  const orgOf = (setId: string) => (setId === setA ? orgA : orgB);

  /** Inserts accounts as an import would have left them (match key and bits set). */
  async function addAccounts(
    setId: string,
    rows: {
      matchKey?: string | null;
      popBits: number;
      name?: string;
      country?: string | null;
      status?: string;
    }[],
  ) {
    const inserted = await h.ctx.db
      .insert(crmAccount)
      .values(
        rows.map((r) => ({
          id: newId(),
          organizationId: orgOf(setId),
          setId,
          externalId: newId(),
          name: r.name ?? 'Account',
          nameKey: companyNameKey(r.name ?? 'Account'),
          country: r.country ?? null,
          status: r.status ?? null,
          matchKey: r.matchKey ?? null,
          popBits: r.popBits,
        })),
      )
      .returning();
    return inserted;
  }

  async function reset() {
    await h.ctx.db.execute(sql`delete from crm_account where set_id in (${setA}, ${setB})`);
    await h.ctx.db.execute(sql`delete from population_key where set_id in (${setA}, ${setB})`);
    await h.ctx.db.execute(sql`delete from overlap where set_a in (${setA}, ${setB})`);
    await h.ctx.db.execute(sql`delete from overlap_pair where set_a in (${setA}, ${setB})`);
    await h.ctx.db.execute(
      sql`delete from population where set_id in (${setA}, ${setB}) and kind = 'custom'`,
    );
  }

  /** The stored overlap and population keys of both sets, comparable. */
  async function snapshot() {
    const overlaps = rowsOf<Record<string, unknown>>(
      await h.ctx.db.execute(sql`
        select set_a, bit_a, set_b, bit_b, keys from overlap
         where set_a in (${setA}, ${setB}) order by 1, 2, 3, 4`),
    );
    const keys = rowsOf<Record<string, unknown>>(
      await h.ctx.db.execute(sql`
        select set_id, bit, match_key, accounts from population_key
         where set_id in (${setA}, ${setB}) order by 1, 2, 3`),
    );
    return { overlaps, keys };
  }

  const cell = async (bitA: number, bitB: number) => {
    const [row] = rowsOf<{ keys: number }>(
      await h.ctx.db.execute(
        sql`select keys from overlap where set_a = ${setA} and bit_a = ${bitA} and set_b = ${setB} and bit_b = ${bitB}`,
      ),
    );
    return row?.keys ?? 0;
  };

  test('duplicates inside one organization count once; both directions agree', async () => {
    await reset();
    await addAccounts(setA, [
      { matchKey: 'd:acme.com', popBits: CUSTOMERS },
      { matchKey: 'd:acme.com', popBits: CUSTOMERS },
      { matchKey: 'd:acme.com', popBits: CUSTOMERS | OPEN },
      { matchKey: 'd:globex.com', popBits: PROSPECTS },
    ]);
    await addAccounts(setB, [
      { matchKey: 'd:acme.com', popBits: CUSTOMERS },
      { matchKey: 'd:globex.com', popBits: CUSTOMERS },
      { matchKey: 'd:globex.com', popBits: CUSTOMERS },
    ]);
    await refreshKeys(h.ctx.db, setA, 'all');
    await refreshKeys(h.ctx.db, setB, 'all');
    await ensurePair(h.ctx.db, setA, setB);
    expect(await cell(0, 0)).toBe(1);
    expect(await cell(2, 0)).toBe(1);
    expect(await cell(1, 0)).toBe(1);
    const [back] = rowsOf<{ keys: number }>(
      await h.ctx.db.execute(
        sql`select keys from overlap where set_a = ${setB} and bit_a = 0 and set_b = ${setA} and bit_b = 0`,
      ),
    );
    expect(back?.keys).toBe(1);
    const [acme] = rowsOf<{ accounts: number }>(
      await h.ctx.db.execute(
        sql`select accounts from population_key where set_id = ${setA} and bit = 0 and match_key = 'd:acme.com'`,
      ),
    );
    expect(acme?.accounts).toBe(3);
  });

  test('ensurePair is idempotent and equals a full recompute; incremental refresh follows edits', async () => {
    await reset();
    const [a1] = await addAccounts(setA, [{ matchKey: 'd:one.com', popBits: CUSTOMERS }]);
    await addAccounts(setB, [{ matchKey: 'd:one.com', popBits: PROSPECTS }]);
    await refreshKeys(h.ctx.db, setA, 'all');
    await refreshKeys(h.ctx.db, setB, 'all');
    await ensurePair(h.ctx.db, setA, setB);
    const first = await snapshot();
    await ensurePair(h.ctx.db, setA, setB);
    await ensurePair(h.ctx.db, setB, setA);
    await Promise.all([ensurePair(h.ctx.db, setA, setB), ensurePair(h.ctx.db, setB, setA)]);
    expect(await snapshot()).toEqual(first);
    expect(await cell(0, 1)).toBe(1);

    // The account moves to another company: the shared key disappears.
    await h.ctx.db.update(crmAccount).set({ matchKey: 'd:two.com' }).where(eq(crmAccount.id, a1!.id));
    const { keysChanged } = await refreshKeys(h.ctx.db, setA, ['d:one.com', 'd:two.com']);
    expect(keysChanged).toBe(2);
    expect(await cell(0, 1)).toBe(0);
    const incremental = await snapshot();
    await recomputeAll(h.ctx.db, [setA, setB]);
    expect(await snapshot()).toEqual(incremental);
  });

  test('name-only accounts get one key per company and country: legal forms, typos and abbreviations match; another country or company does not', async () => {
    await reset();
    await addAccounts(setA, [
      { name: 'Acme Logistics AB', country: 'SE', popBits: CUSTOMERS },
      { name: 'Nordvik International Shipping', country: 'NO', popBits: CUSTOMERS },
      { name: 'Acme Legal', country: 'SE', popBits: CUSTOMERS },
    ]);
    await addAccounts(setB, [
      { name: 'ACME Logistic', country: 'SE', popBits: CUSTOMERS },
      { name: 'Nordvik Intl. Shipping AS', country: 'NO', popBits: CUSTOMERS },
      { name: 'Acme Logistics', country: 'DK', popBits: CUSTOMERS },
      { name: 'Acme Logistics AB', country: null, popBits: CUSTOMERS },
    ]);
    expect(await assignNameKeys(h.ctx.db, setA)).toBe(3);
    expect(await assignNameKeys(h.ctx.db, setB)).toBe(4);
    expect(await assignNameKeys(h.ctx.db, setB)).toBe(0);
    const keys = rowsOf<{ set_id: string; name: string; match_key: string }>(
      await h.ctx.db.execute(
        sql`select set_id, name, match_key from crm_account where set_id in (${setA}, ${setB}) order by name`,
      ),
    );
    const keyOf = (setId: string, name: string, country?: string) =>
      keys.find(
        (k) => k.set_id === setId && k.name === name && (!country || k.match_key.startsWith(`n:${country}`)),
      )?.match_key;
    expect(keyOf(setA, 'Acme Logistics AB')).toBe(keyOf(setB, 'ACME Logistic'));
    expect(keyOf(setA, 'Nordvik International Shipping')).toBe(keyOf(setB, 'Nordvik Intl. Shipping AS'));
    expect(keyOf(setA, 'Acme Legal')).not.toBe(keyOf(setA, 'Acme Logistics AB'));
    expect(keyOf(setB, 'Acme Logistics')).toMatch(/^n:DK:/);
    expect(keyOf(setB, 'Acme Logistics AB', '-')).toMatch(/^n:-:/);

    await refreshKeys(h.ctx.db, setA, 'all');
    await refreshKeys(h.ctx.db, setB, 'all');
    await ensurePair(h.ctx.db, setA, setB);
    expect(await cell(0, 0)).toBe(2);
  });

  test('incremental refresh after random edits equals a full recompute (property)', async () => {
    const KEYS = ['d:a.com', 'd:b.com', 'd:c.com', 'd:d.com', 'n:SE:e', 'n:-:f'];
    const edit = fc.oneof(
      fc.record({
        op: fc.constant('insert' as const),
        inA: fc.boolean(),
        key: fc.option(fc.constantFrom(...KEYS), { nil: null }),
        bits: fc.integer({ min: 0, max: 7 }),
        status: fc.constantFrom('vip', 'other', ''),
      }),
      fc.record({
        op: fc.constant('update' as const),
        inA: fc.boolean(),
        pick: fc.nat(),
        key: fc.option(fc.constantFrom(...KEYS), { nil: null }),
        bits: fc.integer({ min: 0, max: 7 }),
        status: fc.constantFrom('vip', 'other', ''),
      }),
      fc.record({ op: fc.constant('delete' as const), inA: fc.boolean(), pick: fc.nat() }),
      fc.record({
        op: fc.constant('population' as const),
        inA: fc.boolean(),
        value: fc.constantFrom('vip', 'other', ''),
      }),
      fc.record({ op: fc.constant('pair' as const) }),
    );

    const seed = fc.record({
      key: fc.option(fc.constantFrom(...KEYS), { nil: null, freq: 8 }),
      bits: fc.integer({ min: 0, max: 7 }),
      status: fc.constantFrom('vip', 'other', ''),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(seed, { minLength: 3, maxLength: 10 }),
        fc.array(seed, { minLength: 3, maxLength: 10 }),
        fc.array(edit, { minLength: 5, maxLength: 30 }),
        fc.boolean(),
        async (seedA, seedB, edits, pairFirst) => {
          await reset();
          const db = h.ctx.db;
          const custom = new Map<string, number>();
          for (const setId of [setA, setB]) {
            const row = await insertCustomPopulation(db, tenantScope(orgOf(setId)), {
              setId,
              name: 'VIP',
              filter: { all: [{ field: 'status', op: 'equals', value: 'vip' }] },
              firstBit: 3,
              lastBit: 30,
            });
            custom.set(setId, row!.bit);
          }
          for (const [setId, rows] of [
            [setA, seedA],
            [setB, seedB],
          ] as const) {
            const bit = custom.get(setId)!;
            await addAccounts(
              setId,
              rows.map((r) => ({
                matchKey: r.key,
                status: r.status,
                popBits: r.bits | (r.status === 'vip' ? 1 << bit : 0),
              })),
            );
            await refreshKeys(db, setId, 'all');
          }
          if (pairFirst) await ensurePair(db, setA, setB);
          for (const e of edits) {
            if (e.op === 'pair') {
              await ensurePair(db, setB, setA);
              continue;
            }
            const setId = e.inA ? setA : setB;
            const bit = custom.get(setId)!;
            const accounts = await db.select().from(crmAccount).where(eq(crmAccount.setId, setId));
            const touched: string[] = [];
            if (e.op === 'insert') {
              const bits = e.bits | (e.status === 'vip' ? 1 << bit : 0);
              await addAccounts(setId, [{ matchKey: e.key, popBits: bits, status: e.status }]);
              if (e.key) touched.push(e.key);
            } else if (e.op === 'update' || e.op === 'delete') {
              const target = accounts[e.pick % Math.max(1, accounts.length)];
              if (!target) continue;
              if (target.matchKey) touched.push(target.matchKey);
              if (e.op === 'delete') await db.delete(crmAccount).where(eq(crmAccount.id, target.id));
              else {
                const bits = e.bits | (e.status === 'vip' ? 1 << bit : 0);
                await db
                  .update(crmAccount)
                  .set({ matchKey: e.key, popBits: bits, status: e.status })
                  .where(eq(crmAccount.id, target.id));
                if (e.key) touched.push(e.key);
              }
            } else {
              // The custom population's filter changes: its bit is recomputed set-based.
              touched.push(
                ...(await applyPopulationBit(db, setId, bit, {
                  all: [{ field: 'status', op: 'equals', value: e.value }],
                })),
              );
            }
            await refreshKeys(db, setId, touched);
          }
          await ensurePair(db, setA, setB);
          const incremental = await snapshot();
          await recomputeAll(db, [setA, setB]);
          expect(await snapshot()).toEqual(incremental);
        },
      ),
      { numRuns: 15 },
    );
  });
});
