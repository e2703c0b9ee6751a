import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addMember, createOrg, partnerUp, type TestMember } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';

describe('partnerships', () => {
  let h: TestApp;
  let vendor: TestMember;
  let reseller: TestMember;
  let third: TestMember;
  let vendorAm: TestMember;
  let vendorSales: TestMember;

  beforeAll(async () => {
    h = await createTestApp();
    vendor = await createOrg(h, 'Vendor Soft');
    reseller = await createOrg(h, 'Reseller One');
    third = await createOrg(h, 'Third Party');
    vendorAm = await addMember(h, vendor.orgId, 'alliance_manager', 'Alma Manager');
    vendorSales = await addMember(h, vendor.orgId, 'sales');
  });
  afterAll(() => h?.close());

  test('dual opt-in: a proposal waits for the partner, who accepts; both sides see it from their side', async () => {
    const proposed = await h.as(vendor.token).post('/api/v1/partnerships', {
      partnerId: reseller.orgId,
      types: ['resells', 'refers'],
      message: 'Let us sell together',
      ownerUserId: vendorAm.userId,
    });
    expect(proposed.status, JSON.stringify(proposed.body)).toBe(201);
    expect(proposed.body).toMatchObject({
      status: 'proposed',
      direction: 'outgoing',
      partner: { name: 'Reseller One' },
      myOwner: { name: 'Alma Manager' },
      partnerOwner: null,
      partnerOffline: false,
    });
    const id = proposed.body.id;
    // The proposer cannot accept its own proposal.
    expect((await h.as(vendor.token).post(`/api/v1/partnerships/${id}/accept`, {})).status).toBe(403);
    const incoming = await h
      .as(reseller.token)
      .get('/api/v1/partnerships?direction=incoming&status=proposed');
    expect(incoming.body.data.map((p: { id: string }) => p.id)).toEqual([id]);
    const bell = await h.as(reseller.token).get('/api/v1/notifications');
    expect(bell.body.data[0].title).toBe('Vendor Soft proposes a partnership');

    const accepted = await h.as(reseller.token).post(`/api/v1/partnerships/${id}/accept`, {});
    expect(accepted.body).toMatchObject({
      status: 'active',
      direction: 'incoming',
      partner: { name: 'Vendor Soft' },
      myOwner: { id: reseller.userId },
      partnerOwner: { id: vendorAm.userId },
    });
    // The owning alliance manager hears about the answer, not the whole team.
    const amBell = await h.as(vendorAm.token).get('/api/v1/notifications');
    expect(amBell.body.data[0].title).toBe('Reseller One accepted the partnership');
    const timeline = await h.as(vendor.token).get(`/api/v1/partnerships/${id}/timeline`);
    expect(timeline.body.data.map((e: { kind: string }) => e.kind)).toEqual(['proposed', 'accepted']);
    // A second live partnership for the same pair, from either side, is refused.
    const again = await h.as(reseller.token).post('/api/v1/partnerships', {
      partnerId: vendor.orgId,
      types: ['co_sells'],
    });
    expect(again.status).toBe(409);
    expect(again.body.error.details.partnershipId).toBe(id);
  });

  test('pause, resume by the side that paused, end; ended is final', async () => {
    const id = await partnerUp(h, vendor, third, ['technology']);
    const paused = await h.as(third.token).post(`/api/v1/partnerships/${id}/pause`, {});
    expect(paused.body).toMatchObject({ status: 'paused', pausedByMe: true });
    expect((await h.as(vendor.token).post(`/api/v1/partnerships/${id}/resume`, {})).status).toBe(403);
    expect((await h.as(third.token).post(`/api/v1/partnerships/${id}/resume`, {})).body.status).toBe(
      'active',
    );
    const ended = await h.as(vendor.token).post(`/api/v1/partnerships/${id}/end`, { reason: 'No overlap' });
    expect(ended.body).toMatchObject({ status: 'ended', endReason: 'No overlap' });
    const revive = await h.as(third.token).post(`/api/v1/partnerships/${id}/resume`, {});
    expect(revive.status).toBe(409);
    expect(revive.body.error.details).toEqual({ status: 'ended' });
    // Once ended, the pair may start over.
    expect(
      (await h.as(third.token).post('/api/v1/partnerships', { partnerId: vendor.orgId, types: ['serves'] }))
        .status,
    ).toBe(201);
  });

  test('an offline partner is added by name and domain and waits for its claim', async () => {
    const res = await h.as(vendor.token).post('/api/v1/partnerships', {
      newPartner: { name: 'Offline Reseller AB', domain: 'offline-reseller.se' },
      types: ['resells'],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      status: 'proposed',
      partnerOffline: true,
      partner: { name: 'Offline Reseller AB' },
    });
    const profile = await h.as(vendor.token).get(`/api/v1/directory/${res.body.partner.id}`);
    expect(profile.body.domain).toBe('offline-reseller.se');
  });

  test('bad input and roles: unknown types, both or neither partner, yourself, owners from elsewhere, sales', async () => {
    const post = (who: TestMember, body: object) => h.as(who.token).post('/api/v1/partnerships', body);
    expect((await post(vendor, { partnerId: third.orgId, types: ['marries'] })).status).toBe(400);
    expect((await post(vendor, { partnerId: third.orgId, types: [] })).status).toBe(400);
    expect((await post(vendor, { types: ['refers'] })).status).toBe(400);
    const self = await post(vendor, { partnerId: vendor.orgId, types: ['refers'] });
    expect(self.status).toBe(400);
    const foreignOwner = await post(vendor, {
      partnerId: third.orgId,
      types: ['refers'],
      ownerUserId: third.userId,
    });
    expect(foreignOwner.status).toBe(400);
    expect(foreignOwner.body.error.details.issues[0].path).toBe('ownerUserId');
    expect((await post(vendorSales, { partnerId: third.orgId, types: ['refers'] })).status).toBe(403);
    expect((await post(vendor, { partnerId: 'nope', types: ['refers'] })).status).toBe(400);
  });
});
