import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addMember, createOrg, type TestMember } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';

let h: TestApp;
let owner: TestMember;
let admin: TestMember;
let cpo: TestMember;
let am1: TestMember;
let am2: TestMember;
let sales: TestMember;
let member: TestMember;

beforeAll(async () => {
  h = await createTestApp();
  owner = await createOrg(h, 'Contoso Cloud');
  admin = await addMember(h, owner.orgId, 'admin');
  cpo = await addMember(h, owner.orgId, 'cpo', 'Camille CPO');
  am1 = await addMember(h, owner.orgId, 'alliance_manager', 'Anders AM');
  am2 = await addMember(h, owner.orgId, 'alliance_manager', 'Priya AM');
  sales = await addMember(h, owner.orgId, 'sales', 'Sam Sales');
  member = await addMember(h, owner.orgId, 'member');
});
afterAll(() => h?.close());

describe('listing', () => {
  test('pages through members with a cursor', async () => {
    const first = await h.as(member.token).get('/api/v1/members?limit=4');
    expect(first.body.data).toHaveLength(4);
    expect(first.body.nextCursor).toBeTruthy();
    const second = await h.as(member.token).get(`/api/v1/members?limit=4&cursor=${first.body.nextCursor}`);
    expect(second.body.data).toHaveLength(3);
    expect(second.body.nextCursor).toBeNull();
    const ids = [...first.body.data, ...second.body.data].map((m: { id: string }) => m.id);
    expect(new Set(ids).size).toBe(7);
  });

  test('filters by role and searches names', async () => {
    const ams = await h.as(member.token).get('/api/v1/members?role=alliance_manager');
    expect(ams.body.data.map((m: { name: string }) => m.name).sort()).toEqual(['Anders AM', 'Priya AM']);
    const search = await h.as(member.token).get('/api/v1/members?q=camille');
    expect(search.body.data).toEqual([expect.objectContaining({ role: 'cpo' })]);
  });

  test('an unknown role filter is a 400', async () => {
    const res = await h.as(member.token).get('/api/v1/members?role=emperor');
    expect(res.status).toBe(400);
    expect(res.body.error.details.issues[0].path).toBe('querystring.role');
  });
});

describe('reporting lines and the CPO roll-up', () => {
  test('alliance managers report to the CPO and the CPO sees the roll-up', async () => {
    expect(
      (
        await h
          .as(owner.token)
          .put(`/api/v1/members/${am1.memberId}/manager`, { managerMemberId: cpo.memberId })
      ).status,
    ).toBe(200);
    expect(
      (
        await h
          .as(cpo.token)
          .put(`/api/v1/members/${am2.memberId}/manager`, { managerMemberId: cpo.memberId })
      ).status,
    ).toBe(200);
    expect(
      (
        await h
          .as(owner.token)
          .put(`/api/v1/members/${sales.memberId}/manager`, { managerMemberId: am1.memberId })
      ).status,
    ).toBe(200);
    const rollup = await h.as(cpo.token).get(`/api/v1/members/${cpo.memberId}/reports`);
    expect(rollup.status).toBe(200);
    expect(rollup.body.total).toBe(3);
    expect(rollup.body.byRole).toEqual({ alliance_manager: 2, sales: 1 });
    const depths = Object.fromEntries(
      rollup.body.reports.map((r: { name: string; depth: number }) => [r.name, r.depth]),
    );
    expect(depths).toEqual({ 'Anders AM': 1, 'Priya AM': 1, 'Sam Sales': 2 });
  });

  test('the org chart nests reports under their manager', async () => {
    const chart = await h.as(member.token).get('/api/v1/org-chart');
    const cpoNode = chart.body.data.find((n: { name: string }) => n.name === 'Camille CPO');
    expect(cpoNode.reports.map((r: { name: string }) => r.name).sort()).toEqual(['Anders AM', 'Priya AM']);
    const anders = cpoNode.reports.find((r: { name: string }) => r.name === 'Anders AM');
    expect(anders.reports.map((r: { name: string }) => r.name)).toEqual(['Sam Sales']);
  });

  test('an alliance manager cannot report to someone who is not a CPO', async () => {
    const res = await h
      .as(owner.token)
      .put(`/api/v1/members/${am1.memberId}/manager`, { managerMemberId: admin.memberId });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/Chief Partner Officer/);
  });

  test('loops are refused', async () => {
    const res = await h
      .as(owner.token)
      .put(`/api/v1/members/${cpo.memberId}/manager`, { managerMemberId: sales.memberId });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/loop/);
    const self = await h
      .as(owner.token)
      .put(`/api/v1/members/${cpo.memberId}/manager`, { managerMemberId: cpo.memberId });
    expect(self.status).toBe(400);
  });

  test('members without the permission cannot change reporting lines', async () => {
    const res = await h
      .as(sales.token)
      .put(`/api/v1/members/${sales.memberId}/manager`, { managerMemberId: null });
    expect(res.status).toBe(403);
    const after = await h.as(owner.token).get(`/api/v1/members/${sales.memberId}`);
    expect(after.body.managerMemberId).toBe(am1.memberId);
  });

  test('removing a line with null', async () => {
    const res = await h
      .as(owner.token)
      .put(`/api/v1/members/${am2.memberId}/manager`, { managerMemberId: null });
    expect(res.body.managerMemberId).toBeNull();
  });
});

describe('roles', () => {
  test('a member cannot change roles', async () => {
    const res = await h.as(member.token).patch(`/api/v1/members/${sales.memberId}`, { role: 'admin' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
    expect((await h.as(owner.token).get(`/api/v1/members/${sales.memberId}`)).body.role).toBe('sales');
  });

  test('a member cannot promote themselves', async () => {
    const res = await h.as(member.token).patch(`/api/v1/members/${member.memberId}`, { role: 'owner' });
    expect(res.status).toBe(403);
  });

  test('an admin changes a role but cannot grant ownership', async () => {
    expect(
      (await h.as(admin.token).patch(`/api/v1/members/${sales.memberId}`, { role: 'finance' })).body.role,
    ).toBe('finance');
    const res = await h.as(admin.token).patch(`/api/v1/members/${sales.memberId}`, { role: 'owner' });
    expect(res.status).toBe(403);
  });

  test('an admin cannot demote or remove an owner', async () => {
    expect(
      (await h.as(admin.token).patch(`/api/v1/members/${owner.memberId}`, { role: 'member' })).status,
    ).toBe(403);
    expect((await h.as(admin.token).delete(`/api/v1/members/${owner.memberId}`)).status).toBe(403);
  });

  test('the last owner cannot step down', async () => {
    const res = await h.as(owner.token).patch(`/api/v1/members/${owner.memberId}`, { role: 'admin' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toMatch(/at least one owner/);
  });

  test('unknown fields and roles are 400 with the field path', async () => {
    const res = await h
      .as(owner.token)
      .patch(`/api/v1/members/${sales.memberId}`, { role: 'king', extra: true });
    expect(res.status).toBe(400);
    const paths = res.body.error.details.issues.map((i: { path: string }) => i.path);
    expect(paths).toContain('body.role');
  });

  test('a removed member loses access at once, including their tokens', async () => {
    const leaving = await addMember(h, owner.orgId, 'member');
    expect((await h.as(leaving.token).get('/api/v1/members')).status).toBe(200);
    expect((await h.as(admin.token).delete(`/api/v1/members/${leaving.memberId}`)).status).toBe(204);
    const after = await h.as(leaving.token).get('/api/v1/members');
    expect(after.status).toBe(401);
    expect((await h.as(owner.token).get(`/api/v1/members/${leaving.memberId}`)).status).toBe(404);
  });

  test('a malformed member id is a 400, an unknown one a 404', async () => {
    expect((await h.as(owner.token).get('/api/v1/members/not-a-uuid')).status).toBe(400);
    expect((await h.as(owner.token).get('/api/v1/members/01900000-0000-7000-8000-000000000000')).status).toBe(
      404,
    );
  });
});

describe('stats and profile', () => {
  test('member counts per role', async () => {
    const res = await h.as(member.token).get('/api/v1/members/stats');
    const listed = await h.as(member.token).get('/api/v1/members?limit=200');
    expect(res.body.total).toBe(listed.body.data.length);
    const byRole: Record<string, number> = {};
    for (const m of listed.body.data) byRole[m.role] = (byRole[m.role] ?? 0) + 1;
    expect(res.body.byRole).toEqual(byRole);
  });

  test('a user changes their display name', async () => {
    const res = await h.as(member.token).patch('/api/v1/me', { name: 'Morgan Member' });
    expect(res.body.name).toBe('Morgan Member');
    expect((await h.as(owner.token).get(`/api/v1/members/${member.memberId}`)).body.name).toBe(
      'Morgan Member',
    );
    expect((await h.as(member.token).patch('/api/v1/me', { name: '  ' })).status).toBe(400);
  });
});

test('a member without a name is shown by their email address', async () => {
  const { user } = await import('../../db/schema/index.ts');
  const { eq } = await import('drizzle-orm');
  const nameless = await addMember(h, owner.orgId, 'member');
  await h.ctx.db.update(user).set({ name: '' }).where(eq(user.id, nameless.userId));
  const res = await h.as(owner.token).get(`/api/v1/members/${nameless.memberId}`);
  expect(res.body.name).toBe(nameless.email);
});

test('manager changes are audited with both names', async () => {
  await h.as(owner.token).put(`/api/v1/members/${sales.memberId}/manager`, { managerMemberId: am2.memberId });
  const log = await h.as(owner.token).get('/api/v1/audit-log?action=member.manager_set');
  expect(log.body.data[0].data).toMatchObject({ fromName: 'Anders AM', toName: 'Priya AM' });
});
