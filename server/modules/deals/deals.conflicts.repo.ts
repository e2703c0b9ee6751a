import { and, eq, inArray, lte, sql } from 'drizzle-orm';
import { textArray } from '../../db/arrays.ts';
import { type Db, rowsOf } from '../../db/client.ts';
import { deal, dealConflict, dealProtection, organization } from '../../db/schema/index.ts';
import { inTenant, type TenantScope } from '../../db/tenant.ts';
import { distinctiveWords } from './deals.match.ts';

/** States in which a deal sits in a vendor's territory: registrations in play and open pipeline. */
export const TERRITORY_STATUSES = ['submitted', 'under_review', 'approved', 'open'];

/** The customer a conflict check compares. */
export interface CustomerKeys {
  domainKey: string | null;
  nameKey: string;
  country: string | null;
}

/** A deal in the vendor's territory that may be the same customer. */
export interface Candidate {
  id: string;
  kind: string;
  status: string;
  organizationId: string;
  customerName: string;
  customerDomain: string | null;
  customerDomainKey: string | null;
  customerNameKey: string;
  customerCountry: string | null;
  protectedUntil: Date | null;
  /** Set for an account of the vendor's imported open opportunities (then `id` is the account's). */
  source?: 'account';
}

/**
 * Deals in the vendor's territory with the same domain key, or — where either side has no domain —
 * a similar name in the same country (trigram similarity or a shared distinctive word; the caller
 * scores them). Index probes: (vendor, domain key), and the trigram and word indexes on the name.
 */
export async function selectCandidates(db: Db, vendorId: string, c: CustomerKeys, excludeDealId?: string) {
  const words = distinctiveWords(c.nameKey);
  const sharedWord = words.length
    ? sql`or string_to_array(d.customer_name_key, ' ') && ${textArray(words)}`
    : sql``;
  // A record without a country matches names anywhere; two countries must be the same one.
  const sameCountry = c.country
    ? sql`and (d.customer_country = ${c.country} or d.customer_country is null)`
    : sql``;
  const namePath = sql`(${c.domainKey ? sql`d.customer_domain_key is null` : sql`true`} ${sameCountry}
        and (d.customer_name_key % ${c.nameKey} ${sharedWord}))`;
  // Best candidates first, so a crowded territory never pushes a real match past the limit.
  const result = await db.execute(sql`
    select d.id, d.kind, d.status, d.organization_id as "organizationId", d.customer_name as "customerName",
           d.customer_domain as "customerDomain", d.customer_domain_key as "customerDomainKey",
           d.customer_name_key as "customerNameKey", d.customer_country as "customerCountry",
           p.ends_at as "protectedUntil"
      from deal d
      left join deal_protection p on p.deal_id = d.id and p.status = 'active'
     where d.vendor_id = ${vendorId}
       and d.status in ('submitted','under_review','approved','open')
       ${excludeDealId ? sql`and d.id <> ${excludeDealId}` : sql``}
       and (${c.domainKey ? sql`d.customer_domain_key = ${c.domainKey} or ` : sql``}${namePath})
     order by ${c.domainKey ? sql`(d.customer_domain_key = ${c.domainKey}) is true desc, ` : sql``}similarity(d.customer_name_key, ${c.nameKey}) desc
     limit 200`);
  return rowsOf<Candidate & { protectedUntil: Date | string | null }>(result).map((r) => ({
    ...r,
    protectedUntil: r.protectedUntil ? new Date(r.protectedUntil) : null,
  }));
}

/** Forgets a registration's stored conflicts (before it is checked again). */
export async function deleteConflicts(db: Db, vendor: TenantScope, dealId: string) {
  await db.delete(dealConflict).where(inTenant(dealConflict, vendor, eq(dealConflict.dealId, dealId)));
}

/** A conflict to store: the matched deal, or the matched account of the vendor's open opportunities. */
export type NewConflict = { id: string; dealId: string; matchedBy: string; score: number } & (
  | { matchedDealId: string; matchedAccountId?: undefined }
  | { matchedAccountId: string; matchedDealId?: undefined }
);

/** Stores conflicts the engine found (a pair already known is kept). */
export async function addConflicts(db: Db, vendor: TenantScope, rows: NewConflict[]) {
  const deals = rows.flatMap((r) =>
    r.matchedDealId === undefined ? [] : [{ ...r, matchedDealId: r.matchedDealId }],
  );
  if (deals.length)
    await db
      .insert(dealConflict)
      .values(deals.map((r) => ({ ...r, organizationId: vendor.orgId })))
      .onConflictDoNothing();
  // Raw SQL until the Drizzle schema has matched_account_id (migration deal_conflict_account).
  for (const r of rows)
    if (r.matchedAccountId !== undefined)
      await db.execute(sql`
        insert into deal_conflict (id, organization_id, deal_id, matched_account_id, matched_by, score)
        values (${r.id}, ${vendor.orgId}, ${r.dealId}, ${r.matchedAccountId}, ${r.matchedBy}, ${r.score})
        on conflict do nothing`);
}

/** The vendor's stored matches of a registration against its imported open opportunities (account ids). */
export async function selectAccountConflicts(db: Db, vendor: TenantScope, dealId: string) {
  const result = await db.execute(sql`
    select c.matched_account_id as "accountId", c.matched_by as "matchedBy", c.score
      from deal_conflict c
     where c.organization_id = ${vendor.orgId} and c.deal_id = ${dealId} and c.matched_account_id is not null`);
  return rowsOf<{ accountId: string; matchedBy: string; score: number | string }>(result).map((r) => ({
    ...r,
    score: Number(r.score),
  }));
}

/** The stored conflicts of a registration, for the vendor's reviewers. */
export async function selectConflicts(db: Db, vendor: TenantScope, dealId: string) {
  return db
    .select({
      dealId: deal.id,
      kind: deal.kind,
      status: deal.status,
      partner: { id: organization.id, name: organization.name, slug: organization.slug },
      customerName: deal.customerName,
      customerDomain: deal.customerDomain,
      customerCountry: deal.customerCountry,
      matchedBy: dealConflict.matchedBy,
      score: dealConflict.score,
      protectedUntil: sql<Date | null>`(select p.ends_at from deal_protection p where p.deal_id = ${deal.id} and p.status = 'active')`,
    })
    .from(dealConflict)
    .innerJoin(deal, eq(deal.id, dealConflict.matchedDealId))
    .innerJoin(organization, eq(organization.id, deal.organizationId))
    .where(inTenant(dealConflict, vendor, eq(dealConflict.dealId, dealId)))
    .orderBy(sql`${dealConflict.score} desc`);
}

/**
 * Grants the protection unless the vendor already protects this customer key: the partial unique
 * index decides, so of any number of simultaneous approvals exactly one inserts. Undefined when
 * another protection holds the key.
 */
export async function insertProtection(
  db: Db,
  vendor: TenantScope,
  row: Omit<typeof dealProtection.$inferInsert, 'organizationId'>,
) {
  const [created] = await db
    .insert(dealProtection)
    .values({ ...row, organizationId: vendor.orgId })
    .onConflictDoNothing()
    .returning();
  return created;
}

/** The protection a deal won, if any (read by its partner and its vendor). */
export async function selectProtectionOfDeal(db: Db, dealId: string) {
  const [row] = await db.select().from(dealProtection).where(eq(dealProtection.dealId, dealId));
  return row;
}

/** Updates a deal's protection. */
export async function updateProtection(
  db: Db,
  dealId: string,
  patch: Partial<typeof dealProtection.$inferInsert>,
) {
  const [row] = await db
    .update(dealProtection)
    .set(patch)
    .where(eq(dealProtection.dealId, dealId))
    .returning();
  return row;
}

/** Active protections whose window has ended; marks them expired (each claimed by one worker). */
export async function claimEndedProtections(db: Db, now: Date) {
  const ended = db
    .select({ id: dealProtection.id })
    .from(dealProtection)
    .where(and(eq(dealProtection.status, 'active'), lte(dealProtection.endsAt, now)))
    .limit(500)
    .for('update', { skipLocked: true });
  return db
    .update(dealProtection)
    .set({ status: 'expired', closedAt: now })
    .where(inArray(dealProtection.id, ended))
    .returning();
}

/** Active protections ending within `until` that were not warned about yet; marks them warned. */
export async function claimExpiringProtections(db: Db, now: Date, until: Date) {
  const result = await db.execute(sql`
    update deal_protection set expiry_warned_at = ${now.toISOString()}
     where id in (select id from deal_protection
                   where status = 'active' and expiry_warned_at is null and ends_at <= ${until.toISOString()}
                   limit 500 for update skip locked)
    returning deal_id as "dealId", organization_id as "vendorId", partner_id as "partnerId", ends_at as "endsAt"`);
  return rowsOf<{ dealId: string; vendorId: string; partnerId: string; endsAt: string | Date }>(result).map(
    (r) => ({
      ...r,
      endsAt: new Date(r.endsAt),
    }),
  );
}
