import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addMember, createOrg, partnerUp, type TestMember } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { partnerDealMetrics } from '../deals/index.ts';
import { evaluateTiers } from './programs.evaluate.ts';
import { enroll, LADDER, publishedProgram, wonDeal } from './programs.testing.ts';

const DAY = 86_400_000;

describe('programs', () => {
  let h: TestApp;
  let vendor: TestMember;
  let vendorAm: TestMember;
  let partner: TestMember;
  let other: TestMember;

  beforeAll(async () => {
    h = await createTestApp();
    vendor = await createOrg(h, 'Vendor Works');
    vendorAm = await addMember(h, vendor.orgId, 'alliance_manager', 'Ada Alliance');
    partner = await createOrg(h, 'Partner Reseller');
    other = await createOrg(h, 'Other Partner');
  });
  afterAll(() => h?.close());

  test('a vendor builds a program; drafts stay private; bad currencies, kinds and percentages are 400s', async () => {
    const created = await h.as(vendor.token).post('/api/v1/programs', {
      name: 'Referral Agents',
      kind: 'referral',
      currency: 'eur',
      questions: [
        { id: 'team', label: 'How many sellers?', kind: 'text', required: true },
        { id: 'region', label: 'Region', kind: 'choice', options: ['EMEA', 'AMER'], required: false },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      status: 'draft',
      currency: 'EUR',
      partnershipTypes: ['refers'],
      mine: true,
      tiers: [],
      downgradeGraceDays: 60,
      holdingDays: 30,
    });
    const id = created.body.id;
    // Only the vendor sees a draft.
    expect((await h.as(partner.token).get(`/api/v1/programs/${id}`)).status).toBe(404);
    const available = await h.as(partner.token).get('/api/v1/programs?scope=available');
    expect(available.body.data.map((p: { id: string }) => p.id)).not.toContain(id);

    const post = (body: object) => h.as(vendor.token).post('/api/v1/programs', body);
    const xyz = await post({ name: 'Bad money', kind: 'reseller', currency: 'XYZ' });
    expect(xyz.status).toBe(400);
    expect(xyz.body.error.details.issues[0].path).toBe('body.currency');
    expect((await post({ name: 'No types', kind: 'custom', currency: 'EUR' })).status).toBe(400);
    const custom = await post({
      name: 'Tech',
      kind: 'custom',
      currency: 'EUR',
      partnershipTypes: ['technology'],
    });
    expect(custom.body.partnershipTypes).toEqual(['technology']);
    expect((await post({ name: 'Referral agents', kind: 'referral', currency: 'EUR' })).status).toBe(409);
    const badChoice = await post({
      name: 'Q',
      kind: 'reseller',
      currency: 'EUR',
      questions: [{ id: 'x', label: 'X', kind: 'choice' }],
    });
    expect(badChoice.status).toBe(400);

    const tiers = (body: object) => h.as(vendor.token).put(`/api/v1/programs/${id}/tiers`, body);
    expect((await tiers({ tiers: [{ name: 'Gold', discountBp: 10001 }] })).status).toBe(400);
    expect((await tiers({ tiers: [{ name: 'Gold', discountBp: -1 }] })).status).toBe(400);
    const rule = (body: object) => h.as(vendor.token).post(`/api/v1/programs/${id}/rules`, body);
    expect((await rule({ kind: 'percentage', rateBp: 10001 })).status).toBe(400);
    expect((await rule({ kind: 'percentage', rateBp: -5 })).status).toBe(400);
    expect((await rule({ kind: 'percentage', rateBp: 12.5 })).status).toBe(400);

    // Publishing makes it visible and listed for others.
    await h.as(vendor.token).patch(`/api/v1/programs/${id}`, { status: 'published' });
    const seen = await h.as(partner.token).get(`/api/v1/programs/${id}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ mine: false, vendor: { name: 'Vendor Works' }, myApplication: null });
  });

  test('tiers: the ladder is replaced at once; overlapping thresholds are a 400 naming the tier and metric, changing nothing', async () => {
    const { id, tiers } = await publishedProgram(h, vendor);
    expect(tiers.map((t) => t.name)).toEqual(['Registered', 'Silver', 'Gold']);
    const overlap = await h.as(vendor.token).put(`/api/v1/programs/${id}/tiers`, {
      tiers: [
        { name: 'Registered' },
        { name: 'Silver', requirements: { revenueMinor: 1_000_000, wonDeals: 5 } },
        { name: 'Gold', requirements: { revenueMinor: 5_000_000, wonDeals: 3 } },
      ],
    });
    expect(overlap.status).toBe(400);
    expect(overlap.body.error.code).toBe('invalid_input');
    expect(overlap.body.error.message).toContain('Gold overlaps Silver');
    expect(overlap.body.error.message).toContain('won deals');
    expect(overlap.body.error.details.issues[0].path).toBe('tiers.2.requirements.wonDeals');
    const same = await h.as(vendor.token).put(`/api/v1/programs/${id}/tiers`, {
      tiers: [{ name: 'A' }, { name: 'B' }],
    });
    expect(same.status).toBe(400);
    const after = await h.as(vendor.token).get(`/api/v1/programs/${id}/tiers`);
    expect(after.body.data).toEqual(tiers);

    // Rename and reorder by id, add one on top; the response carries requirements and benefits.
    const put = await h.as(vendor.token).put(`/api/v1/programs/${id}/tiers`, {
      tiers: [
        { id: tiers[0]!.id, name: 'Member' },
        { id: tiers[1]!.id, name: 'Silver', requirements: { revenueMinor: 1_000_000 } },
        {
          id: tiers[2]!.id,
          name: 'Gold',
          requirements: { revenueMinor: 5_000_000, wonDeals: 3 },
          discountBp: 2000,
        },
        { name: 'Platinum', requirements: { revenueMinor: 20_000_000, wonDeals: 10 }, discountBp: 3000 },
      ],
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body.data.map((t: { name: string; rank: number }) => [t.rank, t.name])).toEqual([
      [1, 'Member'],
      [2, 'Silver'],
      [3, 'Gold'],
      [4, 'Platinum'],
    ]);
    expect(put.body.data[2]).toMatchObject({
      id: tiers[2]!.id,
      requirements: { revenueMinor: 5_000_000, wonDeals: 3, registeredDeals: 0 },
      benefits: { discountBp: 2000, rules: [] },
    });

    // A tier a partner sits in cannot be removed.
    await enroll(h, vendor, partner, id);
    const removeMember = await h.as(vendor.token).put(`/api/v1/programs/${id}/tiers`, {
      tiers: put.body.data.slice(1).map((t: { id: string; name: string; requirements: object }) => ({
        id: t.id,
        name: t.name,
        requirements: t.requirements,
      })),
    });
    expect(removeMember.status).toBe(409);
    expect(removeMember.body.error.message).toContain('Member cannot be removed');
    // Nor can the currency change once there are tiers.
    const currency = await h.as(vendor.token).patch(`/api/v1/programs/${id}`, { currency: 'USD' });
    expect(currency.status).toBe(409);
  });

  test('commission rules are validated by kind, belong to the program, and are retired rather than edited', async () => {
    const { id, tiers } = await publishedProgram(h, vendor);
    const { id: otherProgram, tiers: otherTiers } = await publishedProgram(h, vendor);
    const rule = (body: object) => h.as(vendor.token).post(`/api/v1/programs/${id}/rules`, body);
    const pct = await rule({ kind: 'percentage', rateBp: 1000, tierId: tiers[2]!.id });
    expect(pct.status, JSON.stringify(pct.body)).toBe(201);
    expect(pct.body).toMatchObject({ kind: 'percentage', event: 'deal_won', rateBp: 1000, currency: 'EUR' });
    expect((await rule({ kind: 'percentage', rateBp: 500, event: 'lead_accepted' })).status).toBe(400);
    expect((await rule({ kind: 'flat', amountMinor: 50_000 })).status).toBe(400); // flat needs its event
    expect((await rule({ kind: 'flat', amountMinor: 50_000, event: 'referral_qualified' })).status).toBe(201);
    expect((await rule({ kind: 'recurring', rateBp: 500 })).status).toBe(400); // months
    expect((await rule({ kind: 'recurring', rateBp: 500, months: 12 })).status).toBe(201);
    expect((await rule({ kind: 'per_lead', amountMinor: 1000, event: 'deal_won' })).status).toBe(400);
    expect((await rule({ kind: 'per_lead', amountMinor: 1000 })).body.event).toBe('lead_accepted');
    expect((await rule({ kind: 'flat', amountMinor: 1000, event: 'deal_won', months: 3 })).status).toBe(400);
    const foreignTier = await rule({ kind: 'percentage', rateBp: 100, tierId: otherTiers[0]!.id });
    expect(foreignTier.status).toBe(400);
    expect(foreignTier.body.error.details.issues[0].path).toBe('tierId');
    expect(otherProgram).not.toBe(id);

    // Gold shows its own rule and the program-wide ones; Silver only the program-wide ones.
    const program = await h.as(vendor.token).get(`/api/v1/programs/${id}`);
    const byName = (n: string) => program.body.tiers.find((t: { name: string }) => t.name === n);
    expect(byName('Gold').benefits.rules.map((r: { id: string }) => r.id)).toContain(pct.body.id);
    expect(byName('Silver').benefits.rules.map((r: { id: string }) => r.id)).not.toContain(pct.body.id);
    expect(byName('Silver').benefits.rules).toHaveLength(3);

    const retired = await h.as(vendor.token).delete(`/api/v1/programs/${id}/rules/${pct.body.id}`);
    expect(retired.body).toMatchObject({ status: 'retired', rateBp: 1000 });
    expect(retired.body.retiredAt).not.toBeNull();
    expect((await h.as(vendor.token).delete(`/api/v1/programs/${id}/rules/${pct.body.id}`)).status).toBe(409);
    const rules = await h.as(vendor.token).get(`/api/v1/programs/${id}/rules`);
    expect(rules.body.data.find((r: { id: string }) => r.id === pct.body.id).status).toBe('retired');
    expect((await h.as(vendor.token).get(`/api/v1/programs/${id}`)).body.rules).toHaveLength(3);
  });

  test('apply → approve: enrollment with checklist and tier, an active partnership of the program type, both sides see it', async () => {
    const newcomer = await createOrg(h, 'Newcomer Systems');
    const { id } = await publishedProgram(h, vendor, {
      questions: [
        { id: 'sellers', label: 'How many sellers?', kind: 'text', required: true },
        { id: 'msp', label: 'Are you an MSP?', kind: 'yes_no', required: true },
        { id: 'region', label: 'Region', kind: 'choice', options: ['EMEA', 'AMER'] },
      ],
    });
    const apply = (body: object) => h.as(newcomer.token).post(`/api/v1/programs/${id}/applications`, body);
    const missing = await apply({ answers: { sellers: '12' } });
    expect(missing.status).toBe(400);
    expect(missing.body.error.details.issues[0].path).toBe('answers.msp');
    const unknown = await apply({ answers: { sellers: '12', msp: true, shoeSize: '44' } });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.details.issues[0].path).toBe('answers.shoeSize');
    expect((await apply({ answers: { sellers: '12', msp: 'yes' } })).status).toBe(400);
    expect((await apply({ answers: { sellers: '12', msp: true, region: 'APAC' } })).status).toBe(400);
    const applied = await apply({ answers: { sellers: '12', msp: true, region: 'EMEA' }, message: 'Hello' });
    expect(applied.status, JSON.stringify(applied.body)).toBe(201);
    expect(applied.body).toMatchObject({
      status: 'pending',
      side: 'partner',
      vendor: { name: 'Vendor Works' },
    });
    expect((await apply({ answers: { sellers: '1', msp: false } })).status).toBe(409);
    // The vendor hears about it and sees it in its queue.
    const bell = await h.as(vendor.token).get('/api/v1/notifications');
    expect(bell.body.data[0].title).toContain('Newcomer Systems applied to');
    const queue = await h.as(vendor.token).get('/api/v1/applications?side=vendor&status=pending');
    expect(queue.body.data.map((a: { id: string }) => a.id)).toContain(applied.body.id);
    // The applicant cannot approve its own application; the vendor must give a reason to reject.
    expect(
      (await h.as(newcomer.token).post(`/api/v1/applications/${applied.body.id}/approve`, {})).status,
    ).toBe(403);
    expect((await h.as(vendor.token).post(`/api/v1/applications/${applied.body.id}/reject`, {})).status).toBe(
      400,
    );

    const approved = await h
      .as(vendorAm.token)
      .post(`/api/v1/applications/${applied.body.id}/approve`, { ownerUserId: vendorAm.userId });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    expect(approved.body).toMatchObject({ status: 'approved', decidedBy: { name: 'Ada Alliance' } });
    expect(
      (await h.as(vendor.token).post(`/api/v1/applications/${applied.body.id}/approve`, {})).status,
    ).toBe(409);

    const partnerships = await h.as(newcomer.token).get(`/api/v1/partnerships?partnerId=${vendor.orgId}`);
    expect(partnerships.body.data).toHaveLength(1);
    expect(partnerships.body.data[0]).toMatchObject({
      status: 'active',
      types: ['resells'],
      partnerOwner: { id: vendorAm.userId },
    });

    const enrollmentId = approved.body.enrollmentId;
    const seen = await h.as(newcomer.token).get(`/api/v1/enrollments/${enrollmentId}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({
      side: 'partner',
      status: 'active',
      tier: { name: 'Registered', rank: 1 },
      onboarding: { done: 0, total: 2 },
      progress: { nextTier: { name: 'Silver' }, headline: 'EUR 0 of 10,000 to Silver' },
    });
    expect(seen.body.progress.requirements).toEqual([
      { metric: 'revenueMinor', current: 0, target: 1_000_000, met: false },
    ]);
    expect(seen.body.history.map((c: { kind: string }) => c.kind)).toEqual(['initial']);
    const [agreement, kickoff] = seen.body.tasks;
    const due = new Date(Date.now() + 7 * DAY).toISOString().slice(0, 10);
    expect(agreement).toMatchObject({
      ownerSide: 'partner',
      dueOn: due,
      done: false,
      canTick: true,
      canReschedule: true,
    });
    expect(kickoff).toMatchObject({
      ownerSide: 'vendor',
      owner: { name: 'Ada Alliance' },
      canTick: false,
      canReschedule: false,
    });

    // Each side ticks only its own tasks; both see the progress.
    const task = (who: TestMember, taskId: string, body: object) =>
      h.as(who.token).patch(`/api/v1/enrollments/${enrollmentId}/tasks/${taskId}`, body);
    expect((await task(newcomer, kickoff.id, { done: true })).status).toBe(403);
    const ticked = await task(newcomer, agreement.id, { done: true });
    expect(ticked.body).toMatchObject({ done: true, doneBy: { id: newcomer.userId } });
    const vendorView = await h.as(vendor.token).get(`/api/v1/enrollments/${enrollmentId}`);
    expect(vendorView.body).toMatchObject({ side: 'vendor', onboarding: { done: 1, total: 2 } });
    // The vendor may move any task's due date, but assigns owners only on its own side's tasks.
    expect(vendorView.body.tasks[0]).toMatchObject({ canTick: false, canReschedule: true });
    expect((await task(vendor, agreement.id, { dueOn: '2031-01-31' })).body.dueOn).toBe('2031-01-31');
    expect((await task(newcomer, kickoff.id, { dueOn: '2031-01-31' })).status).toBe(403);
    expect((await task(vendor, agreement.id, { ownerUserId: vendorAm.userId })).status).toBe(403);
    const assigned = await task(vendor, kickoff.id, { ownerUserId: vendor.userId, dueOn: null });
    expect(assigned.body).toMatchObject({ owner: { id: vendor.userId }, dueOn: null });
    const added = await h.as(vendor.token).post(`/api/v1/enrollments/${enrollmentId}/tasks`, {
      title: 'Demo certification',
      ownerSide: 'partner',
    });
    expect(added.status).toBe(201);
    expect(
      (
        await h
          .as(newcomer.token)
          .post(`/api/v1/enrollments/${enrollmentId}/tasks`, { title: 'x', ownerSide: 'partner' })
      ).status,
    ).toBe(403);
    const list = await h.as(newcomer.token).get('/api/v1/enrollments?side=partner');
    expect(list.body.data[0]).toMatchObject({ id: enrollmentId, onboarding: { done: 1, total: 3 } });
  });

  test('approval extends a live partnership with the missing type; reject and withdraw', async () => {
    const ally = await createOrg(h, 'Ally Partners');
    await partnerUp(h, ally, vendor, ['refers']);
    const { id } = await publishedProgram(h, vendor);
    await enroll(h, vendor, ally, id);
    const p = await h.as(vendor.token).get(`/api/v1/partnerships?partnerId=${ally.orgId}`);
    expect(p.body.data).toHaveLength(1);
    expect(p.body.data[0]).toMatchObject({ status: 'active', types: ['refers', 'resells'] });
    const timeline = await h.as(ally.token).get(`/api/v1/partnerships/${p.body.data[0].id}/timeline`);
    expect(timeline.body.data.at(-1).kind).toBe('types_added');

    const rejected = await h.as(other.token).post(`/api/v1/programs/${id}/applications`, {});
    const rej = await h
      .as(vendor.token)
      .post(`/api/v1/applications/${rejected.body.id}/reject`, { reason: 'Not in our region' });
    expect(rej.body).toMatchObject({ status: 'rejected', reason: 'Not in our region', enrollmentId: null });
    expect((await h.as(other.token).get('/api/v1/notifications')).body.data[0].body).toBe(
      'Not in our region',
    );
    // Rejected: no partnership appeared.
    expect((await h.as(other.token).get(`/api/v1/partnerships?partnerId=${vendor.orgId}`)).body.data).toEqual(
      [],
    );
    const again = await h.as(other.token).post(`/api/v1/programs/${id}/applications`, {});
    expect(again.status).toBe(201);
    expect((await h.as(vendor.token).post(`/api/v1/applications/${again.body.id}/withdraw`, {})).status).toBe(
      403,
    );
    const withdrawn = await h.as(other.token).post(`/api/v1/applications/${again.body.id}/withdraw`, {});
    expect(withdrawn.body.status).toBe('withdrawn');
    // Archived programs take no applications, and vanish for all but their enrolled partners.
    await h.as(vendor.token).patch(`/api/v1/programs/${id}`, { status: 'archived' });
    expect((await h.as(other.token).post(`/api/v1/programs/${id}/applications`, {})).status).toBe(404);
    expect((await h.as(ally.token).get(`/api/v1/programs/${id}`)).status).toBe(200);
    const archived = await h.as(ally.token).post(`/api/v1/programs/${id}/applications`, {});
    expect(archived.status).toBe(409);
  });

  test('tier evaluation: at the threshold, one below, upgrades at once, history with the numbers, other currencies apart', async () => {
    const seller = await createOrg(h, 'Threshold Sellers');
    const { id } = await publishedProgram(h, vendor);
    const enrollmentId = await enroll(h, vendor, seller, id);
    const now = new Date();
    const view = async () => (await h.as(seller.token).get(`/api/v1/enrollments/${enrollmentId}`)).body;

    await wonDeal(h, seller, vendor, 999_999, new Date(now.getTime() - 30 * DAY));
    await evaluateTiers(h.ctx, { vendorId: vendor.orgId, partnerId: seller.orgId }, now);
    expect((await view()).tier.name).toBe('Registered');
    expect((await view()).progress.headline).toBe('EUR 9,999.99 of 10,000 to Silver');

    await wonDeal(h, seller, vendor, 1, new Date(now.getTime() - 29 * DAY));
    await wonDeal(h, seller, vendor, 7_000_000, new Date(now.getTime() - 10 * DAY), { currency: 'USD' });
    const evaluated = await h.as(vendor.token).post(`/api/v1/enrollments/${enrollmentId}/evaluate`, {});
    expect(evaluated.status).toBe(200);
    const v = await view();
    expect(v.tier.name).toBe('Silver');
    expect(v.metrics).toMatchObject({
      revenueMinor: 1_000_000,
      wonDeals: 3,
      otherCurrencyDeals: 1,
      currency: 'EUR',
    });
    expect(v.history[0]).toMatchObject({
      kind: 'upgrade',
      fromTier: { name: 'Registered' },
      toTier: { name: 'Silver' },
    });
    expect(v.history[0].metrics.revenueMinor).toBe(1_000_000);
    expect(v.history[0].reason).toContain('EUR 10,000');
    expect(v.progress.headline).toBe('EUR 10,000 of 50,000 to Gold');
    const bell = await h.as(seller.token).get('/api/v1/notifications');
    expect(bell.body.data[0].title).toContain('You moved up to Silver');
    // The partner cannot trigger an evaluation.
    expect((await h.as(seller.token).post(`/api/v1/enrollments/${enrollmentId}/evaluate`, {})).status).toBe(
      403,
    );
  });

  test('grace period: still the tier at grace − 1 day, moved down at grace; catching up clears it', async () => {
    const seller = await createOrg(h, 'Grace Sellers');
    const { id } = await publishedProgram(h, vendor, { downgradeGraceDays: 30 });
    const enrollmentId = await enroll(h, vendor, seller, id);
    const t0 = new Date();
    await wonDeal(h, seller, vendor, 1_000_000, new Date(t0.getTime() - DAY));
    await evaluateTiers(h.ctx, { partnerId: seller.orgId }, t0);
    const tierAt = async () => (await h.as(seller.token).get(`/api/v1/enrollments/${enrollmentId}`)).body;
    expect((await tierAt()).tier.name).toBe('Silver');

    // Thirteen months on, the deal is out of the trailing window: the grace period starts.
    const below = new Date(t0.getTime() + 400 * DAY);
    await evaluateTiers(h.ctx, { partnerId: seller.orgId }, below);
    let v = await tierAt();
    expect(v.tier.name).toBe('Silver');
    expect(new Date(v.belowSince).getTime()).toBe(below.getTime());
    expect(new Date(v.downgradeOn).getTime()).toBe(below.getTime() + 30 * DAY);
    expect(v.history[0].kind).toBe('grace_started');

    await evaluateTiers(h.ctx, { partnerId: seller.orgId }, new Date(below.getTime() + 29 * DAY));
    expect((await tierAt()).tier.name).toBe('Silver');
    await evaluateTiers(h.ctx, { partnerId: seller.orgId }, new Date(below.getTime() + 30 * DAY));
    v = await tierAt();
    expect(v.tier.name).toBe('Registered');
    expect(v.belowSince).toBeNull();
    expect(v.history[0]).toMatchObject({
      kind: 'downgrade',
      fromTier: { name: 'Silver' },
      toTier: { name: 'Registered' },
    });
    expect(v.history[0].metrics.revenueMinor).toBe(0);

    // Back up, then below and caught up again inside the grace period.
    const later = new Date(below.getTime() + 31 * DAY);
    await wonDeal(h, seller, vendor, 1_000_000, new Date(later.getTime() - DAY));
    await evaluateTiers(h.ctx, { partnerId: seller.orgId }, later);
    expect((await tierAt()).tier.name).toBe('Silver');
    const out = new Date(later.getTime() + 370 * DAY);
    await evaluateTiers(h.ctx, { partnerId: seller.orgId }, out);
    await wonDeal(h, seller, vendor, 1_000_000, new Date(out.getTime() + DAY));
    await evaluateTiers(h.ctx, { partnerId: seller.orgId }, new Date(out.getTime() + 2 * DAY));
    v = await tierAt();
    expect(v.tier.name).toBe('Silver');
    expect(v.history.slice(0, 2).map((c: { kind: string }) => c.kind)).toEqual([
      'grace_cleared',
      'grace_started',
    ]);
  });

  test('certifications count toward tiers once per person while valid; the partner sees its own', async () => {
    const certified = await createOrg(h, 'Certified Co');
    const { id } = await publishedProgram(h, vendor, {}, [
      { name: 'Base' },
      { name: 'Certified', requirements: { certifiedPeople: 2 } },
    ]);
    const enrollmentId = await enroll(h, vendor, certified, id);
    const cert = (body: object) =>
      h.as(vendor.token).post('/api/v1/certifications', {
        partnerId: certified.orgId,
        personName: 'Pat',
        name: 'Sales Pro',
        issuedOn: '2025-01-01',
        ...body,
      });
    expect((await cert({ personEmail: 'pat@certified.example' })).status).toBe(201);
    expect((await cert({ personEmail: 'PAT@certified.example' })).status).toBe(409);
    await cert({ personEmail: 'pat@certified.example', name: 'Tech Pro' });
    const tierName = async () =>
      (await h.as(certified.token).get(`/api/v1/enrollments/${enrollmentId}`)).body.tier.name;
    expect(await tierName()).toBe('Base');
    await cert({ personEmail: 'old@certified.example', expiresOn: '2025-06-01' });
    expect(await tierName()).toBe('Base');
    const second = await cert({ personEmail: 'sam@certified.example' });
    expect(await tierName()).toBe('Certified');
    const mine = await h.as(certified.token).get('/api/v1/certifications');
    expect(mine.body.data).toHaveLength(4);
    expect(mine.body.data.filter((c: { active: boolean }) => !c.active)).toHaveLength(1);
    expect((await h.as(certified.token).delete(`/api/v1/certifications/${second.body.id}`)).status).toBe(404);
    expect((await h.as(vendor.token).delete(`/api/v1/certifications/${second.body.id}`)).status).toBe(204);
    // Not enrolled anywhere with the vendor: refused.
    expect((await cert({ partnerId: other.orgId, personEmail: 'x@other.example' })).status).toBe(400);
    expect(LADDER).toHaveLength(3);
  });

  test('a failed approval leaves the application pending and no enrollment or partnership behind', async () => {
    const careful = await createOrg(h, 'Careful Partner');
    const { id } = await publishedProgram(h, vendor);
    const { tiers: foreign } = await publishedProgram(h, vendor);
    const applied = await h.as(careful.token).post(`/api/v1/programs/${id}/applications`, {});
    const bad = await h
      .as(vendor.token)
      .post(`/api/v1/applications/${applied.body.id}/approve`, { tierId: foreign[0]!.id });
    expect(bad.status).toBe(400);
    const foreignOwner = await h
      .as(vendor.token)
      .post(`/api/v1/applications/${applied.body.id}/approve`, { ownerUserId: careful.userId });
    expect(foreignOwner.status).toBe(400);
    expect((await h.as(careful.token).get(`/api/v1/applications/${applied.body.id}`)).body.status).toBe(
      'pending',
    );
    expect((await h.as(careful.token).get('/api/v1/enrollments')).body.data).toEqual([]);
    expect((await h.as(careful.token).get('/api/v1/partnerships')).body.data).toEqual([]);
  });

  test('program summaries count active enrollments and pending applications for the vendor only; a partner sees null', async () => {
    const runner = await createOrg(h, 'Counting Vendor');
    const [first, second, third] = [
      await createOrg(h, 'Counted One'),
      await createOrg(h, 'Counted Two'),
      await createOrg(h, 'Counted Three'),
    ];
    const busy = await publishedProgram(h, runner);
    const quiet = await publishedProgram(h, runner);
    await enroll(h, runner, first, busy.id);
    const ended = await enroll(h, runner, second, busy.id);
    expect(
      (await h.as(runner.token).post(`/api/v1/enrollments/${ended}/end`, { reason: 'Gone quiet' })).status,
    ).toBe(200);
    await enroll(h, runner, third, busy.id);
    // Pending: two applications to the busy program (one from a partner enrolled elsewhere); none to the quiet one.
    const pendingFrom = [second, await createOrg(h, 'Counted Four')];
    for (const p of pendingFrom)
      expect((await h.as(p.token).post(`/api/v1/programs/${busy.id}/applications`, {})).status).toBe(201);
    const rejected = await h.as(first.token).post(`/api/v1/programs/${quiet.id}/applications`, {});
    await h.as(runner.token).post(`/api/v1/applications/${rejected.body.id}/reject`, { reason: 'Not now' });

    const mine = await h.as(runner.token).get('/api/v1/programs?scope=mine');
    expect(mine.status).toBe(200);
    const byId = new Map(mine.body.data.map((p: { id: string }) => [p.id, p]));
    expect(byId.get(busy.id)).toMatchObject({ mine: true, enrolledCount: 2, pendingApplications: 2 });
    expect(byId.get(quiet.id)).toMatchObject({ mine: true, enrolledCount: 0, pendingApplications: 0 });

    const seen = await h.as(first.token).get('/api/v1/programs?scope=available');
    const theirs = seen.body.data.filter((p: { vendor: { id: string } }) => p.vendor.id === runner.orgId);
    expect(theirs).toHaveLength(2);
    for (const p of theirs)
      expect(p).toMatchObject({ mine: false, enrolledCount: null, pendingApplications: null });
  });

  test("enrollment summaries carry the progress headline the detail shows, from each program's ladder", async () => {
    const seller = await createOrg(h, 'Summary Seller');
    const ladderless = await publishedProgram(h, vendor, {}, []);
    const { id } = await publishedProgram(h, vendor);
    const withTiers = await enroll(h, vendor, seller, id);
    const withoutTiers = await enroll(h, vendor, seller, ladderless.id);
    await wonDeal(h, seller, vendor, 1_200_000, new Date(Date.now() - 5 * DAY));
    expect((await h.as(vendor.token).post(`/api/v1/enrollments/${withTiers}/evaluate`, {})).status).toBe(200);

    for (const [token, side] of [
      [seller.token, 'partner'],
      [vendor.token, 'vendor'],
    ] as const) {
      const list = await h.as(token).get(`/api/v1/enrollments?side=${side}`);
      expect(list.status).toBe(200);
      const summaries = new Map(list.body.data.map((e: { id: string }) => [e.id, e]));
      const detail = (await h.as(token).get(`/api/v1/enrollments/${withTiers}`)).body;
      expect(detail.progress.headline).toBe('EUR 12,000 of 50,000 to Gold');
      expect(summaries.get(withTiers)).toMatchObject({
        tier: { name: 'Silver' },
        progress: { nextTierName: 'Gold', headline: detail.progress.headline },
      });
      expect(detail.progress.nextTierName).toBe('Gold');
      const bare = (await h.as(token).get(`/api/v1/enrollments/${withoutTiers}`)).body;
      expect(summaries.get(withoutTiers)).toMatchObject({
        progress: { nextTierName: null, headline: bare.progress.headline },
      });
      expect(bare.progress.headline).toBeNull();
    }
  });

  test('partnerDealMetrics: registrations and referrals from the partner to the vendor, won in the window', async () => {
    const seller = await createOrg(h, 'Metrics Seller');
    const elsewhere = await createOrg(h, 'Another Vendor');
    const now = new Date();
    const ago = (days: number) => new Date(now.getTime() - days * DAY);
    await wonDeal(h, seller, vendor, 10_000, ago(10), { customerDomainKey: 'acme' });
    await wonDeal(h, seller, vendor, 20_000, ago(5), {
      kind: 'referral',
      vendorId: null,
      customerDomainKey: 'acme',
    });
    await wonDeal(h, seller, vendor, 5_000, ago(4), { currency: 'USD' });
    await wonDeal(h, seller, vendor, 99_000, ago(400)); // outside the window
    await wonDeal(h, seller, elsewhere, 99_000, ago(3)); // another vendor's
    await wonDeal(h, seller, vendor, 0, ago(3), { status: 'approved', wonAmountMinor: null, closedAt: null });
    await wonDeal(h, seller, vendor, 0, ago(3), { status: 'rejected', wonAmountMinor: null });
    await wonDeal(h, seller, vendor, 0, ago(3), {
      status: 'submitted',
      wonAmountMinor: null,
      closedAt: null,
    });
    const m = await partnerDealMetrics(h.ctx.db, vendor.orgId, seller.orgId, ago(365));
    expect(m).toEqual({
      wonRevenueByCurrency: { EUR: 30_000, USD: 5_000 },
      wonDealsByCurrency: { EUR: 2, USD: 1 },
      wonDeals: 3,
      registeredDeals: 3, // the two won registrations in the window and the approved one
      customers: 2,
    });
  });
});
