import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addMember, createOrg, partnerUp, type TestMember } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';

const nextYear = `${new Date().getUTCFullYear() + 1}-06-30`;
const deal = (over: object = {}) => ({
  customerName: 'Globex Corporation',
  customerDomain: 'globex.com',
  customerCountry: 'US',
  amountMinor: 2_500_000,
  currency: 'EUR',
  expectedClose: nextYear,
  ...over,
});

describe('deals', () => {
  let h: TestApp;
  let vendor: TestMember;
  let vendorAm: TestMember;
  let vendorSales: TestMember;
  let p1: TestMember; // a reseller of the vendor
  let p2: TestMember; // another reseller of the vendor
  let outsider: TestMember; // no partnership with anyone
  let techOnly: TestMember; // a technology alliance only: no deals along it
  let partnershipP1: string;

  beforeAll(async () => {
    h = await createTestApp();
    vendor = await createOrg(h, 'Vendor Cloud');
    vendorAm = await addMember(h, vendor.orgId, 'alliance_manager', 'Vera Alliance');
    vendorSales = await addMember(h, vendor.orgId, 'sales');
    p1 = await createOrg(h, 'First Reseller');
    p2 = await createOrg(h, 'Second Reseller');
    outsider = await createOrg(h, 'Outsider Inc');
    techOnly = await createOrg(h, 'Tech Ally');
    partnershipP1 = await partnerUp(h, p1, vendor);
    const partnershipP2 = await partnerUp(h, p2, vendor);
    // Vera owns both resellers at the vendor: their registrations are hers to review.
    for (const id of [partnershipP1, partnershipP2])
      await h.as(vendor.token).patch(`/api/v1/partnerships/${id}`, { ownerUserId: vendorAm.userId });
    await partnerUp(h, techOnly, vendor, ['technology']);
    await partnerUp(h, p1, p2, ['refers', 'co_sells']);
  });
  afterAll(() => h?.close());

  const register = async (who: TestMember, over: object = {}) =>
    h.as(who.token).post('/api/v1/registrations', deal({ vendorId: vendor.orgId, ...over }));
  const move = (who: TestMember, id: string, body: object) =>
    h.as(who.token).post(`/api/v1/deals/${id}/transitions`, body);

  test('a referral goes to the partner, who answers, works it and wins it; the sender hears each step', async () => {
    const sent = await h
      .as(p1.token)
      .post('/api/v1/referrals', deal({ partnerId: p2.orgId, need: 'Migrate mail' }));
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body).toMatchObject({
      kind: 'referral',
      status: 'sent',
      mySide: 'from',
      from: { name: 'First Reseller' },
      to: { name: 'Second Reseller' },
      amount: { amountMinor: 2_500_000, currency: 'EUR' },
      allowedMoves: ['withdrawn'],
      overdue: false,
    });
    // The answer to the creation shows the deal exactly as reading it back does.
    expect((await h.as(p1.token).get(`/api/v1/deals/${sent.body.id}`)).body).toEqual(sent.body);
    // Five business days to answer.
    const due = new Date(sent.body.responseDueAt).getTime() - new Date(sent.body.sentAt).getTime();
    expect(due).toBeGreaterThanOrEqual(7 * 86_400_000 - 1000);
    const id = sent.body.id;
    const received = await h.as(p2.token).get('/api/v1/deals?direction=received&kind=referral');
    expect(received.body.data.map((d: { id: string }) => d.id)).toContain(id);
    const bell = await h.as(p2.token).get('/api/v1/notifications');
    expect(bell.body.data[0].title).toBe('New referral from First Reseller: Globex Corporation');

    expect((await h.as(p2.token).get(`/api/v1/deals/${id}`)).body.allowedMoves).toEqual([
      'accepted',
      'declined',
    ]);
    expect((await move(p2, id, { to: 'accepted' })).body.status).toBe('accepted');
    expect((await move(p2, id, { to: 'proposal' })).body.status).toBe('proposal');
    const noAmount = await move(p2, id, { to: 'won' });
    expect(noAmount.status).toBe(400);
    expect(noAmount.body.error.details.issues[0].path).toBe('wonAmountMinor');
    const won = await move(p2, id, { to: 'won', wonAmountMinor: 2_750_000 });
    expect(won.body).toMatchObject({ status: 'won', wonAmount: { amountMinor: 2_750_000, currency: 'EUR' } });
    const senderBell = await h.as(p1.token).get('/api/v1/notifications');
    expect(senderBell.body.data[0].title).toBe('Second Reseller marked Globex Corporation won');
    expect(senderBell.body.data[0].body).toContain('€27,500.00');

    const timeline = await h.as(p1.token).get(`/api/v1/deals/${id}/timeline`);
    expect(timeline.body.data.map((e: { toStatus: string }) => e.toStatus)).toEqual([
      'sent',
      'accepted',
      'proposal',
      'won',
    ]);
    expect(timeline.body.data[1]).toMatchObject({
      organization: { name: 'Second Reseller' },
      actor: { id: p2.userId },
    });
    const activity = await h.as(p2.token).get('/api/v1/activity?limit=3');
    expect(activity.body.data[0].kind).toBe('deal.won');
  });

  test('referrals go both ways; the pair ledger counts each way, win rates, answer times and reciprocity', async () => {
    const [pairA, pairB] = [await createOrg(h, 'Ledger A'), await createOrg(h, 'Ledger B')];
    const partnership = await partnerUp(h, pairA, pairB, ['refers']);
    const refer = async (from: TestMember, to: TestMember, amountMinor: number, currency = 'EUR') =>
      (await h.as(from.token).post('/api/v1/referrals', deal({ partnerId: to.orgId, amountMinor, currency })))
        .body.id;
    const a1 = await refer(pairA, pairB, 100_000);
    const a2 = await refer(pairA, pairB, 50_000, 'USD');
    await refer(pairA, pairB, 10_000);
    const b1 = await refer(pairB, pairA, 70_000);
    await move(pairB, a1, { to: 'accepted' });
    await move(pairB, a1, { to: 'won', wonAmountMinor: 120_000 });
    await move(pairB, a2, { to: 'declined', reason: 'Not our region' });
    await move(pairA, b1, { to: 'accepted' });

    const ledger = await h.as(pairA.token).get(`/api/v1/partnerships/${partnership}/ledger`);
    expect(ledger.status).toBe(200);
    expect(ledger.body).toMatchObject({
      me: { name: 'Ledger A' },
      partner: { name: 'Ledger B' },
      sent: {
        deals: 3,
        value: [
          { currency: 'EUR', amountMinor: 110_000 },
          { currency: 'USD', amountMinor: 50_000 },
        ],
        won: 1,
        wonValue: [{ currency: 'EUR', amountMinor: 120_000 }],
        winRate: 0.5,
      },
      received: { deals: 1, won: 0, winRate: null },
      reciprocity: 1 / 3,
    });
    expect(ledger.body.sent.medianResponseHours).toBeGreaterThanOrEqual(0);
    const mirrored = await h.as(pairB.token).get(`/api/v1/partnerships/${partnership}/ledger`);
    expect(mirrored.body.received.deals).toBe(3);
    expect(mirrored.body.sent.deals).toBe(1);
  });

  test('a registration conflicting with the vendor pipeline by domain variant needs review; only the vendor sees the match', async () => {
    const pipeline = await h
      .as(vendorSales.token)
      .post('/api/v1/opportunities', deal({ customerName: 'Initech', customerDomain: 'initech.com' }));
    expect(pipeline.status, JSON.stringify(pipeline.body)).toBe(201);
    const preview = await h.as(p1.token).post('/api/v1/registrations/conflict-check', {
      vendorId: vendor.orgId,
      customerName: 'Initech UK',
      customerDomain: 'https://www.initech.co.uk/contact',
      customerCountry: 'GB',
    });
    expect(preview.body).toEqual({
      outcome: 'potential_conflict',
      protectedUntil: null,
      customerDomain: 'initech.co.uk',
    });

    const reg = await register(p1, {
      customerName: 'Initech UK',
      customerDomain: 'https://www.initech.co.uk/contact',
    });
    expect(reg.status, JSON.stringify(reg.body)).toBe(201);
    expect(reg.body).toMatchObject({
      status: 'submitted',
      conflictOutcome: 'potential_conflict',
      conflicts: null,
    });
    expect((await h.as(p1.token).get(`/api/v1/deals/${reg.body.id}`)).body).toEqual(reg.body);
    // Vera owns this reseller at the vendor: she hears about it, with the conflict flagged.
    const [notice] = (await h.as(vendorAm.token).get('/api/v1/notifications?limit=1')).body.data;
    expect(notice).toMatchObject({
      title: 'First Reseller registered Initech UK with you',
      link: `/deals/${reg.body.id}`,
    });
    expect(notice.body).toContain('Possible conflict');
    const asVendor = await h.as(vendorAm.token).get(`/api/v1/deals/${reg.body.id}`);
    expect(asVendor.body.conflicts).toEqual([
      expect.objectContaining({
        kind: 'opportunity',
        partner: expect.objectContaining({ name: 'Vendor Cloud' }),
        matchedBy: 'domain',
      }),
    ]);
    expect(asVendor.body.allowedMoves).toEqual(['under_review', 'approved', 'rejected']);
    const queue = await h.as(vendorAm.token).get('/api/v1/deals/review-queue');
    expect(queue.body.data.find((d: { id: string }) => d.id === reg.body.id)).toMatchObject({
      conflictCount: 1,
    });
    // Vendor sales may not review; a third organization does not see the deal at all.
    expect((await move(vendorSales, reg.body.id, { to: 'approved' })).status).toBe(403);
    expect((await h.as(outsider.token).get(`/api/v1/deals/${reg.body.id}`)).status).toBe(404);
    expect((await h.as(p2.token).get(`/api/v1/deals/${reg.body.id}`)).status).toBe(404);
  });

  test('the first approved registration wins protection; a later one for the same company is blocked without naming anyone', async () => {
    const first = await register(p1, {
      customerName: 'Nordlys AB',
      customerDomain: null,
      customerCountry: 'SE',
    });
    expect(first.body.conflictOutcome).toBe('clear');
    const second = await register(p2, {
      customerName: 'NORDLYS Aktiebolag',
      customerDomain: null,
      customerCountry: 'SE',
    });
    expect(second.body.conflictOutcome).toBe('potential_conflict');
    const vendorView = await h.as(vendor.token).get(`/api/v1/deals/${second.body.id}`);
    expect(vendorView.body.conflicts[0]).toMatchObject({
      partner: { name: 'First Reseller' },
      matchedBy: 'name',
    });
    // The earlier registration shows the collision to the reviewer as well, never to its partner.
    const earlier = await h.as(vendor.token).get(`/api/v1/deals/${first.body.id}`);
    expect(earlier.body.conflicts[0]).toMatchObject({
      partner: { name: 'Second Reseller' },
      dealId: second.body.id,
    });
    expect((await h.as(p1.token).get(`/api/v1/deals/${first.body.id}`)).body).toMatchObject({
      conflictOutcome: 'clear',
      conflicts: null,
    });

    const approved = await move(vendorAm, first.body.id, { to: 'approved' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body.protection).toMatchObject({ status: 'active' });
    const days = (new Date(approved.body.protection.endsAt).getTime() - Date.now()) / 86_400_000;
    expect(Math.round(days)).toBe(90);
    expect((await h.as(p1.token).get('/api/v1/notifications')).body.data[0].title).toBe(
      'Vendor Cloud approved your registration for Nordlys AB',
    );
    // The other pending registration can no longer be approved.
    const rival = await move(vendor, second.body.id, { to: 'approved' });
    expect(rival.status).toBe(409);
    expect(rival.body.error.code).toBe('customer_protected');

    const blocked = await register(p2, {
      customerName: 'Nordlys',
      customerDomain: null,
      customerCountry: 'SE',
    });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error.code).toBe('customer_protected');
    expect(blocked.body.error.message).not.toContain('First Reseller');
    expect(JSON.stringify(blocked.body)).not.toContain(p1.orgId);
    expect(new Date(blocked.body.error.details.protectedUntil).getTime()).toBe(
      new Date(approved.body.protection.endsAt).getTime(),
    );
    // A record without a country is compared by name alone…
    const anywhere = await h.as(p2.token).post('/api/v1/registrations/conflict-check', {
      vendorId: vendor.orgId,
      customerName: 'Nordlys',
    });
    expect(anywhere.body.outcome).toBe('blocked');
    // …but the same name in another country is another company.
    const german = await register(p2, {
      customerName: 'Nordlys AB',
      customerDomain: null,
      customerCountry: 'DE',
    });
    expect(german.status).toBe(201);
    expect(german.body.conflictOutcome).toBe('clear');
  });

  test('drafts are checked only on submit; the partner may edit the customer until then', async () => {
    const draft = await register(p2, {
      submit: false,
      customerName: 'Umbrella',
      customerDomain: 'umbrella.io',
    });
    expect(draft.body).toMatchObject({
      status: 'draft',
      conflictOutcome: null,
      allowedMoves: ['submitted', 'withdrawn'],
    });
    const edited = await h
      .as(p2.token)
      .patch(`/api/v1/deals/${draft.body.id}`, { customerDomain: 'shop.umbrella.de' });
    expect(edited.body.customerDomain).toBe('umbrella.de');
    // A draft is the partner's own: the vendor neither lists nor opens it until it is submitted.
    expect((await h.as(vendor.token).get(`/api/v1/deals/${draft.body.id}`)).status).toBe(404);
    const vendorList = await h.as(vendor.token).get('/api/v1/deals?limit=200');
    expect(vendorList.body.data.map((d: { id: string }) => d.id)).not.toContain(draft.body.id);
    const submitted = await move(p2, draft.body.id, { to: 'submitted' });
    expect((await h.as(vendor.token).get(`/api/v1/deals/${draft.body.id}`)).status).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', conflictOutcome: 'clear' });
    const late = await h
      .as(p2.token)
      .patch(`/api/v1/deals/${draft.body.id}`, { customerName: 'Umbrella Corp' });
    expect(late.status).toBe(409);
    expect(
      (await h.as(p2.token).patch(`/api/v1/deals/${draft.body.id}`, { amountMinor: 1 })).body.amount
        .amountMinor,
    ).toBe(1);
  });

  test('co-selling: partners join a deal with an attribution, follow it, and cannot move it', async () => {
    const reg = await register(p1, { customerName: 'Soylent', customerDomain: 'soylent.com' });
    const added = await h
      .as(p1.token)
      .post(`/api/v1/deals/${reg.body.id}/partners`, { organizationId: p2.orgId, attribution: 'delivering' });
    expect(added.status, JSON.stringify(added.body)).toBe(200);
    expect(added.body.parties).toEqual([
      expect.objectContaining({ side: 'from', attribution: 'sourced' }),
      expect.objectContaining({
        side: 'to',
        organization: expect.objectContaining({ name: 'Vendor Cloud' }),
      }),
      expect.objectContaining({ side: 'co_seller', attribution: 'delivering' }),
    ]);
    const timeline = await h.as(p1.token).get(`/api/v1/deals/${reg.body.id}/timeline`);
    expect(timeline.body.data.at(-1)).toMatchObject({
      kind: 'partner_added',
      data: { organizationName: 'Second Reseller', attribution: 'delivering' },
    });
    const asCoSeller = await h.as(p2.token).get(`/api/v1/deals/${reg.body.id}`);
    expect(asCoSeller.body).toMatchObject({
      mySide: 'co_seller',
      allowedMoves: [],
      protection: null,
      conflicts: null,
    });
    expect((await move(p2, reg.body.id, { to: 'withdrawn' })).status).toBe(403);
    expect((await h.as(p2.token).get('/api/v1/deals?direction=co_selling')).body.data[0].id).toBe(
      reg.body.id,
    );
    // Only along a co-selling partnership.
    const noPartnership = await h.as(p1.token).post(`/api/v1/deals/${reg.body.id}/partners`, {
      organizationId: outsider.orgId,
      attribution: 'influenced',
    });
    expect(noPartnership.status).toBe(409);
    const removed = await h.as(p1.token).delete(`/api/v1/deals/${reg.body.id}/partners/${p2.orgId}`);
    expect(removed.body.parties).toHaveLength(2);
    expect((await h.as(p2.token).get(`/api/v1/deals/${reg.body.id}`)).status).toBe(404);
  });

  test('bad input gets a clear 4xx naming the problem', async () => {
    const bad = async (body: object, path: string) => {
      const res = await h.as(p1.token).post('/api/v1/referrals', deal({ partnerId: p2.orgId, ...body }));
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      expect(res.body.error.details.issues[0].path).toBe(path);
    };
    await bad({ amountMinor: -5 }, 'body.amountMinor');
    await bad({ amountMinor: 12.5 }, 'body.amountMinor');
    await bad({ currency: 'EURO' }, 'body.currency');
    await bad({ currency: 'XYZ' }, 'body.currency');
    await bad({ expectedClose: '2001-01-01' }, 'body.expectedClose');
    await bad({ expectedClose: '31/12/2030' }, 'body.expectedClose');
    await bad({ customerCountry: 'ZZ' }, 'body.customerCountry');
    await bad({ customerDomain: 'someone@gmail.com' }, 'customerDomain');
    // No partnership, or one that does not allow referrals: a 409 saying so.
    const none = await h.as(outsider.token).post('/api/v1/referrals', deal({ partnerId: p1.orgId }));
    expect(none.status).toBe(409);
    expect(none.body.error.message).toBe('You have no active partnership with this organization');
    const tech = await h.as(techOnly.token).post('/api/v1/registrations', deal({ vendorId: vendor.orgId }));
    expect(tech.status).toBe(409);
    expect(tech.body.error.message).toContain('does not allow this');
    // A move the state machine does not have: 409 with the current state.
    const reg = await register(p1, { customerName: 'Hooli', customerDomain: 'hooli.xyz' });
    const skip = await move(p1, reg.body.id, { to: 'won', wonAmountMinor: 5 });
    expect(skip.status).toBe(409);
    expect(skip.body.error.details).toMatchObject({ status: 'submitted' });
    expect((await move(vendor, reg.body.id, { to: 'rejected' })).status).toBe(400);
  });

  test('the deal list filters, paginates and exports to CSV', async () => {
    const page1 = await h.as(p1.token).get('/api/v1/deals?kind=registration&limit=2');
    expect(page1.body.data).toHaveLength(2);
    const page2 = await h
      .as(p1.token)
      .get(`/api/v1/deals?kind=registration&limit=2&cursor=${page1.body.nextCursor}`);
    expect(page2.body.data[0].id < page1.body.data[1].id).toBe(true);
    const searched = await h.as(p1.token).get('/api/v1/deals?q=nordlys');
    expect(searched.body.data.map((d: { customerName: string }) => d.customerName)).toEqual(['Nordlys AB']);
    const csv = await h.as(p1.token).get('/api/v1/deals/export.csv?kind=registration');
    expect(csv.status).toBe(200);
    expect(String(csv.headers['content-type'])).toContain('text/csv');
    const lines = String(csv.body).trim().split('\n');
    expect(lines[0]).toContain('customer_name');
    expect(lines.some((l) => l.includes('Nordlys AB') && l.includes('approved'))).toBe(true);
  });

  test('deal settings: the vendor sets its protection window; only owners, admins and the CPO', async () => {
    expect((await h.as(vendorAm.token).patch('/api/v1/deal-settings', { protectionDays: 30 })).status).toBe(
      403,
    );
    const res = await h.as(vendor.token).patch('/api/v1/deal-settings', { protectionDays: 30 });
    expect(res.body).toEqual({
      protectionDays: 30,
      reviewSlaBusinessDays: 2,
      referralResponseBusinessDays: 5,
    });
    expect((await h.as(vendor.token).patch('/api/v1/deal-settings', { protectionDays: 0 })).status).toBe(400);
    const reg = await register(p1, { customerName: 'Vandelay Industries', customerDomain: 'vandelay.com' });
    const approved = await move(vendor, reg.body.id, { to: 'approved' });
    const days = (new Date(approved.body.protection.endsAt).getTime() - Date.now()) / 86_400_000;
    expect(Math.round(days)).toBe(30);
    // The partner asks for more; the vendor grants it.
    const asked = await h
      .as(p1.token)
      .post(`/api/v1/deals/${reg.body.id}/protection/extension`, { days: 15, reason: 'Procurement is slow' });
    expect(asked.body.protection).toMatchObject({ extensionRequestedDays: 15 });
    const granted = await h
      .as(vendorAm.token)
      .post(`/api/v1/deals/${reg.body.id}/protection/extension/approve`, {});
    expect(granted.body.protection.extensionRequestedDays).toBeNull();
    const extended = (new Date(granted.body.protection.endsAt).getTime() - Date.now()) / 86_400_000;
    expect(Math.round(extended)).toBe(45);
  });
});
