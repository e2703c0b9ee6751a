import { sql } from 'drizzle-orm';
import { textArray } from '../../db/arrays.ts';
import { type Db, rowsOf } from '../../db/client.ts';
import type { TenantScope } from '../../db/tenant.ts';

/** The customer keys a deal's conflict check compares (the deals module computes them). */
export interface PipelineProbe {
  domainKey: string | null;
  nameKey: string;
  country: string | null;
  /** Distinctive words of the name key: a shared one makes an account a name candidate. */
  words: readonly string[];
}

/** An account of a vendor's imported open opportunities that may be the same customer. */
export interface PipelineAccount {
  id: string;
  organizationId: string;
  name: string;
  domain: string | null;
  domainKey: string | null;
  nameKey: string;
  country: string | null;
}

/**
 * Accounts of the vendor's own imported open opportunities (population bit 2 of its own set) that
 * may be the same customer, by the rules the conflict engine uses for deals: the domain key, or —
 * where either side has no domain — a similar name (trigram or a shared distinctive word) in the same
 * country; best candidates first. Index probes on crm_account's partial open-opportunity indexes.
 */
export async function selectOpenOpportunityCandidates(
  db: Db,
  vendorId: string,
  probe: PipelineProbe,
): Promise<PipelineAccount[]> {
  const sharedWord = probe.words.length
    ? sql`or string_to_array(a.name_key, ' ') && ${textArray(probe.words)}`
    : sql``;
  const sameCountry = probe.country ? sql`and (a.country = ${probe.country} or a.country is null)` : sql``;
  const namePath = sql`(${probe.domainKey ? sql`a.domain_key is null` : sql`true`} ${sameCountry}
        and (a.name_key % ${probe.nameKey} ${sharedWord}))`;
  const result = await db.execute(sql`
    select a.id, a.organization_id as "organizationId", a.name, a.domain, a.domain_key as "domainKey",
           a.name_key as "nameKey", a.country
      from crm_account a
     where a.set_id = (select s.id from account_set s where s.organization_id = ${vendorId} and s.subject_id = ${vendorId})
       and a.pop_bits & 4 <> 0
       and (${probe.domainKey ? sql`a.domain_key = ${probe.domainKey} or ` : sql``}${namePath})
     order by ${probe.domainKey ? sql`(a.domain_key = ${probe.domainKey}) is true desc, ` : sql``}similarity(a.name_key, ${probe.nameKey}) desc
     limit 200`);
  return rowsOf<PipelineAccount>(result);
}

/** An organization's accounts by id (those a later import removed drop out), for showing matches. */
export async function selectAccountsByIds(db: Db, scope: TenantScope, ids: readonly string[]) {
  if (!ids.length) return [];
  const result = await db.execute(sql`
    select a.id, a.external_id as "externalId", a.name, a.domain, a.country, a.stage
      from crm_account a
     where a.organization_id = ${scope.orgId}
       and a.id in (${sql.join(
         ids.map((id) => sql`${id}`),
         sql`, `,
       )})`);
  return rowsOf<{
    id: string;
    externalId: string;
    name: string;
    domain: string | null;
    country: string | null;
    stage: string | null;
  }>(result);
}
