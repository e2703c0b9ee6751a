/**
 * The cockpit's hand-computed fixture: a vendor with a CPO and three alliance managers (Ben reports
 * to Anna, Anna and Cara to the CPO), five partners joining over time, and a first half of 2025
 * of deals, commissions and MDF written straight to the database with the dates the story needs
 * (the services act "now"). The expected numbers are worked out by hand in cockpit.test.ts.
 */

import { eq } from 'drizzle-orm';
import type { Role } from '../../../common/permissions.ts';
import { newId } from '../../db/ids.ts';
import {
  deal,
  dealEvent,
  dealParty,
  dealProtection,
  enrollment,
  fxRate,
  organizationProfile,
  partnership,
  program,
  programTier,
  reportingLine,
} from '../../db/schema/index.ts';
import { addMember, createOrg, type TestMember } from '../../test/factories.ts';
import type { TestApp } from '../../test/harness.ts';
import { postEntries, reverseEntries } from '../ledger/index.ts';

const t = (date: string) => new Date(`${date}T12:00:00Z`);

/** Everyone and everything of the fixture. */
export interface CockpitFixture {
  vendor: TestMember;
  cpo: TestMember;
  anna: TestMember;
  ben: TestMember;
  cara: TestMember;
  sales: TestMember;
  finance: TestMember;
  /** Partner organizations (their owners), by letter. */
  a: TestMember;
  b: TestMember;
  c: TestMember;
  d: TestMember;
  e: TestMember;
  programId: string;
  goldTierId: string;
}

async function profile(h: TestApp, orgId: string, country: string, regions: string[], industries: string[]) {
  await h.ctx.db
    .update(organizationProfile)
    .set({
      countries: [country],
      industries,
      facetKeys: [
        `country:${country}`,
        ...regions.map((r) => `region:${r}`),
        ...industries.map((i) => `industry:${i}`),
      ],
    })
    .where(eq(organizationProfile.organizationId, orgId));
}

/** Builds the fixture (see the file comment). */
export async function cockpitFixture(h: TestApp): Promise<CockpitFixture> {
  const db = h.ctx.db;
  const vendor = await createOrg(h, 'Vendor V');
  const person = (role: Role, name: string) => addMember(h, vendor.orgId, role, name);
  const cpo = await person('cpo', 'Chief Partner');
  const anna = await person('alliance_manager', 'Anna AM');
  const ben = await person('alliance_manager', 'Ben AM');
  const cara = await person('alliance_manager', 'Cara AM');
  const sales = await person('sales', 'Sol Sales');
  const finance = await person('finance', 'Fin Finance');
  await db.insert(reportingLine).values([
    { organizationId: vendor.orgId, memberId: anna.memberId, managerMemberId: cpo.memberId },
    { organizationId: vendor.orgId, memberId: cara.memberId, managerMemberId: cpo.memberId },
    { organizationId: vendor.orgId, memberId: ben.memberId, managerMemberId: anna.memberId },
  ]);
  const a = await createOrg(h, 'Partner A');
  const b = await createOrg(h, 'Partner B');
  const c = await createOrg(h, '=Calc Partners');
  const d = await createOrg(h, 'Partner D');
  const e = await createOrg(h, 'Partner E');
  await profile(h, a.orgId, 'SE', ['150', '154'], ['62']);
  await profile(h, b.orgId, 'US', ['019', '021'], ['52']);
  await profile(h, c.orgId, 'DE', ['150', '155'], ['62']);
  await profile(h, d.orgId, 'FR', ['150', '155'], ['54']);
  await profile(h, e.orgId, 'US', ['019', '021'], ['54']);

  const partnerships = [
    [a, '2024-10-01', anna],
    [b, '2025-02-01', ben],
    [c, '2025-03-01', cara],
    [d, '2024-01-15', anna],
    [e, '2025-04-01', cara],
  ] as const;
  await db.insert(partnership).values(
    partnerships.map(([p, date, owner]) => ({
      id: newId(),
      organizationId: vendor.orgId,
      partnerId: p.orgId,
      status: 'active',
      types: ['resells', 'refers', 'co_sells'],
      proposerOwnerUserId: owner.userId,
      partnerOwnerUserId: p.userId,
      createdAt: t(date),
      decidedAt: t(date),
      statusChangedAt: t(date),
    })),
  );

  const programId = newId();
  const goldTierId = newId();
  await db.insert(program).values({
    id: programId,
    organizationId: vendor.orgId,
    name: 'Resell',
    kind: 'reseller',
    status: 'published',
    currency: 'EUR',
    partnershipTypes: ['resells'],
  });
  await db.insert(programTier).values({
    id: goldTierId,
    organizationId: vendor.orgId,
    programId,
    rank: 2,
    name: 'Gold',
    discountBp: 1000,
  });
  await db.insert(enrollment).values([
    { id: newId(), organizationId: vendor.orgId, partnerId: a.orgId, programId, tierId: goldTierId },
    { id: newId(), organizationId: vendor.orgId, partnerId: b.orgId, programId, tierId: null },
  ]);
  await db.insert(fxRate).values({
    id: newId(),
    organizationId: vendor.orgId,
    base: 'USD',
    quote: 'EUR',
    rateDate: '2025-01-01',
    rate: '0.9',
  });

  const V = vendor.orgId;
  await addDeal(h, {
    kind: 'registration',
    from: a.orgId,
    to: V,
    created: '2024-11-01',
    status: 'won',
    closed: '2024-12-20',
    amount: 300_000,
  });
  await addDeal(h, {
    kind: 'referral',
    from: d.orgId,
    to: V,
    created: '2024-04-20',
    status: 'lost',
    closed: '2024-05-01',
    amount: 100_000,
  });
  // R1, R2: A's registrations; F1: B's referral; S1: V's referral to B.
  await addDeal(h, {
    kind: 'registration',
    from: a.orgId,
    to: V,
    created: '2025-01-10',
    sent: '2025-01-11',
    status: 'won',
    closed: '2025-02-10',
    amount: 1_000_000,
  });
  await addDeal(h, {
    kind: 'registration',
    from: a.orgId,
    to: V,
    created: '2025-01-31',
    sent: '2025-02-01',
    status: 'lost',
    closed: '2025-03-05',
    amount: 500_000,
  });
  await addDeal(h, {
    kind: 'referral',
    from: b.orgId,
    to: V,
    created: '2025-04-01',
    sent: '2025-04-10',
    status: 'won',
    closed: '2025-04-20',
    amount: 400_000,
  });
  await addDeal(h, {
    kind: 'referral',
    from: V,
    to: b.orgId,
    created: '2025-04-25',
    sent: '2025-04-25',
    status: 'won',
    closed: '2025-05-05',
    amount: 200_000,
  });
  // O1–O3: V's opportunities co-sold with C (sourced), A (influenced), B (delivering).
  await addDeal(h, {
    kind: 'opportunity',
    from: V,
    created: '2025-04-15',
    status: 'won',
    closed: '2025-05-15',
    amount: 600_000,
    coSeller: [c.orgId, 'sourced'],
  });
  await addDeal(h, {
    kind: 'opportunity',
    from: V,
    created: '2025-01-20',
    status: 'won',
    closed: '2025-03-20',
    amount: 800_000,
    coSeller: [a.orgId, 'influenced'],
  });
  await addDeal(h, {
    kind: 'opportunity',
    from: V,
    created: '2025-05-01',
    status: 'lost',
    closed: '2025-06-01',
    amount: 300_000,
    coSeller: [b.orgId, 'delivering'],
  });
  // D1–D4: direct.
  await addDeal(h, {
    kind: 'opportunity',
    from: V,
    created: '2025-01-29',
    status: 'won',
    closed: '2025-02-28',
    amount: 2_000_000,
    country: 'US',
  });
  await addDeal(h, {
    kind: 'opportunity',
    from: V,
    created: '2025-05-01',
    status: 'won',
    closed: '2025-06-10',
    amount: 1_000_000,
    currency: 'USD',
    country: 'DE',
  });
  await addDeal(h, {
    kind: 'opportunity',
    from: V,
    created: '2025-03-01',
    status: 'lost',
    closed: '2025-04-01',
    amount: 700_000,
    country: 'DE',
  });
  await addDeal(h, {
    kind: 'opportunity',
    from: V,
    created: '2025-04-20',
    status: 'lost',
    closed: '2025-05-20',
    amount: 300_000,
    country: 'US',
  });

  // Recent: B's registration waiting past its answer date, A's protection ending in ten days, and
  // D's last deal four months ago (going inactive).
  const ago = (days: number) => new Date(Date.now() - days * 86_400_000);
  const waiting = await addDeal(h, {
    kind: 'registration',
    from: b.orgId,
    to: V,
    created: '',
    status: 'submitted',
    closed: '',
    amount: 10_000,
    at: [ago(5), ago(5)],
  });
  await db
    .update(deal)
    .set({ responseDueAt: ago(1) })
    .where(eq(deal.id, waiting));
  const protectedDeal = await addDeal(h, {
    kind: 'registration',
    from: a.orgId,
    to: V,
    created: '',
    status: 'approved',
    closed: '',
    amount: 10_000,
    at: [ago(81), ago(80)],
  });
  await db.insert(dealProtection).values({
    id: newId(),
    organizationId: V,
    dealId: protectedDeal,
    partnerId: a.orgId,
    customerKey: `d:${protectedDeal}`,
    startsAt: ago(80),
    endsAt: ago(-10),
  });
  await addDeal(h, {
    kind: 'referral',
    from: d.orgId,
    to: V,
    created: '',
    status: 'lost',
    closed: '',
    amount: 10_000,
    at: [ago(130), ago(120)],
  });

  const entry = (beneficiaryId: string, kind: 'commission' | 'mdf', amountMinor: number, date: string) => ({
    organizationId: V,
    beneficiaryId,
    kind,
    currency: 'EUR',
    amountMinor,
    sourceType: 'test',
    sourceId: newId(),
    description: 'fixture',
    earnedAt: t(date),
    availableAt: t(date),
  });
  const posted = await postEntries(db, [
    entry(a.orgId, 'commission', 100_000, '2025-02-15'),
    entry(b.orgId, 'commission', 40_000, '2025-04-25'),
    entry(c.orgId, 'mdf', 50_000, '2025-05-20'),
    // Outside the period: not counted.
    entry(a.orgId, 'commission', 999_000, '2024-12-21'),
  ]);
  const bCommission = posted.find((x) => x.beneficiaryId === b.orgId)!;
  await reverseEntries(db, [bCommission], 'refunded', null, t('2025-05-01'));
  return { vendor, cpo, anna, ben, cara, sales, finance, a, b, c, d, e, programId, goldTierId };
}

interface DealSpec {
  kind: 'opportunity' | 'registration' | 'referral';
  from: string;
  to?: string;
  created: string;
  sent?: string;
  status: 'won' | 'lost' | 'submitted' | 'approved';
  closed: string;
  /** Created and last moved at these times instead of the dates. */
  at?: [Date, Date];
  amount: number;
  currency?: string;
  country?: string;
  coSeller?: [string, 'sourced' | 'influenced' | 'delivering'];
}

/** A closed deal with its parties and its timeline (created, and the closing move). */
async function addDeal(h: TestApp, s: DealSpec) {
  const db = h.ctx.db;
  const id = newId();
  const created = s.at?.[0] ?? t(s.created);
  const moved = s.at?.[1] ?? t(s.closed);
  const closed = s.status === 'won' || s.status === 'lost';
  await db.insert(deal).values({
    id,
    organizationId: s.from,
    counterpartyId: s.to ?? null,
    vendorId: s.kind === 'referral' ? null : (s.to ?? s.from),
    kind: s.kind,
    status: s.status,
    title: `Deal ${id.slice(-6)}`,
    customerName: `Customer ${id.slice(-6)}`,
    customerNameKey: `customer ${id.slice(-6)}`,
    customerCountry: s.country ?? 'SE',
    amountMinor: s.amount,
    currency: s.currency ?? 'EUR',
    wonAmountMinor: s.status === 'won' ? s.amount : null,
    createdAt: created,
    updatedAt: moved,
    sentAt: s.sent ? t(s.sent) : s.at ? created : null,
    closedAt: closed ? moved : null,
  });
  await db.insert(dealParty).values([
    { dealId: id, organizationId: s.from, side: 'from', addedAt: created },
    ...(s.to ? [{ dealId: id, organizationId: s.to, side: 'to', addedAt: created }] : []),
    ...(s.coSeller
      ? [
          {
            dealId: id,
            organizationId: s.coSeller[0],
            side: 'co_seller',
            attribution: s.coSeller[1],
            addedAt: created,
          },
        ]
      : []),
  ]);
  await db.insert(dealEvent).values([
    { id: newId(), organizationId: s.from, dealId: id, kind: 'created', createdAt: created },
    {
      id: newId(),
      organizationId: s.to && s.kind !== 'registration' ? s.to : s.from,
      dealId: id,
      kind: 'status_changed',
      fromStatus: 'open',
      toStatus: s.status,
      createdAt: moved,
    },
  ]);
  return id;
}
