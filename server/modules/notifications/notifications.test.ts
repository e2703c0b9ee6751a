import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mailOutbox, notification } from '../../db/schema/index.ts';
import { addMember, createOrg, type TestMember } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { type NotificationInput, notify } from './notifications.service.ts';

describe('notifications', () => {
  let h: TestApp;
  let owner: TestMember;
  let admin: TestMember;
  let cpo: TestMember;
  let am: TestMember;
  let sales: TestMember;
  let plain: TestMember;
  let outsider: TestMember; // another organization
  const send = (input: Omit<NotificationInput, 'organizationId'>, orgId = owner.orgId) =>
    notify(h.ctx, { organizationId: orgId, ...input });
  const list = async (who: TestMember, query = '') => {
    const res = await h.as(who.token).get(`/api/v1/notifications${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as { data: { id: string; kind: string; title: string; readAt: string | null }[] };
  };
  const unread = async (who: TestMember) =>
    (await h.as(who.token).get('/api/v1/notifications/unread-count')).body.count as number;
  const mailsTo = (who: TestMember, subject: string) =>
    h.ctx.db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.toAddress, who.email), eq(mailOutbox.subject, subject)));

  beforeAll(async () => {
    h = await createTestApp();
    owner = await createOrg(h, 'Bell Vendor');
    admin = await addMember(h, owner.orgId, 'admin');
    cpo = await addMember(h, owner.orgId, 'cpo');
    am = await addMember(h, owner.orgId, 'alliance_manager');
    sales = await addMember(h, owner.orgId, 'sales');
    plain = await addMember(h, owner.orgId, 'member');
    outsider = await createOrg(h, 'Other Org');
  });
  afterAll(() => h?.close());

  test('by default the partner team hears about it, sales and plain members do not', async () => {
    const told = await send({ kind: 'referral.received', title: 'New referral from Acme', link: '/deals/1' });
    expect(told).toBe(4);
    for (const who of [owner, admin, cpo, am]) {
      expect((await list(who)).data.map((n) => n.title)).toContain('New referral from Acme');
    }
    for (const who of [sales, plain, outsider]) {
      expect((await list(who)).data.map((n) => n.title)).not.toContain('New referral from Acme');
    }
    const [item] = (await list(am)).data;
    expect(item).toMatchObject({ kind: 'referral.received', link: '/deals/1', body: '', readAt: null });
  });

  test('named users win over roles; names that are not members fall back to the roles', async () => {
    expect(await send({ kind: 'deal.assigned', title: 'Yours to handle', userIds: [sales.userId] })).toBe(1);
    expect((await list(sales)).data[0]?.title).toBe('Yours to handle');
    expect((await list(owner)).data.map((n) => n.title)).not.toContain('Yours to handle');

    const told = await send({ kind: 'deal.assigned', title: 'Owner left', userIds: [outsider.userId] });
    expect(told).toBe(4);
    expect((await list(outsider)).data.map((n) => n.title)).not.toContain('Owner left');
    expect((await list(owner)).data.map((n) => n.title)).toContain('Owner left');

    expect(await send({ kind: 'x', title: 'Sales only', roles: ['sales'] })).toBe(1);
    expect((await list(sales)).data[0]?.title).toBe('Sales only');
  });

  test('nobody to tell is not an error', async () => {
    expect(await send({ kind: 'x', title: 'For finance', roles: ['finance'] })).toBe(0);
    expect(await send({ kind: 'x', title: 'For no one', roles: [] })).toBe(0);
  });

  test('a mail per recipient lands in the outbox, with the link and why they get it', async () => {
    await send({
      kind: 'registration.approved',
      title: 'Registration approved: Globex',
      body: 'Protected for 90 days.',
      link: '/deals/abc',
    });
    for (const who of [owner, admin, cpo, am]) {
      const mails = await mailsTo(who, 'Registration approved: Globex');
      expect(mails).toHaveLength(1);
      expect(mails[0]).toMatchObject({ kind: 'notification' });
      expect(mails[0]!.textBody).toContain('Protected for 90 days.');
      expect(mails[0]!.textBody).toContain('http://localhost:3000/deals/abc');
      expect(mails[0]!.textBody).toContain("on Bell Vendor's partner team in Mycelium");
    }
    expect(await mailsTo(sales, 'Registration approved: Globex')).toHaveLength(0);

    await send({ kind: 'x', title: 'Quiet one', email: false });
    expect(await mailsTo(owner, 'Quiet one')).toHaveLength(0);
    expect((await list(owner)).data[0]?.title).toBe('Quiet one');
  });

  test("inside the caller's transaction: rolled back together", async () => {
    await expect(
      h.ctx.db.transaction(async (tx) => {
        const told = await notify(
          { ...h.ctx, db: tx },
          { organizationId: owner.orgId, kind: 'x', title: 'Undone' },
        );
        expect(told).toBe(4);
        throw new Error('the deal failed');
      }),
    ).rejects.toThrow('the deal failed');
    expect(await h.ctx.db.select().from(notification).where(eq(notification.title, 'Undone'))).toEqual([]);
    expect(await mailsTo(owner, 'Undone')).toEqual([]);
  });

  test('links must stay inside the app', async () => {
    await expect(send({ kind: 'x', title: 'Phish', link: 'https://evil.example' })).rejects.toThrow();
    await expect(send({ kind: 'x', title: 'Phish', link: '//evil.example' })).rejects.toThrow();
  });

  test('the unread count goes down on read and on read-all', async () => {
    const team = await createOrg(h, 'Count Co');
    const mate = await addMember(h, team.orgId, 'alliance_manager');
    for (const title of ['One', 'Two', 'Three']) await send({ kind: 'x', title }, team.orgId);
    expect(await unread(team)).toBe(3);

    const [newest] = (await list(team)).data;
    expect(newest?.title).toBe('Three');
    const read = await h.as(team.token).post(`/api/v1/notifications/${newest!.id}/read`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: newest!.id, title: 'Three', readAt: expect.any(String) });
    expect(await unread(team)).toBe(2);
    // Reading again keeps the first read time.
    const again = await h.as(team.token).post(`/api/v1/notifications/${newest!.id}/read`);
    expect(again.body.readAt).toBe(read.body.readAt);

    expect((await list(team, '?unread=true')).data.map((n) => n.title)).toEqual(['Two', 'One']);
    expect((await list(team, '?unread=false')).data.map((n) => n.title)).toEqual(['Three']);

    const all = await h.as(team.token).post('/api/v1/notifications/read-all');
    expect(all.body).toEqual({ count: 2 });
    expect(await unread(team)).toBe(0);
    expect((await h.as(team.token).post('/api/v1/notifications/read-all')).body).toEqual({ count: 0 });
    // Only the caller's own were marked.
    expect(await unread(mate)).toBe(3);
  });

  test('pages newest first with a cursor', async () => {
    const team = await createOrg(h, 'Paging Co');
    for (const title of ['A', 'B', 'C']) await send({ kind: 'x', title }, team.orgId);
    const first = await h.as(team.token).get('/api/v1/notifications?limit=2');
    expect(first.body.data.map((n: { title: string }) => n.title)).toEqual(['C', 'B']);
    const second = await h
      .as(team.token)
      .get(`/api/v1/notifications?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toMatchObject({ data: [expect.objectContaining({ title: 'A' })], nextCursor: null });
  });

  test("a colleague can neither see nor mark someone else's notification", async () => {
    await send({ kind: 'x', title: 'For the owner only', userIds: [owner.userId] });
    const mine = (await list(owner)).data.find((n) => n.title === 'For the owner only')!;
    expect((await list(admin)).data.map((n) => n.id)).not.toContain(mine.id);
    const res = await h.as(admin.token).post(`/api/v1/notifications/${mine.id}/read`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not_found');
    await h.as(admin.token).post('/api/v1/notifications/read-all');
    expect((await list(owner)).data.find((n) => n.id === mine.id)?.readAt).toBeNull();
  });

  test('bad input and no sign-in', async () => {
    expect((await h.as(owner.token).get('/api/v1/notifications?unread=maybe')).status).toBe(400);
    expect((await h.as(owner.token).post('/api/v1/notifications/not-a-uuid/read')).status).toBe(400);
    expect((await h.as(null).get('/api/v1/notifications/unread-count')).status).toBe(401);
  });
});
