import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Facet, isFacetValue } from '../../common/taxonomy/index.ts';
import { rowsOf } from '../db/client.ts';
import { normalizeDomain, profileFields } from '../modules/directory/index.ts';
import { createTestApp, type TestApp } from '../test/harness.ts';
import { loadGenerated } from './bulk-load.ts';
import {
  type GeneratedEcosystem,
  type GeneratedMembership,
  type GeneratedOrganization,
  generateDirectory,
} from './generator.ts';

const NOW = new Date('2026-06-01T12:00:00Z');
const DAY = 86_400_000;
const NORDICS = ['SE', 'NO', 'DK', 'FI', 'IS'];

function generate(orgs: number, seed = 42) {
  const organizations: GeneratedOrganization[] = [];
  const ecosystems: GeneratedEcosystem[] = [];
  const memberships: GeneratedMembership[] = [];
  for (const chunk of generateDirectory({ orgs, seed, now: NOW, chunkSize: 1000 }).chunks()) {
    organizations.push(...chunk.organizations);
    ecosystems.push(...chunk.ecosystems);
    memberships.push(...chunk.memberships);
  }
  return { organizations, ecosystems, memberships };
}

const digest = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');
const share = (items: readonly GeneratedOrganization[], test: (o: GeneratedOrganization) => boolean) =>
  items.filter(test).length / items.length;

describe('generateDirectory', () => {
  const big = generate(20_000);
  const orgs = big.organizations;

  test('the same seed and count give byte-identical output; a bigger run starts the same; another seed differs', () => {
    const a = generate(1500, 7);
    expect(digest(generate(1500, 7))).toBe(digest(a));
    const longer = generate(2500, 7).organizations.slice(0, 1500);
    expect(longer.map((o) => [o.id, o.name, o.slug, o.profile.domain])).toEqual(
      a.organizations.map((o) => [o.id, o.name, o.slug, o.profile.domain]),
    );
    const other = generate(1500, 8).organizations;
    const names = new Set(a.organizations.map((o) => o.name));
    expect(other.filter((o) => names.has(o.name)).length).toBeLessThan(750);
    expect(other.map((o) => o.profile.domain)).not.toEqual(a.organizations.map((o) => o.profile.domain));
  });

  test('every profile passes the API schema and every facet key is in the taxonomy', () => {
    const facetsOf: [Facet, (o: GeneratedOrganization) => readonly (string | null)[]][] = [
      ['country', (o) => [o.profile.hqCountry, ...o.profile.countries]],
      ['language', (o) => o.profile.languages],
      ['size', (o) => [o.profile.sizeBand]],
      ['role', (o) => o.profile.roles],
      ['industry', (o) => o.profile.industries],
      ['technology', (o) => o.profile.technologies],
      ['practice', (o) => o.profile.practices],
      ['certification', (o) => o.profile.certifications],
    ];
    const bad: string[] = [];
    for (const org of orgs) {
      for (const [facet, keys] of facetsOf)
        for (const key of keys(org))
          if (key === null || !isFacetValue(facet, key)) bad.push(`${facet}:${key}`);
      if (normalizeDomain(org.profile.domain!) !== org.profile.domain)
        bad.push(`domain:${org.profile.domain}`);
      if (!profileFields.safeParse(org.profile).success) bad.push(`profile:${org.name}`);
      if (org.profile.description.length < 40 || org.profile.services.length > 5)
        bad.push(`text:${org.name}`);
    }
    for (const e of big.ecosystems)
      for (const [facet, keys] of Object.entries(e.filter ?? {}))
        for (const key of keys) if (!isFacetValue(facet as Facet, key)) bad.push(`filter ${facet}:${key}`);
    expect(bad).toEqual([]);
  });

  test('domains and slugs are unique', () => {
    expect(new Set(orgs.map((o) => o.profile.domain)).size).toBe(orgs.length);
    expect(new Set(orgs.map((o) => o.slug)).size).toBe(orgs.length);
    expect(new Set(orgs.map((o) => o.id)).size).toBe(orgs.length);
    expect(new Set(big.ecosystems.map((e) => e.slug)).size).toBe(big.ecosystems.length);
  });

  test('looks like the IT channel: US share, roles, sizes, listing, activity', () => {
    const us = share(orgs, (o) => o.profile.hqCountry === 'US');
    expect(us).toBeGreaterThan(0.2);
    expect(us).toBeLessThan(0.4);
    const vendors = share(orgs, (o) => o.profile.roles[0] === 'vendor');
    expect(vendors).toBeGreaterThan(0.002);
    expect(vendors).toBeLessThan(0.012);
    expect(
      share(orgs, (o) =>
        ['reseller', 'msp', 'systems-integrator', 'referral-partner'].includes(o.profile.roles[0]!),
      ),
    ).toBeGreaterThan(0.55);
    expect(
      share(orgs, (o) => o.profile.sizeBand === '1-10' || o.profile.sizeBand === '11-50'),
    ).toBeGreaterThan(0.55);
    const listed = share(orgs, (o) => o.profile.listed);
    expect(listed).toBeGreaterThan(0.95);
    expect(listed).toBeLessThan(0.99);
    const activities = orgs.reduce((n, o) => n + o.activities.length, 0);
    expect(activities / orgs.length).toBeLessThanOrEqual(6);
    const recent = share(
      orgs,
      (o) => !!o.lastActiveAt && o.lastActiveAt.getTime() > NOW.getTime() - 90 * DAY,
    );
    expect(recent).toBeGreaterThan(0.45);
    expect(recent).toBeLessThan(0.65);
    expect(share(orgs, (o) => o.lastActiveAt === null)).toBeGreaterThan(0.05);
    const oldest = Math.min(...orgs.flatMap((o) => o.activities.map((a) => a.occurredAt.getTime())));
    expect(oldest).toBeGreaterThanOrEqual(NOW.getTime() - 541 * DAY);
  });

  test('facets are correlated: Nordic MSPs run security operations more often than others', () => {
    const nordicMsps = orgs.filter(
      (o) => NORDICS.includes(o.profile.hqCountry!) && o.profile.roles.includes('msp'),
    );
    const others = orgs.filter((o) => !NORDICS.includes(o.profile.hqCountry!));
    expect(nordicMsps.length).toBeGreaterThan(50);
    const security = (o: GeneratedOrganization) => o.profile.practices.includes('security-operations');
    expect(share(nordicMsps, security)).toBeGreaterThan(share(others, security) * 1.5);
    const aws = (o: GeneratedOrganization) => o.profile.technologies.includes('aws');
    const usIntegrators = orgs.filter(
      (o) => o.profile.hqCountry === 'US' && o.profile.roles[0] === 'systems-integrator',
    );
    const nordic = orgs.filter((o) => NORDICS.includes(o.profile.hqCountry!));
    expect(share(usIntegrators, aws)).toBeGreaterThan(share(nordic, aws));
  });

  test('ecosystems: vendor programs with 1–3% of organizations, chapters, a members-only network, pending rows', () => {
    const byName = new Map(big.ecosystems.map((e) => [e.name, e]));
    const programs = big.ecosystems.filter((e) => e.name.endsWith('Partner Network'));
    expect(programs.length).toBeGreaterThanOrEqual(6);
    for (const program of programs) {
      expect(program).toMatchObject({ hubOrganizationId: program.organizationId, joinPolicy: 'approval' });
      const explicit = big.memberships.filter((m) => m.ecosystemId === program.id).length;
      expect(explicit / orgs.length).toBeGreaterThan(0.01);
      expect(explicit / orgs.length).toBeLessThan(0.03);
    }
    const association = byName.get('Partner Association')!;
    expect(association).toMatchObject({ visibility: 'public', joinPolicy: 'open' });
    expect(byName.get('Partner Association — Nordics chapter')?.parentId).toBe(association.id);
    expect(byName.get('Partner Association — UK & Ireland chapter')?.parentId).toBe(association.id);
    const women = byName.get('Women in Channel')!;
    expect(women).toMatchObject({ visibility: 'members', joinPolicy: 'approval' });
    expect(byName.get('Women in Channel — Nordics chapter')?.parentId).toBe(women.id);
    expect(big.ecosystems.some((e) => e.joinPolicy === 'invite')).toBe(true);
    expect(byName.get('Latin America partners')).toMatchObject({
      organizationId: null,
      filter: { region: ['419'] },
    });
    expect(byName.get('Nordic security MSPs')?.filter).toMatchObject({ role: ['msp'] });
    expect(big.memberships.some((m) => m.status === 'requested' && m.message)).toBe(true);
    expect(big.memberships.some((m) => m.status === 'invited')).toBe(true);
    const seen = new Set<string>();
    for (const m of big.memberships) {
      const key = `${m.ecosystemId} ${m.organizationId}`;
      expect(seen.has(key)).toBe(false);
      seen.add(key);
    }
  });
});

describe('loadGenerated', () => {
  let h: TestApp;
  beforeAll(async () => {
    h = await createTestApp();
  });
  afterAll(() => h?.close());

  test('2,000 organizations load with COPY: row counts match and last activity is stamped', async () => {
    const expected = generate(2000);
    const progress: number[] = [];
    const result = await loadGenerated(h.ctx.database, {
      orgs: 2000,
      seed: 42,
      now: NOW,
      chunkSize: 800,
      onProgress: (p) => progress.push(p.organizations),
    });
    // One report per committed chunk (on PostgreSQL two chunks are copied at once, in any order).
    expect(progress).toHaveLength(3);
    expect(progress.at(-1)).toBe(2000);
    const activities = expected.organizations.reduce((n, o) => n + o.activities.length, 0);
    expect(result.rows).toEqual({
      organization: 2000,
      organization_profile: 2000,
      activity: activities,
      ecosystem: expected.ecosystems.length,
      ecosystem_member: expected.memberships.length,
    });
    const count = async (sql: string) => Number((await h.ctx.database.executeSql(sql)).rows[0]!.n);
    expect(await count(`SELECT count(*) AS n FROM organization_profile WHERE source = 'generated'`)).toBe(
      2000,
    );
    expect(await count(`SELECT count(*) AS n FROM activity WHERE source = 'generator'`)).toBe(activities);
    expect(await count('SELECT count(*) AS n FROM ecosystem')).toBe(expected.ecosystems.length);
    expect(await count('SELECT count(*) AS n FROM ecosystem_member')).toBe(expected.memberships.length);

    const stamped = rowsOf<{ organization_id: string; last_active_at: Date | string | null }>(
      await h.ctx.db.execute('SELECT organization_id, last_active_at FROM directory_entry'),
    );
    const latest = new Map(stamped.map((r) => [r.organization_id, r.last_active_at]));
    for (const org of expected.organizations) {
      const at = latest.get(org.id);
      expect(at === null ? null : new Date(at!).getTime()).toBe(org.lastActiveAt?.getTime() ?? null);
    }
  });

  test('a second load avoids the slugs and domains already taken', async () => {
    const result = await loadGenerated(h.ctx.database, { orgs: 300, seed: 42, now: NOW });
    expect(result.rows.organization).toBe(300);
    const count = async (sql: string) => Number((await h.ctx.database.executeSql(sql)).rows[0]!.n);
    expect(await count('SELECT count(DISTINCT slug) AS n FROM organization')).toBe(2300);
    expect(await count('SELECT count(DISTINCT domain) AS n FROM organization_profile')).toBe(2300);
  });
});
