// Test fixtures for sharing and the matrix: accounts are written straight into crm_account with
// their match keys and population bits (the import is tested on its own), then the set's keys and
// pairs are refreshed the way an import does.
import { and, eq } from 'drizzle-orm';
import { newId } from '../../db/ids.ts';
import { crmAccount, population } from '../../db/schema/index.ts';
import { tenantScope } from '../../db/tenant.ts';
import type { TestMember } from '../../test/factories.ts';
import type { TestApp } from '../../test/harness.ts';
import { refreshKeys } from './accounts.keys.ts';
import { getOrCreateSet } from './accounts.sets.ts';

/** Population names of a fixture account: the standard three, or a custom population's name. */
export type Pop = 'customers' | 'prospects' | 'open_opportunities' | (string & {});

/** An account as a test writes it. */
export interface FixtureAccount {
  name: string;
  domain?: string | null;
  country?: string | null;
  pops: Pop[];
  fields?: Record<string, string>;
  status?: string | null;
  externalId?: string;
}

const STANDARD: Record<string, number> = { customers: 0, prospects: 1, open_opportunities: 2 };

/**
 * Writes accounts into an organization's set (its own, or its list for an offline `subjectId`),
 * creating custom populations named in `custom` (bits from 3), and refreshes the set's keys.
 * Returns the set and its populations by kind or custom name.
 */
export async function seedAccounts(
  h: TestApp,
  org: TestMember,
  accounts: FixtureAccount[],
  options: { subjectId?: string; custom?: string[] } = {},
) {
  const db = h.ctx.db;
  const scope = tenantScope(org.orgId);
  const set = await getOrCreateSet(db, scope, options.subjectId ?? org.orgId);
  for (const [i, name] of (options.custom ?? []).entries())
    await db
      .insert(population)
      .values({
        id: newId(),
        organizationId: org.orgId,
        setId: set.id,
        kind: 'custom',
        name,
        bit: 3 + i,
        filter: { all: [] },
      })
      .onConflictDoNothing();
  const pops = await db.select().from(population).where(eq(population.setId, set.id));
  const bitOf = (p: Pop) => {
    const bit = STANDARD[p] ?? pops.find((r) => r.kind === 'custom' && r.name === p)?.bit;
    if (bit === undefined) throw new Error(`no population ${p}`);
    return bit;
  };
  if (accounts.length)
    await db.insert(crmAccount).values(
      accounts.map((a) => {
        const nameKey = a.name
          .toLowerCase()
          .replace(/[^a-z0-9 ]/g, '')
          .trim();
        const domain = a.domain ?? null;
        return {
          id: newId(),
          organizationId: org.orgId,
          setId: set.id,
          externalId: a.externalId ?? newId(),
          name: a.name,
          website: domain ? `https://www.${domain}` : null,
          domain,
          domainKey: domain ? domain.split('.')[0]! : null,
          nameKey,
          country: a.country ?? null,
          status: a.status ?? null,
          stage: null,
          fields: a.fields ?? {},
          matchKey: domain ? `d:${domain}` : `n:${a.country ?? '-'}:${nameKey}`,
          popBits: a.pops.reduce((bits, p) => bits | (1 << bitOf(p)), 0),
        };
      }),
    );
  await refreshKeys(db, set.id, 'all');
  const byName = Object.fromEntries(
    pops.map((p) => [p.kind === 'custom' ? p.name : p.kind, { id: p.id, name: p.name, bit: p.bit }]),
  );
  return { set, pops: byName };
}

/** Removes an account from a set by name and refreshes its keys (an import removing it). */
export async function removeAccount(h: TestApp, setId: string, name: string) {
  const [row] = await h.ctx.db
    .delete(crmAccount)
    .where(and(eq(crmAccount.setId, setId), eq(crmAccount.name, name)))
    .returning();
  await refreshKeys(h.ctx.db, setId, row?.matchKey ? [row.matchKey] : []);
}
