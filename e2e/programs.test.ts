import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { ApiClient } from '../common/api/client.ts';
import { type Journey, screenshotOnFailure, signInAs, startJourneyAs, visible } from './support.ts';

let journey: Journey;
let contoso: ApiClient;
let northwind: ApiClient;
let contosoId: string;
let programId: string;

// A program and a customer of the journey's own, so it does not depend on the demo's programs.
const PROGRAM = 'Journey Reseller Program';
const CUSTOMER = 'Programmatic Widgets';

beforeAll(async () => {
  const started = await startJourneyAs({
    contoso: { user: 'owner@contoso.example', org: 'contoso-cloud' },
    northwind: { user: 'nora@northwind.example', org: 'northwind-msp' },
  });
  journey = started;
  ({ contoso, northwind } = started.api);
  const { data: org } = await contoso.GET('/api/v1/organization');
  contosoId = org!.id;
  const { data: program } = await contoso.POST('/api/v1/programs', {
    body: {
      name: PROGRAM,
      kind: 'reseller',
      currency: 'EUR',
      description: 'Resell Contoso Cloud and earn 10 % of every won registration.',
      questions: [{ id: 'regions', label: 'Which regions do you cover?', kind: 'text', required: true }],
      onboarding: [{ title: 'Sign the reseller agreement', ownerSide: 'partner', dueInDays: 14 }],
      status: 'draft',
    },
  });
  programId = program!.id;
  await contoso.PUT('/api/v1/programs/{id}/tiers', {
    params: { path: { id: programId } },
    body: { tiers: [{ name: 'Member' }] },
  });
  await contoso.POST('/api/v1/programs/{id}/rules', {
    params: { path: { id: programId } },
    body: { kind: 'percentage', event: 'deal_won', rateBp: 1000, dealKind: 'registration' },
  });
  await contoso.PATCH('/api/v1/programs/{id}', {
    params: { path: { id: programId } },
    body: { status: 'published' },
  });
});

afterAll(() => journey?.close());

describe('channel program', () => {
  test('a partner applies, the vendor approves, and a won deal shows a pending commission on the partner’s earnings page', async () => {
    const partner = await signInAs(journey, 'nora@northwind.example');
    await screenshotOnFailure(partner, 'programs-apply', async () => {
      await partner.goto(`${journey.baseUrl}/programs/${programId}`);
      await (await visible(partner.getByRole('button', { name: 'Apply' }).first())).click();
      const form = await visible(partner.getByRole('dialog'));
      await form.getByRole('button', { name: 'Send application' }).click();
      await visible(form.getByText('Answer this question'));
      await form
        .getByRole('textbox', { name: 'Which regions do you cover?' })
        .fill('The Nordics and the Baltics');
      await form.getByRole('button', { name: 'Send application' }).click();
      await form.waitFor({ state: 'hidden' });
      await visible(partner.getByText(/pending/i).first());
    });

    const vendor = await signInAs(journey, 'owner@contoso.example');
    await screenshotOnFailure(vendor, 'programs-approve', async () => {
      await vendor.goto(`${journey.baseUrl}/programs/applications`);
      await (await visible(vendor.getByRole('button', { name: 'Approve Northwind MSP' }))).click();
      const modal = await visible(vendor.getByRole('dialog'));
      await modal.getByRole('button', { name: 'Approve and enroll' }).click();
      await vendor.waitForURL(/\/enrollments\//);
      await visible(vendor.getByText('Sign the reseller agreement'));
    });

    // The deal itself goes through the API: the journey is about the program and the money.
    const { data: deal } = await northwind.POST('/api/v1/registrations', {
      body: {
        vendorId: contosoId,
        customerName: CUSTOMER,
        customerDomain: 'programmatic-widgets.se',
        customerCountry: 'SE',
        amountMinor: 2_000_000,
        currency: 'EUR',
      },
    });
    for (const move of [{ to: 'approved' as const }, { to: 'won' as const, wonAmountMinor: 2_000_000 }])
      await contoso.POST('/api/v1/deals/{id}/transitions', {
        params: { path: { id: deal!.id } },
        body: move,
      });

    const earner = await signInAs(journey, 'nora@northwind.example');
    await screenshotOnFailure(earner, 'programs-earnings', async () => {
      await earner.goto(`${journey.baseUrl}/earnings`);
      const row = await visible(
        earner.getByRole('row').filter({ hasText: CUSTOMER }).filter({ hasText: PROGRAM }),
      );
      await expect(row.textContent()).resolves.toContain(PROGRAM);
      await expect(row.textContent()).resolves.toContain('€2,000.00');
      await visible(row.getByText(/pending/i));
    });
  });
});
