/** Test helpers of the programs module (used by its *.test.ts files only). */
import { newId } from '../../db/ids.ts';
import { deal } from '../../db/schema/index.ts';
import type { TestMember } from '../../test/factories.ts';
import type { TestApp } from '../../test/harness.ts';

/** A three-tier ladder: Registered (nothing), Silver (EUR 10,000), Gold (EUR 50,000 and 3 won deals). */
export const LADDER = [
  { name: 'Registered' },
  { name: 'Silver', requirements: { revenueMinor: 1_000_000 }, mdfBudgetMinor: 50_000 },
  {
    name: 'Gold',
    requirements: { revenueMinor: 5_000_000, wonDeals: 3 },
    discountBp: 2000,
    mdfBudgetMinor: 100_000,
  },
];

/** Creates a published reseller program with the ladder and returns its id and tiers. */
export async function publishedProgram(
  h: TestApp,
  vendor: TestMember,
  over: Record<string, unknown> = {},
  tiers: object[] = LADDER,
) {
  const created = await h.as(vendor.token).post('/api/v1/programs', {
    name: `Reseller ${newId().slice(-8)}`,
    kind: 'reseller',
    currency: 'EUR',
    status: 'published',
    onboarding: [
      { title: 'Sign the reseller agreement', ownerSide: 'partner', dueInDays: 7 },
      { title: 'Kick-off call', ownerSide: 'vendor', dueInDays: 14 },
    ],
    ...over,
  });
  if (created.status !== 201) throw new Error(`program: ${JSON.stringify(created.body)}`);
  const put = await h.as(vendor.token).put(`/api/v1/programs/${created.body.id}/tiers`, { tiers });
  if (put.status !== 200) throw new Error(`tiers: ${JSON.stringify(put.body)}`);
  return { id: created.body.id as string, tiers: put.body.data as { id: string; name: string }[] };
}

/** The partner applies and the vendor approves; returns the enrollment id. */
export async function enroll(
  h: TestApp,
  vendor: TestMember,
  partner: TestMember,
  programId: string,
  approve: object = {},
) {
  const applied = await h.as(partner.token).post(`/api/v1/programs/${programId}/applications`, {});
  if (applied.status !== 201) throw new Error(`apply: ${JSON.stringify(applied.body)}`);
  const approved = await h.as(vendor.token).post(`/api/v1/applications/${applied.body.id}/approve`, approve);
  if (approved.status !== 200) throw new Error(`approve: ${JSON.stringify(approved.body)}`);
  return approved.body.enrollmentId as string;
}

/** A deal the partner won with the vendor, written straight to the database at `closedAt`. */
export async function wonDeal(
  h: TestApp,
  partner: TestMember,
  vendor: TestMember,
  amountMinor: number,
  closedAt: Date,
  over: Partial<typeof deal.$inferInsert> = {},
) {
  const id = newId();
  await h.ctx.db.insert(deal).values({
    id,
    organizationId: partner.orgId,
    counterpartyId: vendor.orgId,
    vendorId: vendor.orgId,
    kind: 'registration',
    status: 'won',
    title: `Deal ${id.slice(-6)}`,
    customerName: `Customer ${id.slice(-6)}`,
    customerNameKey: `customer ${id.slice(-6)}`,
    amountMinor,
    wonAmountMinor: amountMinor,
    currency: 'EUR',
    sentAt: closedAt,
    closedAt,
    ...over,
  });
  return id;
}
