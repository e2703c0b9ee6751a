import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiClient } from '../common/api/client.ts';
import { type Journey, screenshotOnFailure, signInAs, startJourneyAs, visible } from './support.ts';

let journey: Journey;
let contoso: ApiClient;
let contosoId: string;

// A customer of its own, so the journey does not depend on the demo's deals.
const CUSTOMER = 'Journeyworks';

beforeAll(async () => {
  const started = await startJourneyAs({
    contoso: { user: 'owner@contoso.example', org: 'contoso-cloud' },
    northwind: { user: 'nora@northwind.example', org: 'northwind-msp' },
  });
  journey = started;
  contoso = started.api.contoso;
  const northwind = started.api.northwind;
  const { data: org } = await contoso.GET('/api/v1/organization');
  contosoId = org!.id;

  // Northwind resells Contoso, and Anders owns Northwind at Contoso: its registrations are his to review.
  const { data: existing } = await northwind.GET('/api/v1/partnerships', {
    params: { query: { partnerId: contosoId, status: 'active' } },
  });
  let partnershipId = existing!.data[0]?.id;
  if (!partnershipId) {
    const { data: proposed } = await northwind.POST('/api/v1/partnerships', {
      body: { partnerId: contosoId, types: ['resells'], message: '' },
    });
    partnershipId = proposed!.id;
    await contoso.POST('/api/v1/partnerships/{id}/{action}', {
      params: { path: { id: partnershipId, action: 'accept' } },
      body: {},
    });
  }
  const { data: members } = await contoso.GET('/api/v1/members', { params: { query: { limit: 200 } } });
  const anders = members!.data.find((m) => m.email === 'anders@contoso.example')!;
  await contoso.PATCH('/api/v1/partnerships/{id}', {
    params: { path: { id: partnershipId } },
    body: { ownerUserId: anders.userId },
  });
  // Contoso is already selling to the customer itself: the registration will conflict with it.
  await contoso.POST('/api/v1/opportunities', {
    body: {
      customerName: `${CUSTOMER} Inc`,
      customerDomain: 'journeyworks.com',
      customerCountry: 'GB',
      amountMinor: 4_000_000,
      currency: 'EUR',
    },
  });
});

afterAll(() => journey?.close());

describe('deal registration', () => {
  test('a partner registers a deal that conflicts, sees the preview, submits; the alliance manager approves it from the queue', async () => {
    const partner = await signInAs(journey, 'nora@northwind.example');
    await screenshotOnFailure(partner, 'deals-register', async () => {
      await partner.goto(`${journey.baseUrl}/deals/new?kind=registration&vendorId=${contosoId}`);
      await partner.getByRole('textbox', { name: 'Customer name' }).fill(`${CUSTOMER} UK`);
      await partner.getByRole('textbox', { name: 'Customer domain' }).fill('https://www.journeyworks.co.uk');
      const preview = partner.getByRole('status');
      await visible(preview.getByText('Possible conflict'));
      await partner.getByRole('textbox', { name: 'Amount' }).fill('25,000');
      await partner.getByRole('button', { name: 'Submit registration' }).click();
      await partner.waitForURL(/\/deals\/[0-9a-f-]{36}$/);
      await visible(partner.getByRole('heading', { name: `${CUSTOMER} UK` }));
      await visible(partner.getByText('Submitted').first());
      // The partner never sees whom it conflicted with.
      expect(await partner.getByText('Conflicts').count()).toBe(0);
    });

    const manager = await signInAs(journey, 'anders@contoso.example');
    await screenshotOnFailure(manager, 'deals-review', async () => {
      await manager.goto(`${journey.baseUrl}/deals/review`);
      const queue = manager.getByRole('table', { name: 'Registrations waiting for review' });
      const row = queue.getByRole('row').filter({ hasText: `${CUSTOMER} UK` });
      await visible(row);
      await visible(row.getByText(/conflict/i));
      await row.getByRole('button', { name: 'Approve' }).click();
      await row.waitFor({ state: 'detached' });
    });

    // The queue removes the row as soon as the click lands; the approval commits just after.
    const registration = async () =>
      (
        await contoso.GET('/api/v1/deals', {
          params: { query: { kind: 'registration', q: `${CUSTOMER} UK` } },
        })
      ).data!.data;
    await expect.poll(async () => (await registration())[0]?.status).toBe('approved');
    const found = await registration();
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ status: 'approved', conflictOutcome: 'potential_conflict' });
  });
});
