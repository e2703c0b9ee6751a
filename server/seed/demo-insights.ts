// A year of Contoso's partner business, so the cockpit's charts, the trust scores and the insights
// have something to show on first start: 24 of the generated resellers, MSPs and integrators that
// joined Contoso's program ecosystem become partners over the past 14 months (owned by Anders or
// Priya, enrolled in the reseller program at a tier), register deals with Contoso, refer customers
// both ways and co-sell Contoso's own opportunities; Contoso's direct team wins and loses its own
// deals beside them. Two early partners went quiet a year ago. Every deal is closed (won, lost,
// rejected or expired), so none of it reaches the review queue or the conflict engine.
//
// Written set-based (a few multi-row inserts) rather than through the services, to keep the demo
// fast: 24 partnerships, ~200 deals with their parties and timelines. Deterministic: a fixed
// random stream, and ids made for each row's own moment (so lists ordered by id read
// chronologically, like the rest of the demo). Ends with the insights refresh.
import { sql } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { type Db, rowsOf } from '../db/client.ts';
import { deal, dealEvent, dealParty, enrollment, partnership, partnershipEvent } from '../db/schema/index.ts';
import { companyNameKey } from '../modules/deals/index.ts';
import { runInsightsRefresh } from '../modules/insights/index.ts';
import type { DemoCast } from './demo-deals.ts';
import { Rng, uuidv7At } from './generator/random.ts';

const DAY = 86_400_000;
const SEED = 7;

const PLACES = [
  'Nordic',
  'Alpine',
  'Harbour',
  'Summit',
  'Riverside',
  'Baltic',
  'Atlantic',
  'Meridian',
  'Granite',
  'Cedar',
  'Aurora',
  'Lakeside',
  'Highland',
  'Coastal',
  'Northern',
  'Iberian',
];
const TRADES = [
  'Logistics',
  'Clinics',
  'Foods',
  'Savings Bank',
  'Insurance',
  'Retail Group',
  'Energy',
  'Laboratories',
  'Engineering',
  'Hotels',
  'Freight',
  'Pharma',
  'Dental Care',
  'Law Partners',
  'Municipal Services',
  'Manufacturing',
];
const SUFFIX: Record<string, string> = {
  SE: 'AB',
  NO: 'AS',
  DK: 'A/S',
  FI: 'Oy',
  DE: 'GmbH',
  AT: 'GmbH',
  CH: 'AG',
  FR: 'SA',
  ES: 'SL',
  IT: 'S.p.A.',
  NL: 'B.V.',
  GB: 'Ltd',
  IE: 'Ltd',
  US: 'Inc.',
  CA: 'Inc.',
};
const COUNTRIES = Object.keys(SUFFIX);

type Row<T extends { $inferInsert: unknown }> = T['$inferInsert'];

interface Partner {
  id: string;
  name: string;
  country: string;
  joinedDaysAgo: number;
  ownerUserId: string;
  /** How much business it brings (the first partners bring the most). */
  weight: number;
  /** Its last deal this many days ago or earlier: 0 for a partner still busy. */
  quietSince: number;
}

/** Inserts rows in chunks (one statement each). */
async function insertAll<T>(db: Db, table: Parameters<Db['insert']>[0], rows: T[]) {
  for (let i = 0; i < rows.length; i += 400) await db.insert(table).values(rows.slice(i, i + 400) as never);
}

/**
 * Seeds Contoso's year of partner business (see the file comment). Runs after the deals and
 * programs story, which it leaves untouched.
 */
export async function seedDemoInsights(ctx: AppContext, cast: DemoCast, now: Date): Promise<void> {
  const db = ctx.db;
  const contoso = cast.orgs.get('Contoso Cloud')!;
  const anders = cast.people.get('anders@contoso.example')!;
  const priya = cast.people.get('priya@contoso.example')!;
  const sam = cast.people.get('sales@contoso.example')!;
  const rng = new Rng(SEED, 1);
  const nowMs = now.getTime();
  const ago = (days: number) => nowMs - days * DAY;
  const id = (ms: number) => uuidv7At(ms, rng);

  // The generated organizations in Contoso's program ecosystem, in a stable order.
  const candidates = rowsOf<{ organization_id: string; name: string; hq_country: string | null }>(
    await db.execute(sql`
      select em.organization_id, o.name, p.hq_country
        from ecosystem_member em
        join ecosystem e on e.id = em.ecosystem_id
        join organization o on o.id = em.organization_id
        join organization_profile p on p.organization_id = em.organization_id
       where e.name = 'Contoso Cloud Partner Program' and em.status = 'member' and p.source = 'generated'
         and not exists (select 1 from partnership x
                          where (x.organization_id = em.organization_id and x.partner_id = ${contoso})
                             or (x.partner_id = em.organization_id and x.organization_id = ${contoso}))
       order by o.name, o.id
       limit 24`),
  );
  // Joining over 14 months: four early ones, then one or two a month. The third and fourth went
  // quiet over a year ago (one deal each, right after joining); a few more have had nothing for
  // some months. Business is concentrated the way channels are: the first partners bring the most.
  const partners: Partner[] = candidates.map((c, i) => {
    const inactive = i === 2 || i === 3;
    const rank = inactive ? 20 : i < 2 ? i : i - 2;
    return {
      id: c.organization_id,
      name: c.name,
      country: c.hq_country && SUFFIX[c.hq_country] ? c.hq_country : COUNTRIES[i % COUNTRIES.length]!,
      joinedDaysAgo: i < 4 ? 430 - i * 10 : 392 - (i - 4) * 17 - rng.int(0, 5),
      ownerUserId: i % 3 === 2 ? priya.userId : i % 2 ? priya.userId : anders.userId,
      weight: 1 / (1 + rank * 0.3),
      quietSince: inactive ? -1 : i === 7 || i === 10 || i === 13 ? 95 + i * 5 : 0,
    };
  });

  const partnershipRows: Row<typeof partnership>[] = [];
  const partnershipEvents: Row<typeof partnershipEvent>[] = [];
  for (const p of partners) {
    const proposed = ago(p.joinedDaysAgo + 2.5);
    const accepted = ago(p.joinedDaysAgo);
    const pid = id(proposed);
    partnershipRows.push({
      id: pid,
      organizationId: contoso,
      partnerId: p.id,
      status: 'active',
      types: ['resells', 'refers', 'co_sells'],
      message: `${p.name} joins the Contoso channel.`,
      proposerOwnerUserId: p.ownerUserId,
      createdAt: new Date(proposed),
      decidedAt: new Date(accepted),
      statusChangedAt: new Date(accepted),
    });
    partnershipEvents.push(
      {
        id: id(proposed),
        organizationId: contoso,
        partnershipId: pid,
        kind: 'proposed',
        createdAt: new Date(proposed),
      },
      {
        id: id(accepted),
        organizationId: p.id,
        partnershipId: pid,
        kind: 'accepted',
        createdAt: new Date(accepted),
      },
    );
  }
  await insertAll(db, partnership, partnershipRows);
  await insertAll(db, partnershipEvent, partnershipEvents);

  // Enrollments: most in the reseller program, at a tier that fits how much they sell.
  const tiers = rowsOf<{ program_id: string; program: string; tier_id: string; rank: number }>(
    await db.execute(sql`
      select p.id as program_id, p.name as program, t.id as tier_id, t.rank
        from program p join program_tier t on t.program_id = p.id
       where p.organization_id = ${contoso} order by p.name, t.rank`),
  );
  const reseller = tiers.filter((t) => t.program === 'Contoso Reseller Program');
  const enrollments: Row<typeof enrollment>[] = [];
  partners.forEach((p, i) => {
    if (reseller.length === 0 || i % 7 === 5) return;
    const rank = p.weight > 0.45 ? 3 : p.weight > 0.22 ? 2 : 1;
    const tier = reseller.find((t) => Number(t.rank) === rank) ?? reseller[0]!;
    enrollments.push({
      id: id(ago(p.joinedDaysAgo)),
      organizationId: contoso,
      partnerId: p.id,
      programId: tier.program_id,
      tierId: tier.tier_id,
      joinedAt: new Date(ago(p.joinedDaysAgo)),
      evaluatedAt: new Date(ago(1)),
    });
  });
  await insertAll(db, enrollment, enrollments);

  const deals: Row<typeof deal>[] = [];
  const parties: Row<typeof dealParty>[] = [];
  const events: Row<typeof dealEvent>[] = [];
  const customer = (country: string) => {
    const name = `${rng.pick(PLACES)} ${rng.pick(TRADES)} ${SUFFIX[country] ?? 'Ltd'}`;
    return { name, key: companyNameKey(name) };
  };
  const event = (
    dealId: string,
    orgId: string,
    ms: number,
    kind: string,
    from: string | null,
    to: string | null,
    data?: unknown,
  ) =>
    events.push({
      id: id(ms),
      organizationId: orgId,
      dealId,
      kind,
      fromStatus: from,
      toStatus: to,
      createdAt: new Date(ms),
      ...(data ? { data } : {}),
    });

  /** One closed deal: created `startDaysAgo`, closed after `cycle` days. */
  const addDeal = (spec: {
    kind: 'registration' | 'referral' | 'opportunity';
    from: string;
    to: string | null;
    startDaysAgo: number;
    cycle: number;
    outcome: 'won' | 'lost' | 'rejected' | 'expired';
    amountMinor: number;
    currency: string;
    country: string;
    coSeller?: { org: string; attribution: 'sourced' | 'influenced' | 'delivering' };
    userId?: string;
  }) => {
    const start = ago(spec.startDaysAgo);
    const end = ago(spec.startDaysAgo - spec.cycle);
    const dealId = id(start);
    const c = customer(spec.country);
    const won = spec.outcome === 'won' ? Math.round((spec.amountMinor * (95 + rng.int(0, 15))) / 100) : null;
    deals.push({
      id: dealId,
      organizationId: spec.from,
      counterpartyId: spec.to,
      vendorId: spec.kind === 'referral' ? null : contoso,
      kind: spec.kind,
      status: spec.outcome,
      title: c.name,
      customerName: c.name,
      customerNameKey: c.key,
      customerCountry: spec.country,
      amountMinor: spec.amountMinor,
      currency: spec.currency,
      wonAmountMinor: won,
      createdByUserId: spec.userId ?? null,
      createdAt: new Date(start),
      updatedAt: new Date(end),
      sentAt: spec.kind === 'opportunity' ? null : new Date(start),
      answeredAt: spec.kind === 'opportunity' ? null : new Date(start + 0.6 * DAY),
      closedAt: new Date(end),
      statusReason: spec.outcome === 'rejected' ? 'Already in our direct pipeline.' : null,
    });
    parties.push({ dealId, organizationId: spec.from, side: 'from', addedAt: new Date(start) });
    if (spec.to) parties.push({ dealId, organizationId: spec.to, side: 'to', addedAt: new Date(start) });
    event(
      dealId,
      spec.from,
      start,
      'created',
      null,
      spec.kind === 'registration' ? 'submitted' : spec.kind === 'referral' ? 'sent' : 'open',
    );
    if (spec.coSeller) {
      parties.push({
        dealId,
        organizationId: spec.coSeller.org,
        side: 'co_seller',
        attribution: spec.coSeller.attribution,
        addedAt: new Date(start + DAY),
      });
      event(dealId, spec.from, start + DAY, 'partner_added', null, null, spec.coSeller);
    }
    const answerer = spec.to ?? spec.from;
    if (spec.kind === 'registration') {
      if (spec.outcome === 'rejected') {
        event(dealId, answerer, start + 0.6 * DAY, 'status_changed', 'submitted', 'rejected');
        return;
      }
      event(dealId, answerer, start + 0.6 * DAY, 'status_changed', 'submitted', 'approved');
      event(
        dealId,
        spec.outcome === 'expired' ? answerer : spec.from,
        end,
        'status_changed',
        'approved',
        spec.outcome,
        won ? { wonAmountMinor: won } : undefined,
      );
    } else if (spec.kind === 'referral') {
      event(dealId, answerer, start + 0.6 * DAY, 'status_changed', 'sent', 'accepted');
      event(
        dealId,
        answerer,
        end,
        'status_changed',
        'accepted',
        spec.outcome,
        won ? { wonAmountMinor: won } : undefined,
      );
    } else {
      event(
        dealId,
        spec.from,
        end,
        'status_changed',
        'open',
        spec.outcome,
        won ? { wonAmountMinor: won } : undefined,
      );
    }
  };
  const outcome = (pWon: number): 'won' | 'lost' => (rng.chance(pWon) ? 'won' : 'lost');
  const amount = (min: number, max: number) => rng.int(min, max) * 10_000; // whole hundreds

  for (const p of partners) {
    if (p.quietSince < 0) {
      const start = p.joinedDaysAgo - 6;
      addDeal({
        kind: 'registration',
        from: p.id,
        to: contoso,
        startDaysAgo: start,
        cycle: start - 372,
        outcome: 'lost',
        amountMinor: amount(80, 300),
        currency: 'EUR',
        country: p.country,
      });
      continue;
    }
    const last = p.quietSince || 2;
    // Deals start a few weeks after joining (time to first deal) and keep coming while busy; a
    // deal that would still be open today is left out (the demo's open deals are the story's).
    const firstDeal = p.joinedDaysAgo - rng.int(10, 55);
    for (
      let start = firstDeal;
      start > last;
      start -= Math.max(4, Math.round(rng.int(10, 30) / (0.3 + p.weight)))
    ) {
      const roll = rng.next();
      const cycle = rng.int(14, 75);
      if (start - cycle < last) continue;
      if (roll < 0.55) {
        const r = rng.next();
        addDeal({
          kind: 'registration',
          from: p.id,
          to: contoso,
          startDaysAgo: start,
          cycle,
          outcome: r < 0.08 ? 'rejected' : r < 0.14 ? 'expired' : outcome(0.62),
          amountMinor: amount(80, 400 + Math.round(900 * p.weight)),
          currency: 'EUR',
          country: p.country,
        });
      } else if (roll < 0.7) {
        addDeal({
          kind: 'referral',
          from: p.id,
          to: contoso,
          startDaysAgo: start,
          cycle,
          outcome: outcome(0.5),
          amountMinor: amount(60, 500),
          currency: 'EUR',
          country: p.country,
        });
      } else if (roll < 0.8) {
        // Contoso passes a lead the other way (P2P, both directions).
        addDeal({
          kind: 'referral',
          from: contoso,
          to: p.id,
          startDaysAgo: start,
          cycle,
          outcome: outcome(0.6),
          amountMinor: amount(40, 300),
          currency: 'EUR',
          country: p.country,
          userId: p.ownerUserId,
        });
      } else if (start - cycle - 20 >= last) {
        const attribution = rng.chance(0.35) ? 'sourced' : rng.chance(0.5) ? 'influenced' : 'delivering';
        addDeal({
          kind: 'opportunity',
          from: contoso,
          to: null,
          startDaysAgo: start,
          cycle: cycle + 20,
          outcome: outcome(0.68),
          amountMinor: amount(200, 1500),
          currency: 'EUR',
          country: p.country,
          coSeller: { org: p.id, attribution },
          userId: p.ownerUserId,
        });
      }
    }
  }

  // Contoso's direct team: its own opportunities, about four a month, some in US dollars.
  for (let start = 420; start > 32; start -= rng.int(3, 8)) {
    const country = rng.pick(['US', 'US', 'CA', 'GB', 'DE', 'FR', 'NL']);
    const usd = country === 'US' || country === 'CA';
    addDeal({
      kind: 'opportunity',
      from: contoso,
      to: null,
      startDaysAgo: start,
      cycle: rng.int(30, Math.min(110, start - 2)),
      outcome: outcome(0.45),
      amountMinor: amount(250, 2200),
      currency: usd ? 'USD' : 'EUR',
      country,
      userId: sam.userId,
    });
  }

  await insertAll(db, deal, deals);
  await insertAll(db, dealParty, parties);
  await insertAll(db, dealEvent, events);
  // Trust scores, communities and recommendations over all of it, as the nightly job would.
  await runInsightsRefresh(ctx, { trigger: 'seed', seed: 42, inline: true });
}
