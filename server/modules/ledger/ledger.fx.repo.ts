import { and, desc, eq, inArray, lt, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { fxRate } from '../../db/schema/index.ts';
import { inTenant, type TenantScope } from '../../db/tenant.ts';

/** A stored exchange rate. */
export type FxRateRow = typeof fxRate.$inferSelect;

/** A page of the organization's rates, newest date first. */
export async function selectRates(
  db: Db,
  scope: TenantScope,
  opts: { base?: string; quote?: string; limit: number; before?: [string, string] },
) {
  return db
    .select()
    .from(fxRate)
    .where(
      inTenant(
        fxRate,
        scope,
        opts.base ? eq(fxRate.base, opts.base) : undefined,
        opts.quote ? eq(fxRate.quote, opts.quote) : undefined,
        opts.before
          ? or(
              lt(fxRate.rateDate, opts.before[0]),
              and(eq(fxRate.rateDate, opts.before[0]), lt(fxRate.id, opts.before[1])),
            )
          : undefined,
      ),
    )
    .orderBy(desc(fxRate.rateDate), desc(fxRate.id))
    .limit(opts.limit);
}

/** Inserts or updates rates by (pair, date); returns the stored rows. */
export async function upsertRates(
  db: Db,
  scope: TenantScope,
  rows: { base: string; quote: string; rateDate: string; rate: string }[],
) {
  if (rows.length === 0) return [];
  return db
    .insert(fxRate)
    .values(rows.map((r) => ({ ...r, id: newId(), organizationId: scope.orgId })))
    .onConflictDoUpdate({
      target: [fxRate.organizationId, fxRate.base, fxRate.quote, fxRate.rateDate],
      set: { rate: sql`excluded.rate` },
    })
    .returning();
}

/** How many of the given (pair, date) keys already have a rate. */
export async function countExistingRates(
  db: Db,
  scope: TenantScope,
  keys: { base: string; quote: string; rateDate: string }[],
) {
  if (keys.length === 0) return 0;
  const dates = [...new Set(keys.map((k) => k.rateDate))];
  const existing = await db
    .select({ base: fxRate.base, quote: fxRate.quote, rateDate: fxRate.rateDate })
    .from(fxRate)
    .where(inTenant(fxRate, scope, inArray(fxRate.rateDate, dates)));
  const have = new Set(existing.map((e) => `${e.base}:${e.quote}:${e.rateDate}`));
  return keys.filter((k) => have.has(`${k.base}:${k.quote}:${k.rateDate}`)).length;
}

/** Deletes one of the organization's rates; the deleted row, if it was there. */
export async function deleteRate(db: Db, scope: TenantScope, id: string) {
  const [row] = await db
    .delete(fxRate)
    .where(inTenant(fxRate, scope, eq(fxRate.id, id)))
    .returning();
  return row;
}

/** Every rate of the organization between two currencies (either direction) up to a date, oldest first. */
export async function selectPairRates(db: Db, orgId: string, a: string, b: string, until: string) {
  return db
    .select()
    .from(fxRate)
    .where(
      and(
        eq(fxRate.organizationId, orgId),
        or(and(eq(fxRate.base, a), eq(fxRate.quote, b)), and(eq(fxRate.base, b), eq(fxRate.quote, a))),
        lte(fxRate.rateDate, until),
      ),
    )
    .orderBy(fxRate.rateDate);
}
