import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { parseRoles } from '../server/main.ts';
import { createTestApp, type TestApp } from '../server/test/harness.ts';
import {
  createEcosystemFromCli,
  createTokenFor,
  createUser,
  searchDirectoryFromCli,
  UsageError,
} from './operator.ts';

let h: TestApp;
beforeAll(async () => {
  h = await createTestApp();
});
afterAll(() => h?.close());

describe('mycelium users create / tokens create', () => {
  test('a new organization is created with the user as owner; the next user joins with the role', async () => {
    const first = await createUser(h.ctx, {
      email: 'ops@acme.example',
      password: 'operator-password',
      org: 'Acme Partners',
      role: 'member',
    });
    expect(first).toMatchObject({ role: 'owner', createdOrganization: true });
    const second = await createUser(h.ctx, {
      email: 'am@acme.example',
      password: 'operator-password',
      org: 'acme-partners',
      role: 'alliance_manager',
    });
    expect(second).toMatchObject({ role: 'alliance_manager', createdOrganization: false });
  });

  test('the printed token works against the API as that member', async () => {
    const created = await createTokenFor(h.ctx, {
      user: 'am@acme.example',
      org: 'Acme Partners',
      name: 'cli',
      expiresInDays: 30,
    });
    const me = await h.as(created.token).get('/api/v1/me');
    expect(me.body).toMatchObject({ user: { email: 'am@acme.example' }, via: 'token' });
    expect(me.body.organizations[0]).toMatchObject({ name: 'Acme Partners', role: 'alliance_manager' });
  });

  test('mistakes are usage errors with a clear message', async () => {
    await expect(
      createUser(h.ctx, {
        email: 'x@acme.example',
        password: 'operator-password',
        org: 'Acme Partners',
        role: 'emperor',
      }),
    ).rejects.toThrow(UsageError);
    await expect(
      createUser(h.ctx, {
        email: 'am@acme.example',
        password: 'operator-password',
        org: 'Acme Partners',
        role: 'sales',
      }),
    ).rejects.toThrow(/already a member/);
    await expect(
      createUser(h.ctx, { email: 'y@acme.example', password: 'short', org: 'Acme Partners', role: 'sales' }),
    ).rejects.toThrow(/10 characters/);
    await expect(
      createTokenFor(h.ctx, {
        user: 'nobody@acme.example',
        org: 'Acme Partners',
        name: 'x',
        expiresInDays: 1,
      }),
    ).rejects.toThrow(/No user/);
    await expect(
      createTokenFor(h.ctx, { user: 'am@acme.example', org: 'Nope Inc', name: 'x', expiresInDays: 1 }),
    ).rejects.toThrow(/No organization/);
  });
});

describe('serve --roles', () => {
  test('accepts api, worker or both; refuses anything else', () => {
    expect(parseRoles('api,worker')).toEqual(['api', 'worker']);
    expect(parseRoles(' worker ')).toEqual(['worker']);
    expect(() => parseRoles('api,cron')).toThrow(/cron/);
    expect(() => parseRoles('')).toThrow();
  });
});

describe('mycelium ecosystems create', () => {
  const base = { visibility: 'public', joinPolicy: 'open', windowDays: '90' };

  test('a network-wide ecosystem with a facet filter, its hub and a child; members see it', async () => {
    const parent = await createEcosystemFromCli(h.ctx, {
      ...base,
      name: 'Nordic security MSPs',
      filter: 'country=SE,NO,DK,FI;role=msp',
      hub: 'acme-partners',
      joinPolicy: 'approval',
    });
    expect(parent).toMatchObject({
      organizationId: null,
      filter: { country: ['SE', 'NO', 'DK', 'FI'], role: ['msp'] },
    });
    const child = await createEcosystemFromCli(h.ctx, {
      ...base,
      name: 'Nordic MSPs Stockholm',
      parent: parent.slug,
    });
    expect(child.parentId).toBe(parent.id);
    const token = (
      await createTokenFor(h.ctx, {
        user: 'am@acme.example',
        org: 'acme-partners',
        name: 'x',
        expiresInDays: 1,
      })
    ).token;
    const page = await h.as(token).get(`/api/v1/ecosystems/${parent.slug}`);
    expect(page.body).toMatchObject({ networkWide: true, hub: { slug: 'acme-partners' }, canManage: true });
    expect(page.body.children).toEqual([expect.objectContaining({ id: child.id })]);
  });

  test('bad options are usage errors that name the problem', async () => {
    const refused = (opts: object) =>
      createEcosystemFromCli(h.ctx, { ...base, name: 'Bad', ...opts }).catch((e) => e);
    expect(await refused({ filter: 'country=XX' })).toBeInstanceOf(UsageError);
    expect((await refused({ filter: 'country' })).message).toMatch(/--filter/);
    expect((await refused({ visibility: 'secret' })).message).toMatch(/visibility/);
    expect((await refused({ hub: 'nobody-here' })).message).toMatch(/No organization/);
    expect((await refused({ parent: 'no-such-ecosystem' })).message).toMatch(/parent/);
  });
});

describe('mycelium directory search', () => {
  test('finds listed organizations by a misspelt word and facets; bad keys are usage errors', async () => {
    const token = (
      await createTokenFor(h.ctx, {
        user: 'ops@acme.example',
        org: 'acme-partners',
        name: 'x',
        expiresInDays: 1,
      })
    ).token;
    await h.as(token).patch('/api/v1/directory/profile', {
      countries: ['NO'],
      roles: ['msp'],
      description: 'Kubernetes operations',
    });
    const found = await searchDirectoryFromCli(h.ctx, ['kubernets'], {
      country: 'NO,SE',
      role: 'msp',
      limit: '5',
    });
    expect(found.data.map((d) => d.name)).toEqual(['Acme Partners']);
    const refused = await searchDirectoryFromCli(h.ctx, [], { country: 'XX', limit: '5' }).catch((e) => e);
    expect(refused).toBeInstanceOf(UsageError);
    expect(refused.message).toMatch(/country/);
  });
});
