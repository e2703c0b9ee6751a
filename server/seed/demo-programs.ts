// The demo's channel programs at Contoso Cloud, woven into the deals' timeline (demo-deals.ts):
// a reseller program with three tiers and a referral program, partners applying and the partner
// team approving them (each with its onboarding checklist, partly done), certifications, tier
// evaluations on each won or approved deal and nightly — so tier history shows the numbers of the
// day, with upgrades and a partner inside its downgrade grace period — and the commissions every
// won, qualified or accepted deal earns, posted as the move flow posts them (priced at the
// partner's tier of that day, earned on the deal's date). The money side is in demo-money.ts.
//
// Through the story (days ago): the programs open (212); Northwind (195), Fabrikam (190) and
// Tailspin (185) join at Registered. Northwind wins in Finland: Silver at 140, Gold at 95.
// Fabrikam's first win makes it Silver (58); its only certified engineer's certification lapses
// (10), so it sits in Silver's grace period. Tailspin stays Registered and earns referral
// commissions. Litware applies two days ago: the applications queue has it.
import type { DealStatus } from '../../common/deals.ts';
import type { AppContext } from '../context.ts';
import { enrollPartnerFlow } from '../flows/enroll-partner.ts';
import type { MemberActor } from '../http/actor.ts';
import { type CommissionEvent, postDealCommissions } from '../modules/ledger/index.ts';
import type { ServiceContext } from '../modules/partnerships/index.ts';
import {
  applyToProgram,
  createProgram,
  createRule,
  evaluateTiers,
  getEnrollment,
  putTiers,
  recordCertification,
  updateTask,
} from '../modules/programs/index.ts';
import { backdate, dated } from './demo-dates.ts';
import type { DemoCast, DemoStory, Step } from './demo-deals.ts';
import { demoMoneySteps } from './demo-money.ts';

const EUR = (major: number) => major * 100;

const RESELLER = {
  name: 'Contoso Reseller Program',
  kind: 'reseller' as const,
  currency: 'EUR',
  status: 'published' as const,
  description:
    'Resell Contoso cloud security and compliance to your customers: register your deals for 90 days of protection, earn a commission on every registration you win, and move up from Registered to Silver and Gold as your won revenue and certified engineers grow.',
  terms:
    'Commissions are paid monthly in arrears once their 30-day holding period has passed; payouts below EUR 50 roll over. Tiers are evaluated on every won or approved deal and nightly on the trailing 12 months; a partner below its tier keeps it for 60 days. Contoso may claw back commissions on refunded deals.',
  partnershipTypes: ['resells' as const],
  questions: [
    {
      id: 'countries',
      label: 'Which countries do you sell in?',
      kind: 'text' as const,
      required: true,
    },
    {
      id: 'engineers',
      label: 'How many certified security engineers do you have?',
      kind: 'choice' as const,
      options: ['None yet', '1–5', '6–20', 'More than 20'],
      required: true,
    },
    {
      id: 'managed',
      label: 'Do you run a managed service (SOC or NOC)?',
      kind: 'yes_no' as const,
      required: false,
    },
    {
      id: 'pipeline',
      label: 'Tell us about your first Contoso opportunities',
      kind: 'long_text' as const,
      required: false,
    },
  ],
  onboarding: [
    { title: 'Sign the Contoso reseller agreement', ownerSide: 'partner' as const, dueInDays: 7 },
    { title: 'Kick-off call with your alliance manager', ownerSide: 'vendor' as const, dueInDays: 10 },
    {
      title: 'Open deal registration and the partner portal for your team',
      ownerSide: 'vendor' as const,
      dueInDays: 14,
    },
    {
      title: 'Two people pass Contoso Certified Security Specialist',
      ownerSide: 'partner' as const,
      dueInDays: 90,
    },
    { title: 'Register your first Contoso deal', ownerSide: 'partner' as const, dueInDays: 60 },
  ],
  downgradeGraceDays: 60,
  holdingDays: 30,
};

const none = { revenueMinor: 0, wonDeals: 0, registeredDeals: 0, certifiedPeople: 0, customers: 0 };
const TIERS = [
  { name: 'Registered', requirements: none, discountBp: 1000, mdfBudgetMinor: 0 },
  {
    name: 'Silver',
    requirements: { ...none, revenueMinor: EUR(50_000), wonDeals: 1, registeredDeals: 2, certifiedPeople: 1 },
    discountBp: 1500,
    mdfBudgetMinor: EUR(5_000),
  },
  {
    name: 'Gold',
    requirements: {
      ...none,
      revenueMinor: EUR(150_000),
      wonDeals: 3,
      registeredDeals: 3,
      certifiedPeople: 2,
    },
    discountBp: 2000,
    mdfBudgetMinor: EUR(20_000),
  },
];
/** Commission on won registrations, per tier (basis points). */
const TIER_RATES: Record<string, number> = { Registered: 500, Silver: 800, Gold: 1200 };

const REFERRAL = {
  name: 'Contoso Referral Program',
  kind: 'referral' as const,
  currency: 'EUR',
  status: 'published' as const,
  description:
    'Introduce businesses that need cloud security and compliance to Contoso: EUR 150 for every lead we accept, EUR 500 when it qualifies, and 8 % of the first deal we win with it.',
  terms:
    'A lead counts when Contoso accepts it; the same customer is paid once. Commissions are payable after 30 days.',
  partnershipTypes: ['refers' as const],
  questions: [
    {
      id: 'industries',
      label: 'Which industries do your clients work in?',
      kind: 'text' as const,
      required: true,
    },
    {
      id: 'introductions',
      label: 'How many introductions a year do you expect to make?',
      kind: 'choice' as const,
      options: ['1–5', '6–20', 'More than 20'],
      required: true,
    },
  ],
  onboarding: [
    { title: 'Accept the referral terms', ownerSide: 'partner' as const, dueInDays: 7 },
    { title: 'Introduction call: which clients fit Contoso', ownerSide: 'vendor' as const, dueInDays: 14 },
  ],
  downgradeGraceDays: 60,
  holdingDays: 30,
};

interface EnrollmentPlan {
  partner: string;
  program: 'reseller' | 'referral';
  /** Who applies (partner side) and approves (vendor side), by e-mail. */
  by: string;
  approver: string;
  answers: Record<string, string | boolean>;
  message: string;
  appliedDaysAgo: number;
  /** Not approved: the application waits in the queue. */
  approvedDaysAgo?: number;
  /** Checklist positions ticked, with when. */
  done?: [position: number, daysAgo: number][];
}

const ENROLLMENTS: EnrollmentPlan[] = [
  {
    partner: 'Northwind MSP',
    program: 'reseller',
    by: 'jonas@northwind.example',
    approver: 'anders@contoso.example',
    answers: {
      countries: 'Sweden, Norway, Denmark, Finland',
      engineers: '6–20',
      managed: true,
      pipeline: 'Three Finnish customers of our SOC are ready to add Contoso compliance this half year.',
    },
    message: 'We already resell Contoso; we would like the program benefits and a path to Gold.',
    appliedDaysAgo: 200,
    approvedDaysAgo: 195,
    done: [
      [0, 194],
      [1, 190],
      [2, 189],
      [4, 174.9],
      [3, 119.9],
    ],
  },
  {
    partner: 'Fabrikam Integrators',
    program: 'reseller',
    by: 'felix@fabrikam.example',
    approver: 'priya@contoso.example',
    answers: { countries: 'Germany, Austria, Switzerland', engineers: '1–5', managed: false },
    message: 'Contoso compliance belongs in every SAP-on-Azure migration we run.',
    appliedDaysAgo: 193,
    approvedDaysAgo: 190,
    done: [
      [0, 188],
      [1, 185],
      [2, 184],
      [4, 99.9],
    ],
  },
  {
    partner: 'Tailspin Referrals',
    program: 'referral',
    by: 'tariq@tailspin.example',
    approver: 'priya@contoso.example',
    answers: { industries: 'Professional services, insurance, retail', introductions: '6–20' },
    message: 'Many of our UK and Irish clients ask us for a compliance vendor.',
    appliedDaysAgo: 188,
    approvedDaysAgo: 185,
    done: [
      [0, 184],
      [1, 180],
    ],
  },
  {
    partner: 'Tailspin Referrals',
    program: 'reseller',
    by: 'tariq@tailspin.example',
    approver: 'priya@contoso.example',
    answers: { countries: 'United Kingdom, Ireland', engineers: 'None yet' },
    message: 'Some clients want to buy through us; we would register those deals.',
    appliedDaysAgo: 188,
    approvedDaysAgo: 185,
    done: [[0, 184]],
  },
  {
    partner: 'Litware Security',
    program: 'reseller',
    by: 'lucia@litware.example',
    approver: 'anders@contoso.example',
    answers: {
      countries: 'Spain, Portugal',
      engineers: '6–20',
      managed: false,
      pipeline:
        'Two banks in Madrid and an insurer in Lisbon are evaluating identity and compliance tooling.',
    },
    message: 'We proposed a partnership yesterday; here is our application to resell Contoso in Iberia.',
    appliedDaysAgo: 2,
  },
];

/** Certifications Contoso records for people at its partners. */
const CERTIFICATIONS = [
  {
    partner: 'Northwind MSP',
    by: 'anders@contoso.example',
    daysAgo: 194,
    personName: 'Jonas Lind',
    personEmail: 'jonas@northwind.example',
    name: 'Contoso Certified Security Specialist',
    issued: -230,
    expires: 500 as number | null,
  },
  {
    partner: 'Northwind MSP',
    by: 'anders@contoso.example',
    daysAgo: 120,
    personName: 'Erik Sandberg',
    personEmail: 'erik.sandberg@northwind.example',
    name: 'Contoso Certified Security Specialist',
    issued: -121,
    expires: 609,
  },
  {
    partner: 'Northwind MSP',
    by: 'anders@contoso.example',
    daysAgo: 60,
    personName: 'Nora Berg',
    personEmail: 'nora@northwind.example',
    name: 'Contoso Sales Professional',
    issued: -61,
    expires: null,
  },
  {
    // Two years old and lapsing ten days ago: Fabrikam falls below Silver.
    partner: 'Fabrikam Integrators',
    by: 'priya@contoso.example',
    daysAgo: 189,
    personName: 'Lena Vogel',
    personEmail: 'lena@fabrikam.example',
    name: 'Contoso Certified Security Specialist',
    issued: -740,
    expires: -10,
  },
];

/** The commission event a move is, and the moves tiers are measured by (as flows/move-deal.ts). */
const COMMISSION_EVENT: Partial<Record<DealStatus, CommissionEvent>> = {
  won: 'deal_won',
  qualified: 'referral_qualified',
  accepted: 'lead_accepted',
};
const TIER_MOVES: readonly DealStatus[] = ['won', 'approved'];

/** What the money steps need of the programs once their steps have run. */
export interface DemoProgramsState {
  programs: { reseller: string; referral: string };
  /** Enrollment ids by "partner|program" ("Northwind MSP|reseller"). */
  enrollments: Map<string, string>;
}

/** The nightly tier evaluation on these days (the one after the certification lapsed, and last night). */
const NIGHTLY = [9, 0.3];

/**
 * The programs and money story to weave into the deals' timeline: its steps, and what follows each
 * deal move (the commissions it earns, the pair's tier evaluation).
 */
export function demoProgramsStory(ctx: AppContext, cast: DemoCast, now: Date): DemoStory {
  const log = ctx.log.levelVal >= 40 ? ctx.log : ctx.log.child({}, { level: 'warn' });
  const svc: ServiceContext = { db: ctx.db, env: ctx.env, jobs: ctx.jobs, log };
  const person = (email: string): MemberActor => {
    const actor = cast.people.get(email);
    if (!actor) throw new Error(`Demo programs: no demo person ${email}`);
    return actor;
  };
  const org = (name: string) => {
    const id = cast.orgs.get(name);
    if (!id) throw new Error(`Demo programs: no demo organization ${name}`);
    return id;
  };
  const ago = (days: number) => new Date(now.getTime() - days * 86_400_000);
  const day = (fromNow: number) => new Date(now.getTime() + fromNow * 86_400_000).toISOString().slice(0, 10);
  const at = async (days: number, run: () => Promise<unknown>) => {
    await dated(ctx.db, now, ago(days), run);
  };
  const contoso = org('Contoso Cloud');
  const state: DemoProgramsState = { programs: { reseller: '', referral: '' }, enrollments: new Map() };
  const programs = state.programs;
  const cpo = person('cpo@contoso.example');
  const steps: Step[] = [];

  steps.push({
    daysAgo: 212,
    run: () =>
      at(212, async () => {
        programs.reseller = (await createProgram(ctx.db, cpo, RESELLER)).id;
        const tiers = await putTiers(svc, cpo, programs.reseller, TIERS);
        for (const tier of tiers)
          await createRule(ctx.db, cpo, programs.reseller, {
            kind: 'percentage',
            event: 'deal_won',
            rateBp: TIER_RATES[tier.name]!,
            tierId: tier.id,
            dealKind: 'registration',
          });
        await createRule(ctx.db, cpo, programs.reseller, {
          kind: 'flat',
          event: 'deal_won',
          amountMinor: EUR(250),
          tierId: null,
          dealKind: 'registration',
        });
        await createRule(ctx.db, cpo, programs.reseller, {
          kind: 'recurring',
          event: 'deal_won',
          rateBp: 300,
          months: 12,
          tierId: null,
          dealKind: 'registration',
        });
        programs.referral = (await createProgram(ctx.db, cpo, REFERRAL)).id;
        const referralRule = (input: Parameters<typeof createRule>[3]) =>
          createRule(ctx.db, cpo, programs.referral, input);
        await referralRule({
          kind: 'per_lead',
          event: 'lead_accepted',
          amountMinor: EUR(150),
          tierId: null,
          dealKind: 'referral',
        });
        await referralRule({
          kind: 'flat',
          event: 'referral_qualified',
          amountMinor: EUR(500),
          tierId: null,
          dealKind: 'referral',
        });
        await referralRule({
          kind: 'percentage',
          event: 'deal_won',
          rateBp: 800,
          tierId: null,
          dealKind: 'referral',
        });
      }),
  });

  for (const plan of ENROLLMENTS) {
    let applicationId = '';
    let enrollmentId = '';
    let tasks: { id: string; ownerSide: 'vendor' | 'partner' }[] = [];
    const applicant = person(plan.by);
    steps.push({
      daysAgo: plan.appliedDaysAgo,
      run: () =>
        at(plan.appliedDaysAgo, async () => {
          applicationId = (
            await applyToProgram(svc, applicant, programs[plan.program], {
              answers: plan.answers,
              message: plan.message,
            })
          ).id;
        }),
    });
    const approved = plan.approvedDaysAgo;
    if (approved === undefined) continue;
    const approver = person(plan.approver);
    steps.push({
      daysAgo: approved,
      run: () =>
        at(approved, async () => {
          enrollmentId = (
            await enrollPartnerFlow(
              svc,
              approver,
              applicationId,
              { ownerUserId: approver.userId },
              ago(approved),
            )
          ).enrollment.id;
          state.enrollments.set(`${plan.partner}|${plan.program}`, enrollmentId);
          tasks = (await getEnrollment(ctx.db, approver, enrollmentId)).tasks;
        }),
    });
    for (const [position, daysAgo] of plan.done ?? [])
      steps.push({
        daysAgo,
        run: () =>
          at(daysAgo, async () => {
            const task = tasks[position]!;
            await updateTask(
              ctx.db,
              task.ownerSide === 'vendor' ? approver : applicant,
              enrollmentId,
              task.id,
              {
                done: true,
              },
            );
          }),
      });
  }

  for (const c of CERTIFICATIONS)
    steps.push({
      daysAgo: c.daysAgo,
      // The service evaluates the pair's tiers at once, on today's date: the story records each
      // certification on a day its tier does not change, so that evaluation only refreshes numbers.
      run: () =>
        at(c.daysAgo, () =>
          recordCertification(svc, person(c.by), {
            partnerId: org(c.partner),
            personName: c.personName,
            personEmail: c.personEmail,
            name: c.name,
            issuedOn: day(c.issued),
            expiresOn: c.expires === null ? null : day(c.expires),
          }),
        ),
    });

  for (const daysAgo of NIGHTLY)
    steps.push({
      daysAgo,
      run: () => at(daysAgo, () => evaluateTiers(svc, { vendorId: contoso }, ago(daysAgo))),
    });

  steps.push(...demoMoneySteps(ctx, cast, now, state));

  return {
    steps,
    async afterMove(moved) {
      const event = COMMISSION_EVENT[moved.to];
      if (event)
        await ctx.db.transaction((tx) =>
          postDealCommissions({ db: tx }, moved.dealId, event, moved.by.userId),
        );
      const vendorId = moved.counterpartyId;
      if (vendorId && TIER_MOVES.includes(moved.to)) {
        const since = new Date();
        const outcomes = await evaluateTiers(svc, { vendorId, partnerId: moved.creatorId }, moved.at);
        // Dated by `moved.at` already; a change also sent a notice "now".
        if (outcomes.some((o) => o.kind)) await backdate(ctx.db, now, since, moved.at);
      }
    },
  };
}
