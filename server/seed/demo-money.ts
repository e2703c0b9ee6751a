// The demo's money, woven into the deals' timeline with the programs (demo-programs.ts): money
// settings and FX rates, P2P referral fees between Northwind and Fabrikam (who refer both ways)
// with an earlier period settled, MDF requests in every state, and Contoso's payouts — last
// month but one paid, last month's open.
import { sql } from 'drizzle-orm';
import type { AppContext } from '../context.ts';
import { rowsOf } from '../db/client.ts';
import type { MemberActor } from '../http/actor.ts';
import { importRates, setReferralFee, settleNetting, updateMoneySettings } from '../modules/ledger/index.ts';
import type { ServiceContext } from '../modules/partnerships/index.ts';
import { getPayout, markPaid, runPayout } from '../modules/payouts/index.ts';
import { actOnMdf, requestMdf } from '../modules/programs/index.ts';
import { dated } from './demo-dates.ts';
import type { DemoCast, Step } from './demo-deals.ts';
import type { DemoProgramsState } from './demo-programs.ts';

const DAY = 86_400_000;

// Month-start rates, this month first, back 14 months (1 EUR = x).
const EUR_SEK = [
  '11.4820',
  '11.5235',
  '11.3910',
  '11.2875',
  '11.1940',
  '11.0655',
  '10.9980',
  '11.1230',
  '11.2510',
  '11.3065',
  '11.4170',
  '11.3630',
  '11.2485',
  '11.1390',
  '11.0870',
];
const EUR_USD = [
  '1.0835',
  '1.0792',
  '1.0910',
  '1.1025',
  '1.1140',
  '1.1268',
  '1.1315',
  '1.1190',
  '1.1045',
  '1.0968',
  '1.0874',
  '1.0921',
  '1.1053',
  '1.1172',
  '1.1236',
];

interface MdfPlan {
  partner: string;
  by: string;
  reviewer: string;
  title: string;
  description: string;
  amount: number;
  requested: number;
  approved?: number;
  claimed?: { daysAgo: number; proof: string };
  /** The claim approved (by finance): an `mdf` ledger entry. */
  paid?: number;
}

const MDF: MdfPlan[] = [
  {
    partner: 'Northwind MSP',
    by: 'jonas@northwind.example',
    reviewer: 'anders@contoso.example',
    title: 'Nordic Partner Summit booth (Stockholm)',
    description: 'A Contoso security corner on our booth, with two demo stations and a NIS2 talk.',
    amount: 6_000,
    requested: 50,
    approved: 48,
    claimed: {
      daysAgo: 25,
      proof:
        'Invoice NW-2026-118 from the summit organizer, photos and the 64 leads scanned: https://northwind.example/summit',
    },
    paid: 20,
  },
  {
    partner: 'Northwind MSP',
    by: 'jonas@northwind.example',
    reviewer: 'anders@contoso.example',
    title: 'NIS2 readiness webinar series',
    description:
      'Three webinars for Nordic healthcare and manufacturing IT leads, co-presented with Contoso.',
    amount: 3_500,
    requested: 12,
    approved: 10,
  },
  {
    partner: 'Northwind MSP',
    by: 'nora@northwind.example',
    reviewer: 'anders@contoso.example',
    title: 'Healthcare CISO breakfast in Oslo',
    description: 'Breakfast for 20 hospital CISOs with a Contoso compliance demo.',
    amount: 2_500,
    requested: 2,
  },
  {
    partner: 'Fabrikam Integrators',
    by: 'felix@fabrikam.example',
    reviewer: 'priya@contoso.example',
    title: 'SAP on Azure compliance roadshow, München',
    description: 'Half-day sessions in München and Stuttgart for manufacturing IT managers.',
    amount: 4_000,
    requested: 40,
    approved: 38,
    claimed: {
      daysAgo: 6,
      proof: 'Venue invoices and attendee lists (41 people): https://fabrikam.example/roadshow',
    },
  },
];

/** The money steps of the story (see the file comment). */
export function demoMoneySteps(ctx: AppContext, cast: DemoCast, now: Date, state: DemoProgramsState): Step[] {
  const log = ctx.log.levelVal >= 40 ? ctx.log : ctx.log.child({}, { level: 'warn' });
  const svc: ServiceContext = { db: ctx.db, env: ctx.env, jobs: ctx.jobs, log };
  const person = (email: string): MemberActor => {
    const actor = cast.people.get(email);
    if (!actor) throw new Error(`Demo money: no demo person ${email}`);
    return actor;
  };
  const org = (name: string) => cast.orgs.get(name)!;
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  const monthStart = (plus: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + plus, 1));
  const daysAgoOf = (d: Date) => (now.getTime() - d.getTime()) / DAY;
  const step = (daysAgo: number, run: () => Promise<unknown>): Step => ({
    daysAgo,
    run: async () => {
      await dated(ctx.db, now, ago(daysAgo), run);
    },
  });
  const finance = person('finance@contoso.example');
  const nora = person('nora@northwind.example');
  const felix = person('felix@fabrikam.example');
  const steps: Step[] = [];

  const pairId = async () => {
    const [a, b] = [org('Northwind MSP'), org('Fabrikam Integrators')];
    const [row] = rowsOf<{ id: string }>(
      await ctx.db.execute(sql`
        select id from partnership
         where status = 'active' and least(organization_id, partner_id) = least(${a}, ${b})
           and greatest(organization_id, partner_id) = greatest(${a}, ${b})`),
    );
    if (!row) throw new Error('Demo money: Northwind and Fabrikam have no active partnership');
    return row.id;
  };

  // Each pays the other 10 % of the referrals it wins, agreed soon after they partnered.
  steps.push(
    step(235, async () => {
      const id = await pairId();
      await setReferralFee(svc, nora, id, 1000);
      await setReferralFee(svc, felix, id, 1000);
    }),
  );

  steps.push(
    step(213, async () => {
      await updateMoneySettings(ctx.db, finance, {
        reportingCurrency: 'EUR',
        payoutMinimums: { EUR: 5_000 },
      });
      await updateMoneySettings(ctx.db, nora, { reportingCurrency: 'SEK' });
    }),
  );

  // Month-start rates for everyone who reports on the demo's SEK, USD and EUR amounts.
  const csv = [
    'base,quote,date,rate',
    ...EUR_SEK.flatMap((sek, i) => [
      `EUR,SEK,${iso(monthStart(-i))},${sek}`,
      `EUR,USD,${iso(monthStart(-i))},${EUR_USD[i]}`,
    ]),
  ].join('\n');
  steps.push(
    step(0.5, async () => {
      for (const email of [
        'finance@contoso.example',
        'nora@northwind.example',
        'felix@fabrikam.example',
        'tariq@tailspin.example',
      ])
        await importRates(ctx.db, person(email), csv);
    }),
  );

  for (const m of MDF) {
    let id = '';
    const partner = person(m.by);
    const reviewer = person(m.reviewer);
    steps.push(
      step(m.requested, async () => {
        const enrollmentId = state.enrollments.get(`${m.partner}|reseller`)!;
        id = (
          await requestMdf(
            svc,
            partner,
            { enrollmentId, title: m.title, description: m.description, amountMinor: m.amount * 100 },
            ago(m.requested),
          )
        ).id;
      }),
    );
    const { approved, claimed, paid } = m;
    if (approved !== undefined)
      steps.push(step(approved, () => actOnMdf(svc, reviewer, id, 'approve', {}, ago(approved))));
    if (claimed)
      steps.push(
        step(claimed.daysAgo, () =>
          actOnMdf(svc, partner, id, 'claim', { proof: claimed.proof }, ago(claimed.daysAgo)),
        ),
      );
    if (paid !== undefined)
      steps.push(step(paid, () => actOnMdf(svc, finance, id, 'approve-claim', {}, ago(paid))));
  }

  // Northwind settles the fees both ways up to three weeks ago; what is owed since stays open.
  steps.push(
    step(19, async () => {
      await settleNetting(svc, nora, await pairId(), {
        periodStart: iso(new Date(Date.UTC(ago(50).getUTCFullYear(), ago(50).getUTCMonth(), 1))),
        periodEnd: iso(ago(20)),
        externalReference: 'NWMSP-FAB-0001',
      });
    }),
  );

  // Payouts: last month but one, run on the 3rd and paid on the 5th; last month, run on the 2nd
  // (or just now, early on the 1st) and still open.
  const lastDay = (plus: number) => iso(new Date(monthStart(plus + 1).getTime() - DAY));
  const paidRun = new Date(monthStart(-1).getTime() + 2 * DAY);
  const paidOn = new Date(monthStart(-1).getTime() + 4 * DAY);
  let paidPayout = '';
  steps.push(
    step(daysAgoOf(paidRun), async () => {
      paidPayout = (
        await runPayout(svc, finance, { periodStart: iso(monthStart(-2)), periodEnd: lastDay(-2) }, paidRun)
      ).id;
    }),
    step(daysAgoOf(paidOn), async () => {
      const { statements } = await getPayout(ctx.db, finance, paidPayout);
      for (const [i, s] of statements.entries())
        await markPaid(
          svc,
          finance,
          paidPayout,
          s.id,
          `SEPA-${iso(paidOn).slice(0, 7)}-${String(i + 1).padStart(3, '0')}`,
        );
    }),
  );
  const openRun = new Date(Math.min(monthStart(0).getTime() + DAY, now.getTime() - 60_000));
  steps.push(
    step(daysAgoOf(openRun), () =>
      runPayout(svc, finance, { periodStart: iso(monthStart(-1)), periodEnd: lastDay(-1) }, openRun),
    ),
  );
  return steps;
}
