import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { addMember, createOrg, type TestMember } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { slugify } from './organizations.service.ts';

describe('slugify', () => {
  test('lowercase ASCII words joined by dashes', () => {
    expect(slugify('Contoso Cloud')).toBe('contoso-cloud');
    expect(slugify('Ångström Säkerhet AB')).toBe('angstrom-sakerhet-ab');
    expect(slugify('  --  ')).toBe('org');
  });
});

describe('organization settings', () => {
  let h: TestApp;
  let owner: TestMember;
  let finance: TestMember;
  beforeAll(async () => {
    h = await createTestApp();
    owner = await createOrg(h, 'Rename Co');
    finance = await addMember(h, owner.orgId, 'finance');
  });
  afterAll(() => h?.close());

  test('an owner renames the organization; the change is audited', async () => {
    const res = await h.as(owner.token).patch('/api/v1/organization', { name: 'Renamed Co' });
    expect(res.body.name).toBe('Renamed Co');
    const log = await h.as(owner.token).get('/api/v1/audit-log?action=organization.updated');
    expect(log.body.data[0].data).toEqual({ from: { name: 'Rename Co' }, to: { name: 'Renamed Co' } });
  });

  test('other roles cannot rename it', async () => {
    expect((await h.as(finance.token).patch('/api/v1/organization', { name: 'Hijacked' })).status).toBe(403);
    expect((await h.as(finance.token).get('/api/v1/organization')).body.name).toBe('Renamed Co');
  });
});
