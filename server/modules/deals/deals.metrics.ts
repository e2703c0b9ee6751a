import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.ts';

/** What a partner brought a vendor since a date: the numbers program tiers are measured by. */
export interface PartnerDealMetrics {
  /** Won amounts (minor units) per currency of the deals won since the date. */
  wonRevenueByCurrency: Record<string, number>;
  /** Deals won since the date, per currency (so callers can tell how many they cannot convert). */
  wonDealsByCurrency: Record<string, number>;
  wonDeals: number;
  /** Registrations sent since the date that the vendor accepted (approved, and later won, lost or expired). */
  registeredDeals: number;
  /** Distinct customers of the won deals (by domain key, else name key). */
  customers: number;
}

/**
 * The partner's deals with the vendor since `since`: its registrations with the vendor and the
 * referrals it sent the vendor. Won deals count by `closed_at`, registrations by `sent_at`.
 */
export async function partnerDealMetrics(
  db: Db,
  vendorId: string,
  partnerId: string,
  since: Date,
): Promise<PartnerDealMetrics> {
  const fromPartner = sql`d.organization_id = ${partnerId} and (
      (d.kind = 'registration' and d.vendor_id = ${vendorId})
      or (d.kind = 'referral' and d.counterparty_id = ${vendorId}))`;
  const won = rowsOf<{ currency: string; revenue: string; deals: number }>(
    await db.execute(sql`
      select d.currency, coalesce(sum(d.won_amount_minor), 0)::text as revenue, count(*)::int as deals
        from deal d
       where ${fromPartner} and d.status = 'won' and d.closed_at >= ${since.toISOString()}::timestamptz
       group by d.currency`),
  );
  const [counts] = rowsOf<{ customers: number; registered: number }>(
    await db.execute(sql`
      select
        (select count(distinct coalesce(d.customer_domain_key, d.customer_name_key))::int
           from deal d
          where ${fromPartner} and d.status = 'won' and d.closed_at >= ${since.toISOString()}::timestamptz) as customers,
        (select count(*)::int
           from deal d
          where d.organization_id = ${partnerId} and d.kind = 'registration' and d.vendor_id = ${vendorId}
            and d.status in ('approved', 'won', 'lost', 'expired')
            and d.sent_at >= ${since.toISOString()}::timestamptz) as registered`),
  );
  return {
    wonRevenueByCurrency: Object.fromEntries(won.map((r) => [r.currency, Number(r.revenue)])),
    wonDealsByCurrency: Object.fromEntries(won.map((r) => [r.currency, Number(r.deals)])),
    wonDeals: won.reduce((n, r) => n + Number(r.deals), 0),
    registeredDeals: Number(counts?.registered ?? 0),
    customers: Number(counts?.customers ?? 0),
  };
}
