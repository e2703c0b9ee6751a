import { sql } from 'drizzle-orm';
import { type Db, rowsOf } from '../../db/client.ts';

/** How many accounts a partner's shared lists have in common with an organization's own accounts. */
export interface SharedAccountCount {
  /** The organization the count is for (the one being shared with). */
  organizationId: string;
  /** The partner who shares. */
  partnerId: string;
  /** The largest overlap of one of the organization's populations with one the partner shares. */
  accounts: number;
}

/**
 * For each of `orgIds`, what its active partners share with it: per partner, the largest overlap
 * between one of the organization's own populations and one population of the partner's own set
 * that the partner shares with it at counts or more. Only what the OTHER side shares counts (the
 * organization's own sharing is its own business here: these counts are shown to it alone), a
 * population shared as hidden (no row) contributes nothing, and nothing counts while the
 * partnership is not active — the same rules as the overlap matrix. Reads the maintained overlap
 * table: pairs never opened in the matrix have no counts yet.
 */
export async function sharedAccountCounts(db: Db, orgIds: readonly string[]): Promise<SharedAccountCount[]> {
  if (orgIds.length === 0) return [];
  const result = await db.execute(sql`
    select me.organization_id as "organizationId", sh.organization_id as "partnerId", max(o.keys)::int as accounts
      from account_set me
      join account_sharing sh on sh.partner_id = me.organization_id
                             and sh.level in ('counts', 'overlap', 'full')
      join population tp on tp.id = sh.population_id
      join account_set theirs on theirs.id = tp.set_id
                             and theirs.organization_id = sh.organization_id
                             and theirs.subject_id = sh.organization_id
      join overlap o on o.set_a = me.id and o.set_b = theirs.id and o.bit_b = tp.bit
     where me.organization_id in (${sql.join(
       orgIds.map((id) => sql`${id}`),
       sql`, `,
     )})
       and me.subject_id = me.organization_id
       and exists (select 1 from partnership p
                    where p.status = 'active'
                      and least(p.organization_id, p.partner_id) = least(me.organization_id, sh.organization_id)
                      and greatest(p.organization_id, p.partner_id) = greatest(me.organization_id, sh.organization_id))
     group by me.organization_id, sh.organization_id
    having max(o.keys) > 0`);
  return rowsOf<SharedAccountCount>(result);
}
