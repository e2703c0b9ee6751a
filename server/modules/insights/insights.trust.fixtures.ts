// Test fixtures of the insights tests: organizations, partnerships and deals written straight into
// their tables with chosen times (the deal flows are tested in their own modules; the trust model
// needs deals 200 days old).
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { decayWeight, type TrustInput } from './insights.trust.ts';

const DAY = 86_400_000;
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();

/** The raw inputs of a pair with no evidence at all (every factor 0). */
export const NO_EVIDENCE: TrustInput = {
  wonToPartner: 0,
  wonFromPartner: 0,
  valueToPartner: 0,
  valueFromPartner: 0,
  currency: 'EUR',
  unconvertedCurrencies: [],
  pairWon: 0,
  pairLost: 0,
  viewerWonElsewhere: 0,
  viewerDecidedElsewhere: 0,
  partnerWonElsewhere: 0,
  partnerDecidedElsewhere: 0,
  answeredOnTime: 0,
  answeredLate: 0,
  overdueUnanswered: 0,
  medianAnswerHours: null,
  closed: 0,
  declined: 0,
  expired: 0,
  withdrawn: 0,
  recencyWeight: 0,
  positiveInteractions: 0,
  lastPositiveAt: null,
  partnershipDays: null,
};

/** The raw inputs of insights.trust.sql.test.ts's hand-computed pair (scores 66). */
export const HAND_COMPUTED: TrustInput = {
  ...NO_EVIDENCE,
  wonToPartner: 1,
  wonFromPartner: 1,
  valueToPartner: 1000,
  valueFromPartner: 2000,
  pairWon: 2,
  pairLost: 1,
  viewerWonElsewhere: 1,
  viewerDecidedElsewhere: 2,
  partnerWonElsewhere: 1,
  partnerDecidedElsewhere: 4,
  answeredOnTime: 2,
  answeredLate: 1,
  overdueUnanswered: 1,
  medianAnswerHours: 24,
  closed: 5,
  declined: 1,
  expired: 1,
  recencyWeight: [99, 50, 38, 10, 197, 50].reduce((s, d) => s + decayWeight(d), 0),
  positiveInteractions: 6,
  partnershipDays: 365,
};

/** An organization without members (its id). */
export async function fixtureOrg(
  db: Db,
  name: string,
  profile?: {
    countries?: string[];
    industries?: string[];
    technologies?: string[];
    practices?: string[];
    listed?: boolean;
  },
) {
  const id = newId();
  await db.execute(
    sql`insert into organization (id, name, slug) values (${id}, ${name}, ${`${name.toLowerCase().replace(/\W+/g, '-')}-${id.slice(-8)}`})`,
  );
  if (profile) {
    const arr = (v?: string[]) => sql`${`{${(v ?? []).join(',')}}`}::text[]`;
    await db.execute(sql`
      insert into organization_profile (organization_id, countries, industries, technologies, practices, listed)
      values (${id}, ${arr(profile.countries)}, ${arr(profile.industries)}, ${arr(profile.technologies)},
              ${arr(profile.practices)}, ${profile.listed ?? true})`);
  }
  return id;
}

/** A partnership `a` proposed to `b`, active since `daysAgo` (or another status). */
export async function fixturePartnership(
  db: Db,
  a: string,
  b: string,
  opts: { daysAgo?: number; status?: string } = {},
) {
  const id = newId();
  const decided = ago(opts.daysAgo ?? 0);
  await db.execute(sql`
    insert into partnership (id, organization_id, partner_id, status, types, created_at, decided_at)
    values (${id}, ${a}, ${b}, ${opts.status ?? 'active'}, ${'{refers,resells,co_sells}'}::text[],
            ${decided}::timestamptz, ${decided}::timestamptz)`);
  return id;
}

/** A deal as a trust fixture describes it. */
export interface FixtureDeal {
  kind: 'referral' | 'registration' | 'opportunity';
  from: string;
  /** Counterparty (referral receiver, vendor); none for an opportunity. */
  to?: string;
  status: string;
  amountMinor?: number;
  currency?: string;
  wonAmountMinor?: number;
  /** Days ago it was sent (and created). */
  sentDaysAgo: number;
  /** Hours after sending that it was answered (none: unanswered). */
  answeredAfterHours?: number;
  /** Hours after sending that the answer was due. */
  dueAfterHours?: number;
  /** Days ago it closed. */
  closedDaysAgo?: number;
  /** Timeline events: the state reached and how many days ago. */
  events?: { to: string; daysAgo: number }[];
  coSellers?: string[];
}

/** Writes a deal with its parties and timeline; returns its id. */
export async function fixtureDeal(db: Db, d: FixtureDeal) {
  const id = newId();
  const sent = new Date(Date.now() - d.sentDaysAgo * DAY);
  const plusHours = (h?: number) =>
    h === undefined ? null : new Date(sent.getTime() + h * 3_600_000).toISOString();
  const vendor = d.kind === 'registration' ? d.to : d.kind === 'opportunity' ? d.from : null;
  await db.execute(sql`
    insert into deal (id, organization_id, counterparty_id, vendor_id, kind, status, title, customer_name,
                      customer_name_key, amount_minor, currency, won_amount_minor, created_at, sent_at,
                      answered_at, response_due_at, closed_at)
    values (${id}, ${d.from}, ${d.to ?? null}, ${vendor}, ${d.kind}, ${d.status}, 'Fixture deal', 'Customer',
            'customer', ${d.amountMinor ?? 100_000}, ${d.currency ?? 'EUR'}, ${d.wonAmountMinor ?? null},
            ${sent.toISOString()}::timestamptz, ${d.kind === 'opportunity' ? null : sent.toISOString()}::timestamptz,
            ${plusHours(d.answeredAfterHours)}::timestamptz, ${plusHours(d.dueAfterHours)}::timestamptz,
            ${d.closedDaysAgo === undefined ? null : ago(d.closedDaysAgo)}::timestamptz)`);
  await db.execute(
    sql`insert into deal_party (deal_id, organization_id, side) values (${id}, ${d.from}, 'from')`,
  );
  if (d.to)
    await db.execute(
      sql`insert into deal_party (deal_id, organization_id, side) values (${id}, ${d.to}, 'to')`,
    );
  for (const c of d.coSellers ?? [])
    await db.execute(sql`
      insert into deal_party (deal_id, organization_id, side, attribution) values (${id}, ${c}, 'co_seller', 'sourced')`);
  const events = [
    {
      to: d.kind === 'opportunity' ? 'open' : d.kind === 'referral' ? 'sent' : 'submitted',
      daysAgo: d.sentDaysAgo,
    },
    ...(d.events ?? []),
  ];
  for (const e of events)
    await db.execute(sql`
      insert into deal_event (id, organization_id, deal_id, kind, to_status, created_at)
      values (${newId()}, ${d.from}, ${id}, 'status_changed', ${e.to}, ${ago(e.daysAgo)}::timestamptz)`);
  return id;
}
