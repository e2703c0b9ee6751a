import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rowsOf } from '../../db/client.ts';
import { deal, dealProtection, mailOutbox } from '../../db/schema/index.ts';
import { addMember, createOrg, partnerUp, type TestMember } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { sweepDeals } from './deals.sweep.ts';

const DAY = 86_400_000;

describe('protection', () => {
  let h: TestApp;
  let vendor: TestMember;
  let cpo: TestMember;
  const partners: TestMember[] = [];

  beforeAll(async () => {
    h = await createTestApp();
    vendor = await createOrg(h, 'Race Vendor');
    cpo = await addMember(h, vendor.orgId, 'cpo');
    for (let i = 0; i < 4; i++) {
      const p = await createOrg(h, `Race Partner ${i}`);
      await partnerUp(h, p, vendor, ['resells']);
      partners.push(p);
    }
  });
  afterAll(() => h?.close());

  const register = (
    p: TestMember,
    customerName: string,
    customerDomain: string | null,
    customerCountry = 'FI',
  ) =>
    h.as(p.token).post('/api/v1/registrations', {
      vendorId: vendor.orgId,
      customerName,
      customerDomain,
      customerCountry,
      amountMinor: 100_000,
      currency: 'EUR',
    });

  test('200 simultaneous approvals for one customer at one vendor leave exactly one protection', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 200; i++) {
      const res = await register(
        partners[i % partners.length]!,
        'Contested Oy',
        `www${i % 3 ? '' : '.eu'}.contested.fi`,
      );
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      ids.push(res.body.id);
    }
    const results = await Promise.all(
      ids.map((id) => h.as(cpo.token).post(`/api/v1/deals/${id}/transitions`, { to: 'approved' })),
    );
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(199);
    expect(results.every((r) => r.status === 200 || r.body.error.code === 'customer_protected')).toBe(true);
    const active = await h.ctx.db
      .select()
      .from(dealProtection)
      .where(and(eq(dealProtection.organizationId, vendor.orgId), eq(dealProtection.status, 'active')));
    expect(active).toHaveLength(1);
    const approved = await h.ctx.db.select().from(deal).where(eq(deal.status, 'approved'));
    expect(approved.map((d) => d.id)).toEqual([active[0]!.dealId]);
  });

  test('the database itself refuses a second active protection for the same vendor and customer', async () => {
    const [existing] = await h.ctx.db
      .select()
      .from(dealProtection)
      .where(eq(dealProtection.status, 'active'));
    const other = (await register(partners[1]!, 'Another Oy', 'another.fi')).body.id;
    await expect(
      h.ctx.db.insert(dealProtection).values({
        ...existing!,
        id: crypto.randomUUID(),
        dealId: other,
      }),
    ).rejects.toThrow();
  });

  test('the sweep warns 7 days ahead once, expires at the window edge, reopens the territory and tells both sides', async () => {
    const reg = await register(partners[0]!, 'Edge Case Oy', 'edgecase.fi');
    const approved = await h
      .as(cpo.token)
      .post(`/api/v1/deals/${reg.body.id}/transitions`, { to: 'approved' });
    expect(approved.status, JSON.stringify(approved.body)).toBe(200);
    const endsAt = new Date(approved.body.protection.endsAt);

    // Eight days before the end: nothing to say yet.
    expect(await sweepDeals(h.ctx, new Date(endsAt.getTime() - 8 * DAY))).toMatchObject({
      warned: 0,
      expired: 0,
    });
    // Seven days before: both sides are warned, once.
    expect((await sweepDeals(h.ctx, new Date(endsAt.getTime() - 7 * DAY))).warned).toBeGreaterThanOrEqual(1);
    // (The contested customer's protection from the race ends within the same minute.)
    const titles = async (who: TestMember) =>
      (await h.as(who.token).get('/api/v1/notifications?limit=5')).body.data.map(
        (n: { title: string }) => n.title,
      );
    expect(await titles(partners[0]!)).toContain(
      `Protection for Edge Case Oy ends on ${endsAt.toISOString().slice(0, 10)}`,
    );
    expect((await sweepDeals(h.ctx, new Date(endsAt.getTime() - 6 * DAY))).warned).toBe(0);

    // A millisecond before the end it still protects; at the end it has expired.
    await sweepDeals(h.ctx, new Date(endsAt.getTime() - 1));
    expect((await h.as(cpo.token).get(`/api/v1/deals/${reg.body.id}`)).body.status).toBe('approved');
    expect((await register(partners[1]!, 'Edge Case', 'shop.edgecase.fi')).status).toBe(409);
    const swept = await sweepDeals(h.ctx, endsAt);
    expect(swept.expired).toBeGreaterThanOrEqual(1);
    const after = await h.as(partners[0]!.token).get(`/api/v1/deals/${reg.body.id}`);
    expect(after.body).toMatchObject({ status: 'expired', protection: { status: 'expired' } });
    // The vendor's side hears it through the partnership's owner there (its owner accepted it).
    for (const who of [partners[0]!, vendor])
      expect(await titles(who)).toContain('Protection for Edge Case Oy expired');
    const timeline = await h.as(cpo.token).get(`/api/v1/deals/${reg.body.id}/timeline`);
    expect(timeline.body.data.at(-1)).toMatchObject({ toStatus: 'expired', actor: null });
    // The territory is open again.
    const reopened = await register(partners[1]!, 'Edge Case', 'shop.edgecase.fi');
    expect(reopened.status).toBe(201);
    expect(reopened.body.conflictOutcome).toBe('clear');
  });

  test('an unanswered referral is flagged overdue after its window and its receiver is told once', async () => {
    const [a, b] = [partners[2]!, partners[3]!];
    await partnerUp(h, a, b, ['refers']);
    const sent = await h.as(a.token).post('/api/v1/referrals', {
      partnerId: b.orgId,
      customerName: 'Slowpoke Oy',
      amountMinor: 5_000,
      currency: 'SEK',
    });
    const due = new Date(sent.body.responseDueAt);
    expect((await h.as(b.token).get('/api/v1/deals?overdue=true')).body.data).toHaveLength(0);
    const told = async () =>
      (await h.as(b.token).get('/api/v1/notifications')).body.data.filter(
        (n: { title: string }) => n.title === 'Referral for Slowpoke Oy is overdue',
      ).length;
    await sweepDeals(h.ctx, new Date(due.getTime() - 1));
    expect(await told()).toBe(0);
    await sweepDeals(h.ctx, due);
    expect(await told()).toBe(1);
    await sweepDeals(h.ctx, new Date(due.getTime() + DAY));
    expect(await told()).toBe(1);
    const mails = await h.ctx.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.subject, 'Referral for Slowpoke Oy is overdue'));
    expect(mails.length).toBeGreaterThanOrEqual(1);
    // Overdue in the list too, once the clock passes the due time.
    await h.ctx.db
      .update(deal)
      .set({ responseDueAt: new Date(Date.now() - 1000) })
      .where(eq(deal.id, sent.body.id));
    const listed = await h.as(b.token).get('/api/v1/deals?overdue=true');
    expect(listed.body.data.map((d: { id: string; overdue: boolean }) => [d.id, d.overdue])).toEqual([
      [sent.body.id, true],
    ]);
    const count = rowsOf<{ n: number }>(await h.ctx.db.execute(sql`select count(*)::int as n from deal`))[0]!
      .n;
    expect(count).toBeGreaterThan(200);
  });
});
