// The demo's partnerships and half a year of deals between the named organizations. Everything
// goes through the services (so it is audited, notified and on the activity stream); afterwards
// each step's rows are moved back to the day the story says it happened, because a seed may write
// history that the services, acting "now", cannot. The audit log and the activity stream are
// append-only and keep the time the demo was loaded.

import { sql } from 'drizzle-orm';
import type { DealAttribution, DealStatus, PartnershipType } from '../../common/deals.ts';
import type { AppContext } from '../context.ts';
import { type Db, rowsOf } from '../db/client.ts';
import { proposePartnershipFlow } from '../flows/propose-partnership.ts';
import { sweepDealsFlow } from '../flows/sweep-deals.ts';
import type { MemberActor } from '../http/actor.ts';
import {
  addCoSeller,
  createOpportunity,
  createReferral,
  createRegistration,
  transitionDeal,
} from '../modules/deals/index.ts';
import { actOnPartnership, type ServiceContext } from '../modules/partnerships/index.ts';

/** The demo's organizations (name → id) and people (e-mail → member acting in their organization). */
export interface DemoCast {
  orgs: ReadonlyMap<string, string>;
  people: ReadonlyMap<string, MemberActor>;
}

interface PartnershipPlan {
  /** Who proposes (e-mail). */
  by: string;
  /** A demo organization's name, or an offline partner that is not on Mycelium. */
  to: string | { name: string; domain: string };
  types: PartnershipType[];
  message: string;
  /** The proposing side's owning alliance manager (defaults to the proposer). */
  owner?: string;
  daysAgo: number;
  accepted?: { by: string; owner?: string; daysAgo: number };
}

const PARTNERSHIPS: PartnershipPlan[] = [
  {
    by: 'anders@contoso.example',
    to: 'Northwind MSP',
    types: ['resells', 'refers', 'co_sells'],
    message:
      'Northwind, we would love to have you as our Nordic MSP partner: resell Contoso to your managed customers, refer us, and co-sell the larger security projects with us.',
    daysAgo: 330,
    accepted: { by: 'nora@northwind.example', owner: 'jonas@northwind.example', daysAgo: 328.6 },
  },
  {
    by: 'priya@contoso.example',
    to: 'Fabrikam Integrators',
    types: ['resells'],
    message: 'Contoso compliance for your SAP and Azure migration customers in the DACH region.',
    daysAgo: 300,
    accepted: { by: 'felix@fabrikam.example', daysAgo: 297.2 },
  },
  {
    by: 'jonas@northwind.example',
    to: 'Fabrikam Integrators',
    types: ['refers', 'co_sells'],
    message:
      'We keep meeting Nordic manufacturers with German plants (and you Germans with Nordic ones). Shall we send each other the leads and co-sell where both of us are needed?',
    daysAgo: 240,
    accepted: { by: 'felix@fabrikam.example', owner: 'lena@fabrikam.example', daysAgo: 236.5 },
  },
  {
    by: 'tariq@tailspin.example',
    to: 'Contoso Cloud',
    types: ['refers'],
    message: 'Tailspin introduces UK and Irish businesses to vendors; Contoso fits many of our clients.',
    daysAgo: 210,
    accepted: { by: 'priya@contoso.example', daysAgo: 208.9 },
  },
  {
    by: 'lucia@litware.example',
    to: 'Northwind MSP',
    types: ['refers'],
    message:
      'Spanish customers expanding to the Nordics keep asking us for a local MSP. Let us refer them to you.',
    daysAgo: 150,
    accepted: { by: 'jonas@northwind.example', daysAgo: 147.3 },
  },
  {
    by: 'cpo@contoso.example',
    to: { name: 'First Up Consultants', domain: 'firstupconsultants.com' },
    types: ['serves', 'refers'],
    message:
      'Deployment services for our enterprise customers in the US and Canada; claim your profile on Mycelium to answer.',
    daysAgo: 12,
  },
  {
    by: 'lucia@litware.example',
    to: 'Contoso Cloud',
    types: ['resells', 'refers'],
    message:
      '¡Hola! Litware resells identity and endpoint security to banks and insurers in Spain and Portugal. We would like to add Contoso Cloud to our portfolio and register our first deals this quarter.',
    daysAgo: 3,
  },
];

interface Customer {
  name: string;
  domain?: string;
  country: string;
}

/** A move on the deal: a transition, or adding a co-selling partner. */
type Move = { daysAgo: number; by: string } & (
  | { to: DealStatus; reason?: string; won?: number }
  | { coSeller: string; attribution: DealAttribution }
);

interface DealPlan {
  kind: 'referral' | 'registration' | 'opportunity';
  /** Who creates it (e-mail). */
  by: string;
  /** The receiving partner (referral) or vendor (registration), by name. */
  to?: string;
  customer: Customer;
  /** In major units of the currency. */
  amount: number;
  currency: 'EUR' | 'SEK' | 'USD';
  /** Expected close, in days from now (negative: in the past, for closed deals). */
  closesIn: number;
  /** Amounts per month (recurring commissions pay on it). */
  subscription?: boolean;
  need?: string;
  contact?: [name: string, email: string];
  daysAgo: number;
  /** A registration kept as a draft. */
  draft?: boolean;
  moves?: Move[];
}

const CONTOSO = 'Contoso Cloud';
const NORTHWIND = 'Northwind MSP';
const FABRIKAM = 'Fabrikam Integrators';
const LITWARE = 'Litware Security';
const anders = 'anders@contoso.example';
const priya = 'priya@contoso.example';
const camille = 'cpo@contoso.example';
const sam = 'sales@contoso.example';
const jonas = 'jonas@northwind.example';
const nora = 'nora@northwind.example';
const felix = 'felix@fabrikam.example';
const lena = 'lena@fabrikam.example';
const tariq = 'tariq@tailspin.example';
const lucia = 'lucia@litware.example';

/**
 * The deals (each with its later moves). Contoso's own pipeline; registrations with Contoso in
 * every state, two of them real conflicts waiting for its reviewers (a domain variant of a customer
 * Northwind registered, and a spelling of a company in Contoso's pipeline without a domain); referrals
 * both ways between Northwind and Fabrikam at every stage, one overdue; co-selling on two deals.
 */
const DEALS: DealPlan[] = [
  // Half a year of wins with Contoso: Northwind's Finnish customers (in EUR, so they count toward
  // the reseller program's revenue tiers; one a subscription, paid monthly), Fabrikam's first win,
  // and a referral Tailspin brought Contoso.
  {
    kind: 'registration',
    by: jonas,
    to: CONTOSO,
    customer: { name: 'Saimaa Paper Oy', domain: 'saimaapaper.fi', country: 'FI' },
    amount: 64_000,
    currency: 'EUR',
    closesIn: -140,
    need: 'Mill and head-office security for 900 seats, run by our SOC.',
    daysAgo: 175,
    moves: [
      { daysAgo: 174.2, by: anders, to: 'approved' },
      { daysAgo: 140, by: jonas, to: 'won', won: 68_000 },
    ],
  },
  {
    kind: 'registration',
    by: jonas,
    to: CONTOSO,
    customer: { name: 'Lapland Logistics Oy', domain: 'laplandlogistics.fi', country: 'FI' },
    amount: 5_500,
    currency: 'EUR',
    closesIn: -150,
    subscription: true,
    need: 'Contoso security as a monthly subscription for the depots in Rovaniemi and Oulu.',
    daysAgo: 160,
    moves: [
      { daysAgo: 159.4, by: anders, to: 'approved' },
      { daysAgo: 150, by: jonas, to: 'won', won: 5_800 },
    ],
  },
  {
    kind: 'registration',
    by: jonas,
    to: CONTOSO,
    customer: { name: 'Pirkanmaa Health Services', domain: 'pirkanmaahealth.fi', country: 'FI' },
    amount: 92_000,
    currency: 'EUR',
    closesIn: -95,
    need: 'Compliance reporting for twelve clinics ahead of NIS2.',
    daysAgo: 110,
    moves: [
      { daysAgo: 109.3, by: anders, to: 'approved' },
      { daysAgo: 95, by: jonas, to: 'won', won: 96_000 },
    ],
  },
  {
    kind: 'registration',
    by: felix,
    to: CONTOSO,
    customer: { name: 'Bavaria Precision Parts GmbH', domain: 'bavariaprecision.de', country: 'DE' },
    amount: 54_000,
    currency: 'EUR',
    closesIn: -58,
    need: 'Compliance for the plant network after the SAP move to Azure.',
    daysAgo: 100,
    moves: [
      { daysAgo: 99.2, by: priya, to: 'approved' },
      { daysAgo: 58, by: felix, to: 'won', won: 57_500 },
    ],
  },
  {
    kind: 'referral',
    by: tariq,
    to: CONTOSO,
    customer: { name: 'Greyfriars Insurance Brokers', domain: 'greyfriarsbrokers.co.uk', country: 'GB' },
    amount: 60_000,
    currency: 'USD',
    closesIn: -72,
    need: 'Needs cloud compliance reporting for the FCA before their renewal.',
    daysAgo: 118,
    moves: [
      { daysAgo: 117.2, by: anders, to: 'accepted' },
      { daysAgo: 100, by: anders, to: 'qualified' },
      { daysAgo: 72, by: anders, to: 'won', won: 64_000 },
    ],
  },
  {
    kind: 'registration',
    by: jonas,
    to: CONTOSO,
    customer: { name: 'Helsinki Harbour Services Oy', domain: 'helsinkiharbour.fi', country: 'FI' },
    amount: 58_000,
    currency: 'EUR',
    closesIn: -52,
    daysAgo: 70,
    moves: [
      { daysAgo: 69.4, by: anders, to: 'approved' },
      { daysAgo: 52, by: jonas, to: 'won', won: 61_000 },
    ],
  },
  {
    kind: 'registration',
    by: lena,
    to: CONTOSO,
    customer: { name: 'Graphic Design Institute', domain: 'graphicdesigninstitute.com', country: 'AT' },
    amount: 38_000,
    currency: 'EUR',
    closesIn: -20,
    need: 'Compliance reporting for the Vienna campus after moving student systems to Azure.',
    daysAgo: 91,
    // Approved 90 days and an hour ago: Contoso's 90-day protection has just run out, and the
    // sweep at the end expires it.
    moves: [
      { daysAgo: 90.6, by: priya, to: 'under_review' },
      { daysAgo: 90.05, by: priya, to: 'approved' },
    ],
  },
  {
    kind: 'opportunity',
    by: sam,
    customer: { name: 'Proseware, Inc.', domain: 'proseware.com', country: 'US' },
    amount: 120_000,
    currency: 'USD',
    closesIn: 45,
    need: 'Enterprise renewal plus the compliance module for the European subsidiaries.',
    contact: ['Dana Whitfield', 'dana.whitfield@proseware.com'],
    daysAgo: 95,
  },
  {
    kind: 'registration',
    by: jonas,
    to: CONTOSO,
    customer: { name: 'Wingtip Toys', domain: 'wingtiptoys.com', country: 'DK' },
    amount: 420_000,
    currency: 'SEK',
    closesIn: -32,
    need: '600 seats of Contoso security for stores and the Copenhagen warehouse, run by our SOC.',
    contact: ['Mette Kjær', 'mette.kjaer@wingtiptoys.com'],
    daysAgo: 88,
    moves: [
      { daysAgo: 87.3, by: anders, to: 'approved' },
      { daysAgo: 31, by: jonas, to: 'won', won: 465_000 },
    ],
  },
  {
    kind: 'registration',
    by: jonas,
    to: CONTOSO,
    customer: { name: 'Fourth Coffee', domain: 'fourthcoffee.com', country: 'SE' },
    amount: 310_000,
    currency: 'SEK',
    closesIn: 18,
    need: 'Roastery and 40 cafés: device compliance and NIS2 reporting.',
    contact: ['Elin Holm', 'elin.holm@fourthcoffee.com'],
    daysAgo: 84.3,
    // Approved 83.5 days ago: its protection ends within the week, so the sweep warns both sides.
    moves: [
      { daysAgo: 83.5, by: anders, to: 'approved' },
      { daysAgo: 83, by: jonas, coSeller: FABRIKAM, attribution: 'delivering' },
    ],
  },
  {
    kind: 'opportunity',
    by: anders,
    customer: { name: 'Wide World Importers', domain: 'wideworldimporters.com', country: 'SE' },
    amount: 180_000,
    currency: 'EUR',
    closesIn: -20,
    need: 'Nordic rollout; Northwind delivers and runs it.',
    contact: ['Oskar Lund', 'oskar.lund@wideworldimporters.com'],
    daysAgo: 85,
    moves: [
      { daysAgo: 84.5, by: anders, coSeller: NORTHWIND, attribution: 'delivering' },
      { daysAgo: 20, by: anders, to: 'won', won: 192_000 },
    ],
  },
  {
    kind: 'referral',
    by: jonas,
    to: FABRIKAM,
    customer: { name: 'VanArsdel, Ltd.', domain: 'vanarsdel.com', country: 'AT' },
    amount: 65_000,
    currency: 'EUR',
    closesIn: -27,
    need: 'Their Linz plant needs an SAP move to Azure; we run their Nordic offices.',
    contact: ['Katrin Huber', 'katrin.huber@vanarsdel.com'],
    daysAgo: 80,
    moves: [
      { daysAgo: 79.1, by: felix, to: 'accepted' },
      { daysAgo: 60, by: lena, to: 'proposal' },
      { daysAgo: 27, by: felix, to: 'won', won: 71_500 },
    ],
  },
  {
    kind: 'referral',
    by: felix,
    to: NORTHWIND,
    customer: { name: 'Tailwind Traders', domain: 'tailwindtraders.com', country: 'NO' },
    amount: 260_000,
    currency: 'SEK',
    closesIn: -33,
    need: 'Managed SOC for the Norwegian stores after our Dynamics rollout.',
    daysAgo: 77,
    moves: [
      { daysAgo: 76.4, by: nora, to: 'accepted' },
      { daysAgo: 33, by: jonas, to: 'won', won: 275_000 },
    ],
  },
  {
    kind: 'registration',
    by: lena,
    to: CONTOSO,
    customer: { name: 'Lucerne Publishing', domain: 'lucernepublishing.com', country: 'DE' },
    amount: 56_000,
    currency: 'EUR',
    closesIn: -16,
    daysAgo: 72,
    moves: [
      { daysAgo: 70.6, by: priya, to: 'approved' },
      {
        daysAgo: 16,
        by: felix,
        to: 'lost',
        reason: 'The customer chose to stay on their on-premises stack for another year.',
      },
    ],
  },
  {
    kind: 'opportunity',
    by: sam,
    customer: { name: 'Bellows College', domain: 'bellowscollege.com', country: 'CA' },
    amount: 45_000,
    currency: 'USD',
    closesIn: -25,
    daysAgo: 70,
    moves: [{ daysAgo: 25, by: sam, to: 'lost', reason: 'Budget moved to the next fiscal year.' }],
  },
  {
    kind: 'referral',
    by: jonas,
    to: FABRIKAM,
    customer: { name: 'Best For You Organics', domain: 'bestforyouorganics.com', country: 'DE' },
    amount: 42_000,
    currency: 'EUR',
    closesIn: 30,
    need: 'ERP for the Hamburg packing plant; they already run our Microsoft 365 in Sweden.',
    daysAgo: 64,
    moves: [
      { daysAgo: 63.2, by: lena, to: 'accepted' },
      { daysAgo: 55, by: lena, to: 'qualified' },
      { daysAgo: 41, by: lena, to: 'proposal' },
    ],
  },
  {
    kind: 'opportunity',
    by: sam,
    customer: { name: 'Müller Logistik GmbH', country: 'DE' },
    amount: 64_000,
    currency: 'EUR',
    closesIn: 60,
    need: 'Compliance for 14 warehouses; met at a trade fair, no web address yet.',
    daysAgo: 60,
  },
  {
    kind: 'registration',
    by: lena,
    to: CONTOSO,
    customer: { name: 'Proseware Deutschland GmbH', domain: 'proseware.de', country: 'DE' },
    amount: 48_000,
    currency: 'EUR',
    closesIn: 40,
    daysAgo: 58,
    moves: [
      {
        daysAgo: 57.4,
        by: priya,
        to: 'rejected',
        reason:
          'Proseware is already in our direct pipeline (enterprise account team). We would be glad to have Fabrikam deliver the SAP side.',
      },
    ],
  },
  {
    kind: 'referral',
    by: felix,
    to: NORTHWIND,
    customer: { name: 'Adventure Works Cycles', domain: 'adventure-works.com', country: 'DK' },
    amount: 145_000,
    currency: 'SEK',
    closesIn: -19,
    daysAgo: 58,
    moves: [
      { daysAgo: 57.5, by: jonas, to: 'accepted' },
      { daysAgo: 19, by: jonas, to: 'lost', reason: 'The customer renewed with their incumbent MSP.' },
    ],
  },
  {
    kind: 'referral',
    by: lena,
    to: NORTHWIND,
    customer: { name: 'Lamna Healthcare Company', domain: 'lamnahealthcare.com', country: 'SE' },
    amount: 380_000,
    currency: 'SEK',
    closesIn: 90,
    daysAgo: 50,
    moves: [
      {
        daysAgo: 49.3,
        by: jonas,
        to: 'declined',
        reason:
          'We are at capacity for new healthcare onboardings until Q3; please send it again after the summer.',
      },
    ],
  },
  {
    kind: 'registration',
    by: tariq,
    to: CONTOSO,
    customer: { name: 'Coho Winery', domain: 'cohowinery.com', country: 'IE' },
    amount: 12_000,
    currency: 'EUR',
    closesIn: 30,
    daysAgo: 45,
    moves: [
      {
        daysAgo: 43.6,
        by: camille,
        to: 'rejected',
        reason: 'Coho Winery is an existing Contoso customer; its renewals stay with the direct team.',
      },
    ],
  },
  {
    kind: 'referral',
    by: lucia,
    to: NORTHWIND,
    customer: { name: "Margie's Travel", domain: 'margiestravel.com', country: 'SE' },
    amount: 27_000,
    currency: 'EUR',
    closesIn: 25,
    need: 'Opening a Stockholm office in the spring; needs a local MSP for devices and security.',
    daysAgo: 40,
    moves: [
      { daysAgo: 38.8, by: jonas, to: 'accepted' },
      { daysAgo: 26, by: jonas, to: 'proposal' },
    ],
  },
  {
    kind: 'opportunity',
    by: sam,
    customer: { name: 'Woodgrove Bank', domain: 'woodgrovebank.com', country: 'US' },
    amount: 350_000,
    currency: 'USD',
    closesIn: 120,
    daysAgo: 40,
  },
  {
    kind: 'registration',
    by: jonas,
    to: CONTOSO,
    customer: { name: 'Trey Research', domain: 'trey-research.net', country: 'FI' },
    amount: 240_000,
    currency: 'SEK',
    closesIn: 200,
    daysAgo: 35,
    moves: [
      { daysAgo: 30, by: jonas, to: 'withdrawn', reason: 'The customer postponed the project to next year.' },
    ],
  },
  {
    // The vendor passes leads to its partners too.
    kind: 'referral',
    by: anders,
    to: NORTHWIND,
    customer: { name: 'Lakeshore Retail', domain: 'lakeshoreretail.com', country: 'SE' },
    amount: 180_000,
    currency: 'SEK',
    closesIn: -15,
    need: 'Wants Contoso run as a managed service by a Swedish partner, not bought direct.',
    daysAgo: 47,
    moves: [
      { daysAgo: 46.6, by: jonas, to: 'accepted' },
      { daysAgo: 15, by: jonas, to: 'won', won: 198_000 },
    ],
  },
  {
    kind: 'referral',
    by: anders,
    to: NORTHWIND,
    customer: { name: "Munson's Pickles and Preserves Farm", domain: 'munsonspickles.com', country: 'NO' },
    amount: 60_000,
    currency: 'SEK',
    closesIn: 60,
    daysAgo: 5,
    moves: [{ daysAgo: 4.2, by: nora, to: 'accepted' }],
  },
  {
    kind: 'referral',
    by: lena,
    to: NORTHWIND,
    customer: { name: 'Blue Yonder Airlines', domain: 'blueyonderairlines.com', country: 'FI' },
    amount: 88_000,
    currency: 'EUR',
    closesIn: -6,
    daysAgo: 30,
    moves: [
      { daysAgo: 29.2, by: jonas, to: 'accepted' },
      { daysAgo: 24, by: jonas, to: 'qualified' },
      { daysAgo: 6, by: jonas, to: 'won', won: 91_000 },
    ],
  },
  {
    kind: 'referral',
    by: tariq,
    to: CONTOSO,
    customer: { name: 'The Phone Company', domain: 'thephone-company.com', country: 'GB' },
    amount: 40_000,
    currency: 'USD',
    closesIn: 35,
    daysAgo: 26,
    moves: [
      { daysAgo: 25.3, by: anders, to: 'accepted' },
      { daysAgo: 12, by: anders, to: 'proposal' },
    ],
  },
  {
    kind: 'registration',
    by: lena,
    to: CONTOSO,
    customer: { name: 'Alpine Ski House', domain: 'alpineskihouse.com', country: 'CH' },
    amount: 74_000,
    currency: 'EUR',
    closesIn: 50,
    daysAgo: 22,
    moves: [{ daysAgo: 21, by: priya, to: 'approved' }],
  },
  {
    kind: 'referral',
    by: jonas,
    to: FABRIKAM,
    customer: { name: 'Southridge Video', domain: 'southridgevideo.com', country: 'AT' },
    amount: 21_000,
    currency: 'EUR',
    closesIn: -4,
    daysAgo: 20,
    moves: [
      { daysAgo: 18.5, by: lena, to: 'accepted' },
      { daysAgo: 4, by: felix, to: 'won', won: 22_000 },
    ],
  },
  {
    kind: 'referral',
    by: jonas,
    to: LITWARE,
    customer: { name: 'Baldwin Museum of Science', domain: 'baldwinmuseumofscience.com', country: 'ES' },
    amount: 16_000,
    currency: 'EUR',
    closesIn: 45,
    daysAgo: 14,
    moves: [{ daysAgo: 13.4, by: lucia, to: 'accepted' }],
  },
  {
    kind: 'referral',
    by: tariq,
    to: CONTOSO,
    customer: {
      name: "Liberty's Delightful Sinful Bakery & Cafe",
      domain: 'libertysbakery.co.uk',
      country: 'GB',
    },
    amount: 8_000,
    currency: 'USD',
    closesIn: 30,
    daysAgo: 11,
    moves: [
      {
        daysAgo: 10,
        by: priya,
        to: 'declined',
        reason:
          'Below our minimum for direct deals; we will introduce a Contoso reseller near Manchester instead.',
      },
    ],
  },
  {
    // Nobody at Fabrikam answered within its five business days: overdue.
    kind: 'referral',
    by: nora,
    to: FABRIKAM,
    customer: { name: 'Consolidated Messenger', domain: 'consolidatedmessenger.com', country: 'DE' },
    amount: 33_000,
    currency: 'EUR',
    closesIn: 60,
    need: 'Courier fleet tablets in Berlin and Leipzig need Intune and a helpdesk in German.',
    daysAgo: 9,
  },
  {
    // Waiting past Contoso's two-business-day review SLA.
    kind: 'registration',
    by: tariq,
    to: CONTOSO,
    customer: { name: 'Relecloud', domain: 'relecloud.com', country: 'GB' },
    amount: 28_000,
    currency: 'USD',
    closesIn: 40,
    daysAgo: 7,
  },
  {
    kind: 'registration',
    by: jonas,
    to: CONTOSO,
    customer: { name: 'City Power & Light', domain: 'cpandl.com', country: 'NO' },
    amount: 650_000,
    currency: 'SEK',
    closesIn: 150,
    daysAgo: 3,
    draft: true,
  },
  {
    kind: 'referral',
    by: lena,
    to: NORTHWIND,
    customer: { name: 'School of Fine Art', domain: 'fineartschool.net', country: 'SE' },
    amount: 9_500,
    currency: 'EUR',
    closesIn: 40,
    daysAgo: 2.5,
  },
  {
    kind: 'registration',
    by: jonas,
    to: CONTOSO,
    customer: { name: 'A. Datum Corporation', domain: 'adatum.com', country: 'SE' },
    amount: 890_000,
    currency: 'SEK',
    closesIn: 75,
    need: 'Group-wide rollout across the Nordic offices, managed by our SOC.',
    contact: ['Lars Ekström', 'lars.ekstrom@adatum.com'],
    daysAgo: 2,
    moves: [{ daysAgo: 1.5, by: anders, to: 'under_review' }],
  },
  {
    kind: 'referral',
    by: jonas,
    to: FABRIKAM,
    customer: { name: 'Nod Publishers', domain: 'nodpublishers.com', country: 'DE' },
    amount: 18_000,
    currency: 'EUR',
    closesIn: 50,
    daysAgo: 1.5,
  },
  {
    // The same company as Northwind's registration above, under its UK domain: a conflict.
    kind: 'registration',
    by: lena,
    to: CONTOSO,
    customer: { name: 'A. Datum Corporation Ltd', domain: 'www.adatum.co.uk', country: 'GB' },
    amount: 95_000,
    currency: 'EUR',
    closesIn: 90,
    need: 'SAP on Azure for the UK subsidiary, with Contoso compliance.',
    daysAgo: 1.2,
  },
  {
    // Contoso's pipeline has "Müller Logistik GmbH" (no domain): a conflict by name.
    kind: 'registration',
    by: lena,
    to: CONTOSO,
    customer: { name: 'Muller Logistik', country: 'DE' },
    amount: 58_000,
    currency: 'EUR',
    closesIn: 80,
    daysAgo: 0.8,
  },
  {
    kind: 'registration',
    by: jonas,
    to: CONTOSO,
    customer: { name: 'Humongous Insurance', domain: 'humongousinsurance.com', country: 'NO' },
    amount: 520_000,
    currency: 'SEK',
    closesIn: 100,
    daysAgo: 0.4,
  },
];

const DAY = 86_400_000;

/** One dated step of the story; `run` does it through the services and dates what it wrote. */
export interface Step {
  daysAgo: number;
  run(): Promise<void>;
}

/** A deal move as it happened, for what follows a move (commissions, tier evaluation). */
export interface DealMoved {
  dealId: string;
  /** The organization that created the deal, and its receiver (null: a vendor's own opportunity). */
  creatorId: string;
  counterpartyId: string | null;
  to: DealStatus;
  by: MemberActor;
  at: Date;
}

/** More of the story, woven into the deals' timeline (demo-programs.ts: programs and money). */
export interface DemoStory {
  steps: Step[];
  /** Runs after each dated transition, as the move flow would post and evaluate. */
  afterMove(moved: DealMoved): Promise<void>;
}

/**
 * Seeds the demo's partnerships (active ones, one waiting for Contoso's answer, one to an offline
 * partner) and deals (see DEALS) over the past months. Every step of every plan — and of the
 * `story` woven in (programs and money) — runs in the order of its date, so the conflict engine
 * and tier evaluation see each moment as the story has it, and lists ordered by id (deals,
 * notifications, audit, activity, ledger) read chronologically. Last, the deal sweep runs once,
 * as the worker would: the protection that just ran out expires and overdue answers are flagged.
 */
export async function seedDemoDeals(
  ctx: AppContext,
  cast: DemoCast,
  now: Date,
  story?: DemoStory,
): Promise<void> {
  // The services log every queued mail at info level; the demo queues a few hundred.
  const log = ctx.log.levelVal >= 40 ? ctx.log : ctx.log.child({}, { level: 'warn' });
  const svc: ServiceContext = { db: ctx.db, env: ctx.env, jobs: ctx.jobs, log };
  const person = (email: string) => {
    const actor = cast.people.get(email);
    if (!actor) throw new Error(`Demo deals: no demo person ${email}`);
    return actor;
  };
  const org = (name: string) => {
    const id = cast.orgs.get(name);
    if (!id) throw new Error(`Demo deals: no demo organization ${name}`);
    return id;
  };
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const day = (fromNow: number) => new Date(now.getTime() + fromNow * DAY).toISOString().slice(0, 10);
  const stamper = new Stamper(ctx.db, now);
  const steps: Step[] = [];
  // A plan's later steps need the id its first step created, and must come after it.
  const inOrder = (what: string, first: number, later: number) => {
    if (later >= first) throw new Error(`Demo deals: ${what} is dated before the step it follows`);
  };

  for (const p of PARTNERSHIPS) {
    let id = '';
    steps.push({
      daysAgo: p.daysAgo,
      run: async () => {
        const row = await stamper.run('partnership', ago(p.daysAgo), () =>
          proposePartnershipFlow(svc, person(p.by), {
            ...(typeof p.to === 'string' ? { partnerId: org(p.to) } : { newPartner: p.to }),
            types: p.types,
            message: p.message,
            ownerUserId: p.owner ? person(p.owner).userId : undefined,
          }),
        );
        id = row.id;
      },
    });
    const accepted = p.accepted;
    if (accepted) {
      inOrder(`accepting the partnership of ${p.by}`, p.daysAgo, accepted.daysAgo);
      steps.push({
        daysAgo: accepted.daysAgo,
        run: async () => {
          await stamper.run(
            'partnership',
            ago(accepted.daysAgo),
            () =>
              actOnPartnership(svc, person(accepted.by), id, 'accept', {
                ownerUserId: accepted.owner ? person(accepted.owner).userId : undefined,
              }),
            id,
          );
        },
      });
    }
  }

  for (const plan of DEALS) {
    let id = '';
    const fields = {
      customerName: plan.customer.name,
      customerDomain: plan.customer.domain ?? null,
      customerCountry: plan.customer.country,
      contactName: plan.contact?.[0] ?? '',
      contactEmail: plan.contact?.[1] ?? '',
      need: plan.need ?? '',
      amountMinor: plan.amount * 100,
      currency: plan.currency,
      expectedClose: day(plan.closesIn),
      subscription: plan.subscription ?? false,
    };
    steps.push({
      daysAgo: plan.daysAgo,
      run: async () => {
        const actor = person(plan.by);
        const created = await stamper.run('deal', ago(plan.daysAgo), () =>
          plan.kind === 'referral'
            ? createReferral(svc, actor, { ...fields, partnerId: org(plan.to!) })
            : plan.kind === 'registration'
              ? createRegistration(svc, actor, { ...fields, vendorId: org(plan.to!), submit: !plan.draft })
              : createOpportunity(svc, actor, fields),
        );
        id = created.id;
      },
    });
    let previous = plan.daysAgo;
    for (const move of plan.moves ?? []) {
      inOrder(`a move on ${plan.customer.name}`, previous, move.daysAgo);
      previous = move.daysAgo;
      steps.push({
        daysAgo: move.daysAgo,
        run: async () => {
          const mover = person(move.by);
          await stamper.run(
            'deal',
            ago(move.daysAgo),
            async () => {
              if ('coSeller' in move)
                await addCoSeller(svc, mover, id, {
                  organizationId: org(move.coSeller),
                  attribution: move.attribution,
                });
              else
                await transitionDeal(svc, mover, id, {
                  to: move.to,
                  reason: move.reason,
                  wonAmountMinor: move.won === undefined ? undefined : move.won * 100,
                });
              return { id };
            },
            id,
          );
          if (story && 'to' in move)
            await story.afterMove({
              dealId: id,
              creatorId: person(plan.by).orgId,
              counterpartyId: plan.to ? org(plan.to) : null,
              to: move.to,
              by: mover,
              at: ago(move.daysAgo),
            });
        },
      });
    }
  }

  steps.push(...(story?.steps ?? []));
  // Oldest first; a stable sort keeps same-day steps in the order they are written.
  for (const step of steps.sort((a, b) => b.daysAgo - a.daysAgo)) await step.run();
  await sweepDealsFlow(svc, new Date());
}

type Kind = 'deal' | 'partnership';
type Snapshot = Record<string, Date | string | null>;

// The timestamp columns a step may write, per table.
const TIMES: Record<Kind, readonly string[]> = {
  deal: [
    'created_at',
    'updated_at',
    'sent_at',
    'response_due_at',
    'answered_at',
    'closed_at',
    'overdue_notified_at',
  ],
  partnership: ['created_at', 'decided_at', 'status_changed_at'],
};

const millis = (value: Date | string | null | undefined) =>
  value === null || value === undefined ? null : new Date(value).getTime();

async function snapshot(db: Db, kind: Kind, id: string): Promise<Snapshot> {
  const [row] = rowsOf<Snapshot>(
    await db.execute(sql`select ${sql.raw(TIMES[kind].join(', '))} from ${sql.raw(kind)} where id = ${id}`),
  );
  return row ?? {};
}

/**
 * Runs a step "now" and then moves what it wrote back to the step's date: the row's timestamps the
 * step changed, its timeline events, deal parties, conflicts and protection, and the notifications
 * it sent (read, when older than a few days, as people would have read them).
 */
class Stamper {
  constructor(
    private readonly db: Db,
    private readonly now: Date,
  ) {}

  /** Runs `step` (creating a row, or changing the row `id`) and dates what it wrote `at`. */
  async run<T extends { id: string }>(kind: Kind, at: Date, step: () => Promise<T>, id?: string): Promise<T> {
    const before = id ? await snapshot(this.db, kind, id) : undefined;
    const since = new Date();
    const result = await step();
    await this.shift(kind, id ?? result.id, since, at, before);
    return result;
  }

  /** Moves what was written for `id` since `since` back to `at`; `before` tells which row columns changed. */
  async shift(kind: Kind, id: string, since: Date, at: Date, before?: Snapshot): Promise<void> {
    const delta = Math.max(0, since.getTime() - at.getTime());
    if (delta === 0) return;
    const back = (column: string) => sql.raw(`${column} - interval '${delta} milliseconds'`);
    const after = await snapshot(this.db, kind, id);
    const changed = TIMES[kind].filter((column) => {
      const value = millis(after[column]);
      if (value === null) return false;
      const previous = before ? millis(before[column]) : undefined;
      // With a snapshot: what changed. Without: what this step wrote (every value from `since` on).
      return before ? value !== previous : value >= since.getTime();
    });
    if (changed.length)
      await this.db.execute(
        sql`update ${sql.raw(kind)} set ${sql.join(
          changed.map((column) => sql`${sql.raw(column)} = ${back(column)}`),
          sql`, `,
        )} where id = ${id}`,
      );
    const from = since.toISOString();
    if (kind === 'partnership') {
      await this.db.execute(
        sql`update partnership_event set created_at = ${back('created_at')} where partnership_id = ${id} and created_at >= ${from}`,
      );
    } else {
      await this.db.execute(
        sql`update deal_event set created_at = ${back('created_at')} where deal_id = ${id} and created_at >= ${from}`,
      );
      await this.db.execute(
        sql`update deal_party set added_at = ${back('added_at')} where deal_id = ${id} and added_at >= ${from}`,
      );
      await this.db.execute(
        sql`update deal_conflict set created_at = ${back('created_at')} where deal_id = ${id} and created_at >= ${from}`,
      );
      await this.db.execute(
        sql`update deal_protection set starts_at = ${back('starts_at')}, ends_at = ${back('ends_at')}
             where deal_id = ${id} and starts_at >= ${from}`,
      );
      await this.db.execute(
        sql`update deal_protection set closed_at = ${back('closed_at')} where deal_id = ${id} and closed_at >= ${from}`,
      );
    }
    // Notices older than three days have been read (an hour after they came).
    const readBefore = new Date(this.now.getTime() - 3 * DAY).toISOString();
    await this.db.execute(
      sql`update notification
             set created_at = ${back('created_at')},
                 read_at = case when ${back('created_at')} < ${readBefore}
                                then ${back('created_at')} + interval '1 hour' end
           where link = ${`/${kind === 'deal' ? 'deals' : 'partnerships'}/${id}`} and created_at >= ${from}`,
    );
  }
}
