import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addMember, createOrg, type TestMember } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { publishedProgram } from './programs.testing.ts';

let h: TestApp;
let vendor: TestMember;
let vendorMember: TestMember;
let vendorSales: TestMember;
let partner: TestMember;
let partnerSales: TestMember;
let hostile: TestMember;
const ids = {
  draft: '',
  published: '',
  rule: '',
  draftRule: '',
  tiers: [] as { id: string; name: string }[],
  application: '',
  pending: '',
  enrollment: '',
  task: '',
  certification: '',
  mdf: '',
};

beforeAll(async () => {
  h = await createTestApp();
  vendor = await createOrg(h, 'Tenant Vendor');
  vendorMember = await addMember(h, vendor.orgId, 'member');
  vendorSales = await addMember(h, vendor.orgId, 'sales');
  partner = await createOrg(h, 'Tenant Partner');
  partnerSales = await addMember(h, partner.orgId, 'sales');
  hostile = await createOrg(h, 'Hostile Vendor');
  const second = await createOrg(h, 'Second Partner');

  ids.draft = (
    await h.as(vendor.token).post('/api/v1/programs', { name: 'Secret', kind: 'reseller', currency: 'EUR' })
  ).body.id;
  ids.draftRule = (
    await h.as(vendor.token).post(`/api/v1/programs/${ids.draft}/rules`, { kind: 'percentage', rateBp: 500 })
  ).body.id;
  const program = await publishedProgram(h, vendor, {}, [
    { name: 'Base', mdfBudgetMinor: 100_000 },
    { name: 'Top', requirements: { wonDeals: 10 } },
  ]);
  ids.published = program.id;
  ids.tiers = program.tiers;
  ids.rule = (
    await h
      .as(vendor.token)
      .post(`/api/v1/programs/${ids.published}/rules`, { kind: 'percentage', rateBp: 500 })
  ).body.id;
  ids.application = (
    await h.as(partner.token).post(`/api/v1/programs/${ids.published}/applications`, {})
  ).body.id;
  ids.pending = (await h.as(second.token).post(`/api/v1/programs/${ids.published}/applications`, {})).body.id;
  ids.enrollment = (
    await h.as(vendor.token).post(`/api/v1/applications/${ids.application}/approve`, {})
  ).body.enrollmentId;
  ids.task = (await h.as(partner.token).get(`/api/v1/enrollments/${ids.enrollment}`)).body.tasks[0].id;
  ids.certification = (
    await h.as(vendor.token).post('/api/v1/certifications', {
      partnerId: partner.orgId,
      personName: 'Pat',
      personEmail: 'pat@partner.example',
      name: 'Pro',
      issuedOn: '2025-01-01',
    })
  ).body.id;
  ids.mdf = (
    await h
      .as(partner.token)
      .post('/api/v1/mdf', { enrollmentId: ids.enrollment, title: 'Ads', amountMinor: 1000 })
  ).body.id;
  for (const [key, value] of Object.entries(ids)) if (!value) throw new Error(`setup failed: ${key}`);
});
afterAll(() => h?.close());

describe('a hostile tenant gets 404 for every programs object of another tenant', () => {
  const cases: [string, string, () => string, (object | (() => object))?][] = [
    ['GET', 'draft program', () => `/api/v1/programs/${ids.draft}`],
    ['PATCH', 'published program', () => `/api/v1/programs/${ids.published}`, { name: 'Mine now' }],
    ['PUT', 'tiers', () => `/api/v1/programs/${ids.published}/tiers`, { tiers: [] }],
    ['GET', 'tiers of a draft', () => `/api/v1/programs/${ids.draft}/tiers`],
    ['GET', 'rules of a draft', () => `/api/v1/programs/${ids.draft}/rules`],
    ['POST', 'rules', () => `/api/v1/programs/${ids.published}/rules`, { kind: 'percentage', rateBp: 1 }],
    ['DELETE', 'a rule', () => `/api/v1/programs/${ids.published}/rules/${ids.rule}`],
    ['DELETE', 'a draft rule', () => `/api/v1/programs/${ids.draft}/rules/${ids.draftRule}`],
    ['POST', 'applying to a draft', () => `/api/v1/programs/${ids.draft}/applications`, {}],
    ['GET', 'an application', () => `/api/v1/applications/${ids.application}`],
    ['POST', 'approving', () => `/api/v1/applications/${ids.pending}/approve`, {}],
    ['POST', 'rejecting', () => `/api/v1/applications/${ids.pending}/reject`, { reason: 'No' }],
    ['POST', 'withdrawing', () => `/api/v1/applications/${ids.pending}/withdraw`, {}],
    ['GET', 'an enrollment', () => `/api/v1/enrollments/${ids.enrollment}`],
    ['POST', 'evaluating', () => `/api/v1/enrollments/${ids.enrollment}/evaluate`, {}],
    ['POST', 'ending', () => `/api/v1/enrollments/${ids.enrollment}/end`, { reason: 'Bye' }],
    [
      'POST',
      'adding a task',
      () => `/api/v1/enrollments/${ids.enrollment}/tasks`,
      { title: 'x', ownerSide: 'vendor' },
    ],
    ['PATCH', 'a task', () => `/api/v1/enrollments/${ids.enrollment}/tasks/${ids.task}`, { done: true }],
    ['DELETE', 'a certification', () => `/api/v1/certifications/${ids.certification}`],
    ['GET', 'an MDF request', () => `/api/v1/mdf/${ids.mdf}`],
    ['POST', 'approving MDF', () => `/api/v1/mdf/${ids.mdf}/approve`, {}],
    [
      'POST',
      'requesting MDF on it',
      () => '/api/v1/mdf',
      () => ({ enrollmentId: ids.enrollment, title: 'Ads', amountMinor: 1 }),
    ],
  ];
  for (const [method, what, url, body] of cases)
    test(`${method} ${what}`, async () => {
      const res = await h.app.inject({
        method: method as 'GET',
        url: url(),
        headers: { authorization: `Bearer ${hostile.token}` },
        ...(body ? { payload: typeof body === 'function' ? body() : body } : {}),
      });
      expect(res.statusCode, res.body).toBe(404);
    });

  test('lists show the hostile tenant nothing of the victim', async () => {
    const as = h.as(hostile.token);
    expect((await as.get('/api/v1/programs')).body.data).toEqual([]);
    const available = (await as.get('/api/v1/programs?scope=available')).body.data.map(
      (p: { id: string }) => p.id,
    );
    expect(available).toEqual([ids.published]);
    for (const path of [
      '/api/v1/applications',
      '/api/v1/enrollments',
      '/api/v1/certifications',
      '/api/v1/mdf',
    ])
      expect((await as.get(path)).body.data, path).toEqual([]);
    expect((await as.get(`/api/v1/certifications?partnerId=${partner.orgId}`)).body.data).toEqual([]);
    // A published program is readable, but its rules say nothing to change.
    expect((await as.get(`/api/v1/programs/${ids.published}`)).body.mine).toBe(false);
  });
});

describe('roles: members and sales cannot manage or review programs', () => {
  const forbiddenFor = async (who: () => TestMember, method: string, url: string, body?: object) => {
    const res = await h.app.inject({
      method: method as 'GET',
      url,
      headers: { authorization: `Bearer ${who().token}` },
      ...(body ? { payload: body } : {}),
    });
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(403);
  };

  test('a vendor member cannot create, edit, tier or price programs', async () => {
    const m = () => vendorMember;
    await forbiddenFor(m, 'POST', '/api/v1/programs', { name: 'Nope', kind: 'reseller', currency: 'EUR' });
    await forbiddenFor(m, 'PATCH', `/api/v1/programs/${ids.published}`, { name: 'Renamed' });
    await forbiddenFor(m, 'PUT', `/api/v1/programs/${ids.published}/tiers`, { tiers: [] });
    await forbiddenFor(m, 'POST', `/api/v1/programs/${ids.published}/rules`, {
      kind: 'percentage',
      rateBp: 1,
    });
    await forbiddenFor(m, 'DELETE', `/api/v1/programs/${ids.published}/rules/${ids.rule}`);
    // Reading is fine.
    expect((await h.as(vendorMember.token).get(`/api/v1/programs/${ids.draft}`)).status).toBe(200);
  });

  test('vendor sales cannot review applications, evaluate, end, add tasks, certify or decide MDF', async () => {
    const s = () => vendorSales;
    await forbiddenFor(s, 'POST', `/api/v1/applications/${ids.pending}/approve`, {});
    await forbiddenFor(s, 'POST', `/api/v1/applications/${ids.pending}/reject`, { reason: 'No' });
    await forbiddenFor(s, 'POST', `/api/v1/enrollments/${ids.enrollment}/evaluate`, {});
    await forbiddenFor(s, 'POST', `/api/v1/enrollments/${ids.enrollment}/end`, { reason: 'x' });
    await forbiddenFor(s, 'POST', `/api/v1/enrollments/${ids.enrollment}/tasks`, {
      title: 'x',
      ownerSide: 'vendor',
    });
    await forbiddenFor(s, 'POST', '/api/v1/certifications', {
      partnerId: partner.orgId,
      personName: 'Al',
      personEmail: 'al@partner.example',
      name: 'Pro',
      issuedOn: '2025-01-01',
    });
    await forbiddenFor(s, 'DELETE', `/api/v1/certifications/${ids.certification}`);
    await forbiddenFor(s, 'POST', `/api/v1/mdf/${ids.mdf}/approve`, {});
    await forbiddenFor(() => vendorMember, 'POST', `/api/v1/enrollments/${ids.enrollment}/end`, {
      reason: 'x',
    });
  });

  test('partner sales cannot apply, withdraw, tick tasks or request MDF', async () => {
    const s = () => partnerSales;
    await forbiddenFor(s, 'POST', `/api/v1/programs/${ids.published}/applications`, {});
    await forbiddenFor(s, 'PATCH', `/api/v1/enrollments/${ids.enrollment}/tasks/${ids.task}`, { done: true });
    await forbiddenFor(s, 'POST', '/api/v1/mdf', {
      enrollmentId: ids.enrollment,
      title: 'Ads',
      amountMinor: 1,
    });
    await forbiddenFor(s, 'POST', `/api/v1/mdf/${ids.mdf}/claim`, { proof: 'x' });
    // The partner side sees its enrollment and checklist, but cannot tick the vendor's tasks.
    const view = await h.as(partnerSales.token).get(`/api/v1/enrollments/${ids.enrollment}`);
    expect(view.status).toBe(200);
    expect(view.body.tasks.every((t: { canTick: boolean }) => !t.canTick)).toBe(true);
  });

  test('the partner cannot act as the vendor on its own enrollment', async () => {
    const p = () => partner;
    await forbiddenFor(p, 'POST', `/api/v1/enrollments/${ids.enrollment}/evaluate`, {});
    await forbiddenFor(p, 'POST', `/api/v1/enrollments/${ids.enrollment}/end`, { reason: 'x' });
    await forbiddenFor(p, 'POST', `/api/v1/mdf/${ids.mdf}/approve`, {});
    // And others' drafts stay invisible to it.
    expect((await h.as(partner.token).get(`/api/v1/programs/${ids.draft}`)).status).toBe(404);
  });
});
