import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addMember, createOrg, type TestMember } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { recordActivity } from '../activity/index.ts';
import { createProfile, type ProfileFields } from '../directory/index.ts';
import { insertOrganizationWithSlug } from '../organizations/index.ts';

const DAY = 86_400_000;

describe('ecosystems', () => {
  let h: TestApp;
  let hub: TestMember; // runs the ecosystems
  let partner: TestMember; // an outsider organization that joins
  let outsider: TestMember;
  let sales: TestMember; // a hub member without the right to manage
  const create = async (body: object, who = hub) => {
    const res = await h.as(who.token).post('/api/v1/ecosystems', body);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body as { id: string; slug: string };
  };

  beforeAll(async () => {
    h = await createTestApp();
    hub = await createOrg(h, 'Hub Vendor');
    partner = await createOrg(h, 'Partner MSP');
    outsider = await createOrg(h, 'Outsider Ltd');
    sales = await addMember(h, hub.orgId, 'sales');
  });
  afterAll(() => h?.close());

  test('an open ecosystem: anyone joins at once, and it shows on their activity', async () => {
    const e = await create({ name: 'Open Community', description: 'Everyone welcome' });
    const joined = await h.as(partner.token).post(`/api/v1/ecosystems/${e.slug}/join`, {});
    expect(joined.body).toEqual({ status: 'member' });
    const page = await h.as(partner.token).get(`/api/v1/ecosystems/${e.id}`);
    expect(page.body).toMatchObject({
      myStatus: 'member',
      memberCount: 2,
      canManage: false,
      hub: { name: 'Hub Vendor' },
    });
    const activity = await h.as(partner.token).get('/api/v1/activity');
    expect(activity.body.data[0].kind).toBe('ecosystem.joined');
    const again = await h.as(partner.token).post(`/api/v1/ecosystems/${e.id}/join`, {});
    expect(again.status).toBe(409);
    const left = await h.as(partner.token).post(`/api/v1/ecosystems/${e.id}/leave`, {});
    expect(left.body).toEqual({ status: 'none' });
  });

  test('approval: a request waits until a manager approves; others cannot decide', async () => {
    const e = await create({ name: 'Approved Channel', joinPolicy: 'approval' });
    const asked = await h
      .as(partner.token)
      .post(`/api/v1/ecosystems/${e.id}/join`, { message: 'We resell you' });
    expect(asked.body).toEqual({ status: 'requested' });
    expect((await h.as(partner.token).get(`/api/v1/ecosystems/${e.id}`)).body).toMatchObject({
      myStatus: 'requested',
      memberCount: 1,
    });
    const pending = await h.as(hub.token).get(`/api/v1/ecosystems/${e.id}/requests`);
    expect(pending.body.data).toEqual([
      expect.objectContaining({
        organization: expect.objectContaining({ id: partner.orgId }),
        status: 'requested',
        message: 'We resell you',
      }),
    ]);
    expect((await h.as(hub.token).get(`/api/v1/ecosystems/${e.id}`)).body.pendingCount).toBe(1);
    expect(
      (await h.as(sales.token).post(`/api/v1/ecosystems/${e.id}/requests/${partner.orgId}/approve`, {}))
        .status,
    ).toBe(403);
    expect(
      (await h.as(partner.token).post(`/api/v1/ecosystems/${e.id}/requests/${partner.orgId}/approve`, {}))
        .status,
    ).toBe(403);
    const approved = await h
      .as(hub.token)
      .post(`/api/v1/ecosystems/${e.id}/requests/${partner.orgId}/approve`, {});
    expect(approved.body).toEqual({ status: 'member' });
    expect((await h.as(partner.token).get(`/api/v1/ecosystems/${e.id}`)).body).toMatchObject({
      myStatus: 'member',
      memberCount: 2,
    });
    // A decided request is gone.
    expect(
      (await h.as(hub.token).post(`/api/v1/ecosystems/${e.id}/requests/${partner.orgId}/approve`, {})).status,
    ).toBe(404);
  });

  test('a declined request leaves the organization outside', async () => {
    const e = await create({ name: 'Picky Network', joinPolicy: 'approval' });
    await h.as(outsider.token).post(`/api/v1/ecosystems/${e.id}/join`, {});
    const declined = await h
      .as(hub.token)
      .post(`/api/v1/ecosystems/${e.id}/requests/${outsider.orgId}/decline`, {});
    expect(declined.body).toEqual({ status: 'none' });
    expect((await h.as(outsider.token).get(`/api/v1/ecosystems/${e.id}`)).body.myStatus).toBe('none');
  });

  test('invite-only cannot be joined without an invitation; with one it can', async () => {
    const e = await create({ name: 'Inner Circle', joinPolicy: 'invite' });
    const refused = await h.as(partner.token).post(`/api/v1/ecosystems/${e.id}/join`, {});
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/invitation/);
    expect(
      (
        await h
          .as(hub.token)
          .post(`/api/v1/ecosystems/${e.id}/invitations`, { organizationId: partner.orgId })
      ).body,
    ).toEqual({ status: 'invited' });
    expect((await h.as(partner.token).get(`/api/v1/ecosystems/${e.id}`)).body.myStatus).toBe('invited');
    expect((await h.as(partner.token).post(`/api/v1/ecosystems/${e.id}/join`, {})).body).toEqual({
      status: 'member',
    });
    expect((await h.as(outsider.token).post(`/api/v1/ecosystems/${e.id}/join`, {})).status).toBe(403);
  });

  test('a members-only ecosystem and its member list do not exist for outsiders', async () => {
    const e = await create({ name: 'Secret Guild', visibility: 'members', joinPolicy: 'invite' });
    for (const url of [
      `/api/v1/ecosystems/${e.id}`,
      `/api/v1/ecosystems/${e.slug}/members`,
      `/api/v1/ecosystems/${e.id}/activity-trend`,
    ]) {
      const res = await h.as(outsider.token).get(url);
      expect(res.status, url).toBe(404);
    }
    expect((await h.as(outsider.token).post(`/api/v1/ecosystems/${e.id}/join`, {})).status).toBe(404);
    const list = await h.as(outsider.token).get('/api/v1/ecosystems?limit=200');
    expect(list.body.data.map((x: { id: string }) => x.id)).not.toContain(e.id);
    // Invited, it becomes visible; a member sees the member list.
    await h.as(hub.token).post(`/api/v1/ecosystems/${e.id}/invitations`, { organizationId: partner.orgId });
    expect((await h.as(partner.token).get(`/api/v1/ecosystems/${e.id}`)).status).toBe(200);
    await h.as(partner.token).post(`/api/v1/ecosystems/${e.id}/join`, {});
    const members = await h.as(partner.token).get(`/api/v1/ecosystems/${e.id}/members`);
    expect(members.body.data.map((m: { name: string }) => m.name).sort()).toEqual([
      'Hub Vendor',
      'Partner MSP',
    ]);
  });

  test('a facet filter makes matching organizations members, with composition counts', async () => {
    await h.as(partner.token).patch('/api/v1/directory/profile', {
      countries: ['SE'],
      roles: ['msp'],
      practices: ['security-operations'],
    });
    await h.as(outsider.token).patch('/api/v1/directory/profile', { countries: ['DE'], roles: ['msp'] });
    const e = await create({ name: 'Nordic security MSPs', filter: { region: ['154'], role: ['msp'] } });
    const page = await h.as(partner.token).get(`/api/v1/ecosystems/${e.id}`);
    expect(page.body).toMatchObject({
      myStatus: 'matched',
      dynamic: true,
      filter: { region: ['154'], role: ['msp'] },
    });
    const members = await h.as(outsider.token).get(`/api/v1/ecosystems/${e.id}/members?role=msp`);
    expect(members.body.data.map((m: { name: string }) => m.name)).toEqual(['Partner MSP']);
    expect(members.body.facets.country).toEqual([expect.objectContaining({ key: 'SE', count: 1 })]);
    const bad = await h
      .as(hub.token)
      .post('/api/v1/ecosystems', { name: 'Bad filter', filter: { country: ['XX'] } });
    expect(bad.status).toBe(400);
    expect(
      (await h.as(hub.token).post('/api/v1/ecosystems', { name: 'Bad facet', filter: { colour: ['red'] } }))
        .status,
    ).toBe(400);
    expect(
      (await h.as(hub.token).post('/api/v1/ecosystems', { name: 'Bad', visibility: 'secret' })).status,
    ).toBe(400);
  });

  test('ecosystems nest, but never under themselves', async () => {
    const parent = await create({ name: 'Partner Association' });
    const child = await create({ name: 'Partner Association Nordics', parentId: parent.slug });
    const page = await h.as(outsider.token).get(`/api/v1/ecosystems/${parent.id}`);
    expect(page.body.children).toEqual([expect.objectContaining({ id: child.id })]);
    expect((await h.as(outsider.token).get(`/api/v1/ecosystems/${child.id}`)).body.parent.id).toBe(parent.id);
    const cycle = await h.as(hub.token).patch(`/api/v1/ecosystems/${parent.id}`, { parentId: child.id });
    expect(cycle.status).toBe(400);
    expect(
      (await h.as(partner.token).patch(`/api/v1/ecosystems/${parent.id}`, { name: 'Taken over' })).status,
    ).toBe(403);
  });
});

describe('active and inactive members', () => {
  let h: TestApp;
  let hub: TestMember;
  const quietOrg = async (name: string, fields: Partial<ProfileFields> = {}) => {
    const org = await insertOrganizationWithSlug(h.ctx.db, name);
    await createProfile(h.ctx.db, org, { countries: ['NO'], roles: ['reseller'], ...fields });
    return org.id;
  };

  beforeAll(async () => {
    h = await createTestApp();
    hub = await createOrg(h, 'Window Hub');
  });
  afterAll(() => h?.close());

  test('active means activity inside the trailing window, counted at its edges', async () => {
    const now = Date.now();
    const inside = await quietOrg('Just Inside');
    const outside = await quietOrg('Just Outside');
    const never = await quietOrg('Never Active');
    const recent = await quietOrg('Busy Bee');
    // The request runs a moment after `now`, so keep a margin of minutes on each side of the edge.
    await recordActivity(h.ctx.db, {
      organizationId: inside,
      kind: 'deal.registered',
      source: 'test',
      occurredAt: new Date(now - 90 * DAY + 10 * 60_000),
    });
    await recordActivity(h.ctx.db, {
      organizationId: outside,
      kind: 'deal.registered',
      source: 'test',
      occurredAt: new Date(now - 90 * DAY - 10 * 60_000),
    });
    await recordActivity(h.ctx.db, {
      organizationId: recent,
      kind: 'event.attended',
      source: 'test',
      occurredAt: new Date(now - DAY),
    });
    const e = (
      await h
        .as(hub.token)
        .post('/api/v1/ecosystems', { name: 'Norway resellers', filter: { country: ['NO'] } })
    ).body;
    const page = (await h.as(hub.token).get(`/api/v1/ecosystems/${e.id}`)).body;
    expect(page).toMatchObject({ memberCount: 5, activeCount: 3, inactiveCount: 2 }); // the hub was just created: active
    const active = await h.as(hub.token).get(`/api/v1/ecosystems/${e.id}/members?status=active`);
    expect(active.body.data.map((m: { id: string }) => m.id).sort()).toEqual(
      [hub.orgId, inside, recent].sort(),
    );
    const inactive = await h.as(hub.token).get(`/api/v1/ecosystems/${e.id}/members?status=inactive`);
    expect(inactive.body.data.map((m: { id: string }) => m.id).sort()).toEqual([outside, never].sort());

    // A 30-day window makes "Just Inside" inactive.
    await h.as(hub.token).patch(`/api/v1/ecosystems/${e.id}`, { activityWindowDays: 30 });
    expect((await h.as(hub.token).get(`/api/v1/ecosystems/${e.id}`)).body).toMatchObject({
      activeCount: 2,
      inactiveCount: 3,
    });
  });

  test('the trend counts, week by week, members active in the window ending that week', async () => {
    const now = Date.now();
    const early = await quietOrg('Early Bird', { countries: ['IS'] });
    const late = await quietOrg('Late Comer', { countries: ['IS'] });
    await recordActivity(h.ctx.db, {
      organizationId: early,
      kind: 'referral.sent',
      source: 'test',
      occurredAt: new Date(now - 40 * DAY),
    });
    await recordActivity(h.ctx.db, {
      organizationId: late,
      kind: 'referral.sent',
      source: 'test',
      occurredAt: new Date(now - 2 * DAY),
    });
    const e = (
      await h.as(hub.token).post('/api/v1/ecosystems', {
        name: 'Iceland',
        filter: { country: ['IS'] },
        activityWindowDays: 14,
        hubOrganizationId: null,
      })
    ).body;
    const trend = await h.as(hub.token).get(`/api/v1/ecosystems/${e.id}/activity-trend?weeks=8`);
    expect(trend.body.windowDays).toBe(14);
    const points = trend.body.points as { at: string; active: number; members: number }[];
    expect(points).toHaveLength(8);
    // 8 weeks ago nobody; ~5 weeks ago (40 days + up to 14) only Early Bird; today only Late Comer.
    expect(points[0]!.active).toBe(0);
    expect(points.some((p) => p.active === 1 && Date.parse(p.at) < now - 30 * DAY)).toBe(true);
    expect(points.at(-1)).toMatchObject({ active: 1, members: 2 });
  });
});
