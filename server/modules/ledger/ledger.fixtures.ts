/** Test helpers of the ledger tests: deals driven through the API to a paying state. */
import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { ledgerEntry } from '../../db/schema/index.ts';
import type { TestMember } from '../../test/factories.ts';
import type { TestApp } from '../../test/harness.ts';
import { type CommissionEvent, postDealCommissions } from './ledger.commissions.ts';

// Random letters: customers that neither share a domain nor look alike, so no conflict holds a deal up.
const word = () => Array.from(randomBytes(10), (b) => String.fromCharCode(97 + (b % 26))).join('');
const nextYear = () => `${new Date().getUTCFullYear() + 1}-06-30`;

const dealBody = (amountMinor: number, currency: string) => {
  const name = word();
  return {
    customerName: `${name[0]!.toUpperCase()}${name.slice(1)}`,
    customerDomain: `${name}.com`,
    customerCountry: 'US',
    amountMinor,
    currency,
    expectedClose: nextYear(),
  };
};

async function expectOk(res: { status: number; body: unknown }, what: string) {
  if (res.status >= 300) throw new Error(`${what} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string };
}

/** A registration of `partner` with `vendor`, approved and won (the two must be partners). */
export async function wonRegistration(
  h: TestApp,
  partner: TestMember,
  vendor: TestMember,
  opts: { amountMinor?: number; wonAmountMinor?: number; currency?: string; subscription?: boolean } = {},
) {
  const amountMinor = opts.amountMinor ?? 1_000_000;
  const created = await expectOk(
    await h.as(partner.token).post('/api/v1/registrations', {
      ...dealBody(amountMinor, opts.currency ?? 'EUR'),
      vendorId: vendor.orgId,
      subscription: opts.subscription ?? false,
    }),
    'registration',
  );
  await expectOk(
    await h.as(vendor.token).post(`/api/v1/deals/${created.id}/transitions`, { to: 'approved' }),
    'approval',
  );
  await expectOk(
    await h.as(vendor.token).post(`/api/v1/deals/${created.id}/transitions`, {
      to: 'won',
      wonAmountMinor: opts.wonAmountMinor ?? amountMinor,
    }),
    'win',
  );
  return created.id;
}

/** A referral from `sender` to `receiver` moved along `to` (e.g. accepted, qualified, won). */
export async function referral(
  h: TestApp,
  sender: TestMember,
  receiver: TestMember,
  to: ('accepted' | 'qualified' | 'won')[],
  opts: { amountMinor?: number; wonAmountMinor?: number; currency?: string } = {},
) {
  const amountMinor = opts.amountMinor ?? 1_000_000;
  const created = await expectOk(
    await h.as(sender.token).post('/api/v1/referrals', {
      ...dealBody(amountMinor, opts.currency ?? 'EUR'),
      partnerId: receiver.orgId,
    }),
    'referral',
  );
  for (const status of to)
    await expectOk(
      await h.as(receiver.token).post(`/api/v1/deals/${created.id}/transitions`, {
        to: status,
        ...(status === 'won' && { wonAmountMinor: opts.wonAmountMinor ?? amountMinor }),
      }),
      `move to ${status}`,
    );
  return created.id;
}

/** Posts a deal event's commissions in its own transaction, as the deal move will. */
export const post = (h: TestApp, dealId: string, event: CommissionEvent, userId: string | null = null) =>
  h.ctx.db.transaction((tx) => postDealCommissions({ db: tx }, dealId, event, userId));

/** Every entry of a deal, oldest first. */
export const entriesOf = (h: TestApp, dealId: string) =>
  h.ctx.db.select().from(ledgerEntry).where(eq(ledgerEntry.dealId, dealId)).orderBy(ledgerEntry.id);
