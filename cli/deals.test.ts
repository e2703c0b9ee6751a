import { afterAll, beforeAll, expect, test } from 'vitest';
import { createOrg, type TestMember } from '../server/test/factories.ts';
import { createTestApp, type TestApp } from '../server/test/harness.ts';
import {
  describeError,
  listDeals,
  listPartnerships,
  moveDeal,
  proposePartnership,
  registerDeal,
  remoteClient,
  sendReferral,
} from './deals.ts';
import { UsageError } from './operator.ts';
import { cliClientFor } from './testing.ts';

let h: TestApp;
let seller: TestMember;
let vendor: TestMember;

const as = (who: TestMember) => cliClientFor(h, who);

beforeAll(async () => {
  h = await createTestApp();
  seller = await createOrg(h, 'CLI Seller');
  vendor = await createOrg(h, 'CLI Vendor');
});
afterAll(() => h?.close());

test('mycelium partnerships and deals: propose, refer, register, list and move through the API', async () => {
  const proposed = await proposePartnership(as(seller), { partner: vendor.orgId, types: 'resells,refers' });
  expect(proposed).toMatch(/^Proposed to CLI Vendor \(.+\); waiting for their answer\.$/);
  const [line] = await listPartnerships(as(vendor), { status: 'proposed' });
  const partnershipId = line!.split('\t')[0];
  expect(line).toContain('CLI Seller\tproposed\tresells,refers\tincoming');
  await h.as(vendor.token).post(`/api/v1/partnerships/${partnershipId}/accept`, {});

  const referral = await sendReferral(as(vendor), {
    partner: seller.orgId,
    customer: 'Tailwind Traders',
    domain: 'tailwindtraders.com',
    amount: '12,500.50',
    currency: 'eur',
  });
  expect(referral).toMatch(/^Referral .+ sent to CLI Seller; answer due \d{4}-\d\d-\d\d\.$/);
  const registered = await registerDeal(as(seller), {
    vendor: vendor.orgId,
    customer: 'Tailwind Traders Ltd',
    domain: 'www.tailwindtraders.co.uk',
    amount: '4000',
    currency: 'GBP',
  });
  expect(registered).toMatch(/submitted to CLI Vendor: no conflict found\.$/);

  const rows = await listDeals(as(seller), { kind: 'referral' });
  expect(rows).toHaveLength(1);
  expect(rows[0]).toContain('referral\tsent\tTailwind Traders\t€12,500.50\tCLI Vendor\tCLI Seller');
  const referralId = rows[0]!.split('\t')[0]!;
  await moveDeal(as(seller), referralId, 'accepted', {});
  expect(await moveDeal(as(seller), referralId, 'won', { wonAmount: '13 000' })).toBe(
    'Tailwind Traders is now won.',
  );
  const deal = await h.as(seller.token).get(`/api/v1/deals/${referralId}`);
  expect(deal.body.wonAmount).toEqual({ amountMinor: 1_300_000, currency: 'EUR' });
});

test('bad flags are usage errors and API refusals print the server message', async () => {
  await expect(moveDeal(as(seller), 'x', 'flying', {})).rejects.toThrow(UsageError);
  await expect(
    sendReferral(as(seller), { partner: vendor.orgId, customer: 'X', amount: '1.234', currency: 'EUR' }),
  ).rejects.toThrow('--amount: At most 2 decimals for EUR');
  await expect(proposePartnership(as(seller), { partner: vendor.orgId, types: 'marries' })).rejects.toThrow(
    UsageError,
  );
  const refused = await registerDeal(as(seller), {
    vendor: seller.orgId,
    customer: 'Self',
    amount: '1',
    currency: 'EUR',
  }).catch((err: unknown) => describeError(err));
  expect(refused).toMatch(/your own organization \(vendorId\)$/);
  expect(() => remoteClient({ url: 'http://cli.test' })).toThrow(UsageError);
});
