import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { DEAL_KINDS, DEAL_STATUSES, type DealKind, findTransition } from '../../../common/deals.ts';
import { deal } from '../../db/schema/index.ts';
import { createOrg, partnerUp, type TestMember } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';

// Every (state, target) pair of every kind of deal, through the API: the listed moves succeed for
// the side that owns them and are refused (403) for the other; every other pair is a 409 naming the
// current state.
describe('the deal state machine', () => {
  let h: TestApp;
  let partner: TestMember;
  let vendor: TestMember;
  let n = 0;

  beforeAll(async () => {
    h = await createTestApp();
    partner = await createOrg(h, 'Machine Partner');
    vendor = await createOrg(h, 'Machine Vendor');
    await partnerUp(h, partner, vendor, ['resells', 'refers']);
  });
  afterAll(() => h?.close());

  /** A fresh deal of the kind, forced into `status` (each with its own customer). */
  async function dealIn(kind: DealKind, status: string) {
    const customer = {
      customerName: `Customer ${++n}`,
      customerDomain: `customer-${n}.com`,
      amountMinor: 1000,
      currency: 'EUR',
    };
    const res =
      kind === 'referral'
        ? await h.as(partner.token).post('/api/v1/referrals', { ...customer, partnerId: vendor.orgId })
        : kind === 'registration'
          ? await h
              .as(partner.token)
              .post('/api/v1/registrations', { ...customer, vendorId: vendor.orgId, submit: false })
          : await h.as(vendor.token).post('/api/v1/opportunities', customer);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    await h.ctx.db.update(deal).set({ status }).where(eq(deal.id, res.body.id));
    return res.body.id as string;
  }

  const sides = (kind: DealKind) =>
    kind === 'opportunity' ? { from: vendor, to: null } : { from: partner, to: vendor };
  const extras = (to: string) => ({
    ...(to === 'won' && { wonAmountMinor: 1200 }),
    ...((to === 'declined' || to === 'rejected') && { reason: 'Not a fit' }),
  });

  for (const kind of DEAL_KINDS)
    test(`${kind}: every move`, async () => {
      const { from, to } = sides(kind);
      for (const current of DEAL_STATUSES[kind])
        for (const target of DEAL_STATUSES[kind]) {
          const move = findTransition(kind, current, target);
          const id = await dealIn(kind, current);
          const attempt = (who: TestMember) =>
            h.as(who.token).post(`/api/v1/deals/${id}/transitions`, { to: target, ...extras(target) });
          const label = `${kind} ${current} → ${target}`;
          if (!move || move.by === 'system') {
            const res = await attempt(from);
            expect(res.status, label).toBe(409);
            expect(res.body.error.details.status, label).toBe(current);
            continue;
          }
          const owner = move.by === 'to' ? to! : from;
          const other = move.by === 'to' ? from : move.by === 'from' ? to : null;
          // The other side may not; a draft does not even exist for it yet.
          if (other)
            expect((await attempt(other)).status, `${label} by the other side`).toBe(
              current === 'draft' ? 404 : 403,
            );
          const res = await attempt(owner);
          expect(res.status, `${label}: ${JSON.stringify(res.body)}`).toBe(200);
          expect(res.body.status, label).toBe(target);
        }
    });
});
