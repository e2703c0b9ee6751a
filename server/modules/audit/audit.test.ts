import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addMember, createOrg, type TestMember } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';

let h: TestApp;
let owner: TestMember;
let sales: TestMember;

beforeAll(async () => {
  h = await createTestApp();
  owner = await createOrg(h, 'Audit Co');
  sales = await addMember(h, owner.orgId, 'sales');
});
afterAll(() => h?.close());

describe('audit log', () => {
  test('writes are recorded with actor, action, target and request id', async () => {
    const res = await h.as(owner.token).patch(`/api/v1/members/${sales.memberId}`, { role: 'finance' });
    const log = await h.as(owner.token).get('/api/v1/audit-log?action=member.role_changed');
    expect(log.body.data[0]).toMatchObject({
      action: 'member.role_changed',
      actorEmail: owner.email,
      actorType: 'token',
      targetType: 'member',
      targetId: sales.memberId,
      requestId: res.headers['x-request-id'],
      data: { from: 'sales', to: 'finance' },
    });
  });

  test('organization creation and token creation are in the log, newest first', async () => {
    const log = await h.as(owner.token).get('/api/v1/audit-log?limit=100');
    const actions = log.body.data.map((e: { action: string }) => e.action);
    expect(actions.at(-1)).toBe('organization.created');
    expect(actions).toContain('token.created');
  });

  test('only owners and admins read it', async () => {
    const res = await h.as(sales.token).get('/api/v1/audit-log');
    expect(res.status).toBe(403);
  });

  test('failed writes leave no entry', async () => {
    const before = (await h.as(owner.token).get('/api/v1/audit-log?limit=200')).body.data.length;
    await h.as(owner.token).patch(`/api/v1/members/${owner.memberId}`, { role: 'member' });
    const after = (await h.as(owner.token).get('/api/v1/audit-log?limit=200')).body.data.length;
    expect(after).toBe(before);
  });

  test('nobody can edit or delete entries, not even with SQL', async () => {
    const reason = (e: unknown) => String((e as { cause?: Error }).cause?.message ?? e);
    await expect(
      h.ctx.db.execute(sql`UPDATE audit_log SET action = 'forged'`).catch(reason),
    ).resolves.toMatch(/append-only/);
    await expect(h.ctx.db.execute(sql`DELETE FROM audit_log`).catch(reason)).resolves.toMatch(/append-only/);
    const log = await h.as(owner.token).get('/api/v1/audit-log');
    expect(log.body.data.map((e: { action: string }) => e.action)).not.toContain('forged');
  });

  test('there is no write route for it', async () => {
    const entry = (await h.as(owner.token).get('/api/v1/audit-log')).body.data[0];
    expect((await h.as(owner.token).delete(`/api/v1/audit-log/${entry.id}`)).status).toBe(404);
    expect((await h.as(owner.token).patch(`/api/v1/audit-log/${entry.id}`, { action: 'x' })).status).toBe(
      404,
    );
  });
});
