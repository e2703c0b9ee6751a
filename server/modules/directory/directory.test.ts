import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FACETS } from '../../../common/taxonomy/index.ts';
import { loadGenerated } from '../../seed/bulk-load.ts';
import { addMember, browserHeaders, createOrg, signInCookie, type TestMember } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { normalizeDomain, searchWords } from './directory.text.ts';

describe('normalizeDomain', () => {
  test('keeps the registrable domain of addresses and host names', () => {
    expect(normalizeDomain('https://www.Contoso.com/partners?x=1')).toBe('contoso.com');
    expect(normalizeDomain('shop.fabrikam.co.uk')).toBe('fabrikam.co.uk');
    expect(normalizeDomain('nordlys.se')).toBe('nordlys.se');
  });
  test('rejects what is not a public web domain', () => {
    for (const bad of [
      'localhost',
      '10.0.0.1',
      'not a domain',
      'contoso',
      'contoso.invalidtld',
      '',
      'a@b.com x',
    ])
      expect(normalizeDomain(bad), bad).toBeNull();
  });
});

test('search words are folded: lowercase, no accents, no punctuation', () => {
  expect(searchWords("Société Générale's IT-Services & Co.")).toEqual([
    'societe',
    'generale',
    's',
    'it',
    'services',
    'co',
  ]);
});

interface Seed {
  name: string;
  domain: string;
  description?: string;
  countries?: string[];
  roles?: string[];
  technologies?: string[];
  practices?: string[];
  industries?: string[];
  languages?: string[];
  sizeBand?: string;
}

const ORGS: Seed[] = [
  {
    name: 'Contoso',
    domain: 'contoso-test.com',
    description: 'Cloud software vendor',
    roles: ['vendor'],
    countries: ['US'],
  },
  {
    name: 'Contoso Cloud Partners',
    domain: 'contosopartners.com',
    description: 'Reseller of Contoso cloud',
    roles: ['reseller'],
    countries: ['US', 'CA'],
  },
  {
    name: 'Société Générale Informatique',
    domain: 'sgi-test.fr',
    description: 'Intégrateur de systèmes à Paris',
    roles: ['systems-integrator'],
    countries: ['FR'],
    languages: ['fr'],
  },
  {
    name: 'Nordlys Security',
    domain: 'nordlys-test.se',
    description: 'Managed security for Nordic hospitals',
    roles: ['msp'],
    countries: ['SE', 'NO'],
    practices: ['security-operations'],
    technologies: ['microsoft-security'],
    sizeBand: '11-50',
  },
  {
    name: 'Fjord Secure',
    domain: 'fjordsecure.no',
    description: 'Security operations centre',
    roles: ['msp'],
    countries: ['NO'],
    practices: ['security-operations'],
    technologies: ['crowdstrike'],
    sizeBand: '11-50',
  },
  {
    name: 'Helsinki Modern Work',
    domain: 'hmw-test.fi',
    description: 'Microsoft 365 migrations',
    roles: ['msp', 'reseller'],
    countries: ['FI'],
    technologies: ['microsoft-365'],
    practices: ['modern-work'],
    sizeBand: '51-200',
  },
  {
    name: 'Berlin Data Crew',
    domain: 'bdc-test.de',
    description: 'Data platforms and analytics',
    roles: ['systems-integrator'],
    countries: ['DE', 'AT', 'CH'],
    technologies: ['databricks', 'snowflake'],
    practices: ['data-analytics'],
    sizeBand: '51-200',
  },
];

describe('find a partner', () => {
  let h: TestApp;
  let owner: TestMember;
  const ids = new Map<string, string>();
  const search = async (query: string) => {
    const res = await h.as(owner.token).get(`/api/v1/directory?${query}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return res.body as {
      data: { id: string; name: string }[];
      total: number;
      nextCursor: string | null;
      facets: Record<string, { key: string; count: number }[]>;
    };
  };
  const names = async (query: string) => (await search(query)).data.map((d) => d.name);

  beforeAll(async () => {
    h = await createTestApp();
    owner = await createOrg(h, 'Searcher Org');
    for (const org of ORGS) {
      const res = await h.as(owner.token).post('/api/v1/directory', org);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      ids.set(org.name, res.body.id);
    }
  });
  afterAll(() => h?.close());

  test('a typo still finds the organization', async () => {
    expect(await names('q=Contso')).toContain('Contoso');
    expect(await names('q=Nordlis')).toContain('Nordlys Security');
    expect(await names('q=secruity')).toEqual(expect.arrayContaining(['Nordlys Security', 'Fjord Secure']));
  });

  test('prefixes match while typing', async () => {
    expect(await names('q=Helsi')).toEqual(['Helsinki Modern Work']);
    expect(await names('q=data%20plat')).toEqual(['Berlin Data Crew']);
  });

  test('accents do not matter, either way', async () => {
    expect(await names('q=societe%20generale')).toEqual(['Société Générale Informatique']);
    expect((await names(`q=${encodeURIComponent('intégrateur')}`))[0]).toBe('Société Générale Informatique');
    expect((await names('q=integrateur'))[0]).toBe('Société Générale Informatique');
  });

  test('an exact name ranks first, ahead of names that only contain it', async () => {
    const found = await names('q=contoso');
    expect(found[0]).toBe('Contoso');
    expect(found).toContain('Contoso Cloud Partners');
  });

  test('searches descriptions, services and technology labels too', async () => {
    expect(await names('q=hospitals')).toEqual(['Nordlys Security']);
    expect(await names('q=crowdstrike')).toEqual(['Fjord Secure']);
  });

  test('facets filter: any value within a facet, all facets together', async () => {
    expect((await names('country=NO')).sort()).toEqual(['Fjord Secure', 'Nordlys Security']);
    expect((await names('country=NO,FI&role=msp')).sort()).toEqual([
      'Fjord Secure',
      'Helsinki Modern Work',
      'Nordlys Security',
    ]);
    expect(await names('country=NO&country=FI&role=reseller')).toEqual(['Helsinki Modern Work']);
    expect((await names('region=154&practice=security-operations')).sort()).toEqual([
      'Fjord Secure',
      'Nordlys Security',
    ]);
    expect(await names('q=security&country=SE')).toEqual(['Nordlys Security']);
  });

  test('facet counts equal a brute-force count over the same data', async () => {
    const profiles = await h.ctx.db.execute(sql`SELECT facet_keys FROM organization_profile WHERE listed`);
    const all = (profiles as unknown as { rows: { facet_keys: string[] }[] }).rows.map(
      (r) => new Set(r.facet_keys),
    );
    const queries: Record<string, string[]>[] = [
      {},
      { role: ['msp'] },
      { role: ['msp', 'systems-integrator'], size: ['51-200'] },
      { region: ['154'], technology: ['crowdstrike', 'microsoft-365'] },
    ];
    for (const filters of queries) {
      const matches = (keys: Set<string>, skip?: string) =>
        Object.entries(filters).every(([f, vals]) => f === skip || vals.some((v) => keys.has(`${f}:${v}`)));
      const qs = Object.entries(filters)
        .map(([f, v]) => `${f}=${v.join(',')}`)
        .join('&');
      const result = await search(qs);
      expect(result.total).toBe(all.filter((k) => matches(k)).length);
      for (const facet of FACETS) {
        const expected = new Map<string, number>();
        for (const keys of all.filter((k) => matches(k, facet)))
          for (const k of keys)
            if (k.startsWith(`${facet}:`))
              expected.set(k.slice(facet.length + 1), (expected.get(k.slice(facet.length + 1)) ?? 0) + 1);
        const got = new Map(result.facets[facet]!.filter((c) => c.count > 0).map((c) => [c.key, c.count]));
        expect(got, `${qs} ${facet}`).toEqual(expected);
      }
    }
  });

  test('cursor paging walks every hit once, in order', async () => {
    const full = await search('role=msp,reseller,systems-integrator,vendor&limit=100');
    const seen: string[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page = await search(
        `role=msp,reseller,systems-integrator,vendor&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(page.data.length).toBeLessThanOrEqual(2);
      seen.push(...page.data.map((d) => d.id));
      cursor = page.nextCursor;
    }
    expect(seen).toEqual(full.data.map((d) => d.id));
    expect(seen.length).toBe(full.total);
  });

  test('typo tolerant queries page with a cursor too', async () => {
    const first = await search('q=contoso&limit=1');
    expect(first.nextCursor).not.toBeNull();
    const second = await search(`q=contoso&limit=1&cursor=${first.nextCursor}`);
    expect(second.data[0]!.name).toBe('Contoso Cloud Partners');
  });

  test('bad input is a clear 400, never a 500', async () => {
    const bad = async (query: string, code = 400) => {
      const res = await h.as(owner.token).get(`/api/v1/directory?${query}`);
      expect(res.status, `${query}: ${JSON.stringify(res.body)}`).toBe(code);
      return res.body;
    };
    expect((await bad('country=XX')).error.message).toMatch(/country/);
    await bad('technology=not-a-thing');
    await bad('colour=blue');
    await bad(`q=${'a'.repeat(201)}`);
    await bad('q=%25%25%25');
    await bad(`q=${encodeURIComponent('.*(')}`);
    await bad('cursor=not-a-cursor');
    await bad('limit=0');
    for (const q of [
      "'; DROP TABLE organization; --",
      'a & b | !c',
      'con:*',
      '.*(contoso',
      '\\x',
      '100% _x_',
    ]) {
      const res = await h.as(owner.token).get(`/api/v1/directory?q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
    }
  });
});

describe('profiles', () => {
  let h: TestApp;
  let owner: TestMember;
  let finance: TestMember;
  let other: TestMember;
  beforeAll(async () => {
    h = await createTestApp();
    owner = await createOrg(h, 'Profile Owner Co');
    finance = await addMember(h, owner.orgId, 'finance');
    other = await createOrg(h, 'Other Co');
  });
  afterAll(() => h?.close());

  test('owners edit their profile; everyone reads it; the change is searchable and recorded', async () => {
    const res = await h.as(owner.token).patch('/api/v1/directory/profile', {
      name: 'Profile Owner Group',
      domain: 'https://www.profile-owner.com/about',
      description: 'Kubernetes platform engineering',
      countries: ['DK'],
      roles: ['systems-integrator'],
      foundedYear: 2011,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({
      name: 'Profile Owner Group',
      domain: 'profile-owner.com',
      canEdit: true,
    });
    const seen = await h.as(other.token).get(`/api/v1/directory/${owner.orgId}`);
    expect(seen.body).toMatchObject({ description: 'Kubernetes platform engineering', canEdit: false });
    const found = await h.as(other.token).get('/api/v1/directory?q=kubernetes');
    expect(found.body.data.map((d: { name: string }) => d.name)).toEqual(['Profile Owner Group']);
    const activity = await h.as(owner.token).get('/api/v1/activity');
    expect(activity.body.data[0]).toMatchObject({ kind: 'profile.updated', source: 'directory' });
  });

  test('other roles cannot edit it', async () => {
    const res = await h.as(finance.token).patch('/api/v1/directory/profile', { description: 'hijacked' });
    expect(res.status).toBe(403);
  });

  test('invalid values are refused with the field named', async () => {
    const bad = async (body: object) => {
      const res = await h.as(owner.token).patch('/api/v1/directory/profile', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      return res.body.error.details.issues[0].path as string;
    };
    expect(await bad({ domain: 'not a domain' })).toBe('body.domain');
    expect(await bad({ domain: '192.168.0.1' })).toBe('body.domain');
    expect(await bad({ countries: ['SE', 'XX'] })).toBe('body.countries.1');
    expect(await bad({ foundedYear: 3000 })).toBe('body.foundedYear');
    expect(await bad({ logoUrl: 'javascript:alert(1)' })).toBe('body.logoUrl');
    expect(await bad({ sizeBand: 'huge' })).toBe('body.sizeBand');
  });

  test('two organizations added at once with the same domain: one is created, the other is a 409', async () => {
    const add = () =>
      h.as(owner.token).post('/api/v1/directory', { name: 'Racer', domain: 'racer.example.com' });
    const statuses = (await Promise.all([add(), add(), add()])).map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409]);
  });

  test('a domain belongs to one organization', async () => {
    const res = await h.as(other.token).patch('/api/v1/directory/profile', { domain: 'profile-owner.com' });
    expect(res.status).toBe(409);
  });

  test('an unlisted profile disappears from the directory for others, not for its own organization', async () => {
    await h
      .as(other.token)
      .patch('/api/v1/directory/profile', { listed: false, description: 'Quiet company' });
    expect((await h.as(owner.token).get(`/api/v1/directory/${other.orgId}`)).status).toBe(404);
    expect((await h.as(owner.token).get('/api/v1/directory?q=quiet')).body.total).toBe(0);
    expect((await h.as(other.token).get('/api/v1/directory?q=quiet')).body.total).toBe(1);
    expect((await h.as(other.token).get('/api/v1/directory/profile')).body.listed).toBe(false);
  });
});

describe('claiming an organization without users', () => {
  let h: TestApp;
  let adder: TestMember;
  let orgId: string;
  const claimer = async (email: string, verified: boolean) => {
    await h.ctx.auth.api.signUpEmail({ body: { name: 'Claimer', email, password: 'a-long-password-3' } });
    if (verified) await h.ctx.db.execute(sql`UPDATE "user" SET email_verified = true WHERE email = ${email}`);
    return browserHeaders(h, await signInCookie(h, email, 'a-long-password-3'));
  };
  const claim = async (headers: Record<string, string>) =>
    h.app.inject({ method: 'POST', url: `/api/v1/directory/${orgId}/claim`, headers, payload: {} });

  beforeAll(async () => {
    h = await createTestApp();
    adder = await createOrg(h, 'Adder Co');
    const res = await h
      .as(adder.token)
      .post('/api/v1/directory', { name: 'Claimable Ltd', domain: 'claimable.co.uk' });
    orgId = res.body.id;
    expect(res.body).toMatchObject({ claimable: true, source: 'added' });
  });
  afterAll(() => h?.close());

  test('an unverified address cannot claim', async () => {
    const res = await claim(await claimer('someone@claimable.co.uk', false));
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toMatch(/Verify/);
  });

  test('a verified address at another domain cannot claim', async () => {
    const res = await claim(await claimer('someone@elsewhere.com', true));
    expect(res.statusCode).toBe(403);
    expect(res.json().error.message).toMatch(/claimable\.co\.uk/);
  });

  test('a verified address at the domain claims it and becomes owner; a second claim is refused', async () => {
    const headers = await claimer('boss@mail.claimable.co.uk', true);
    const res = await claim(headers);
    expect(res.statusCode, res.body).toBe(200);
    const me = await h.app.inject({ method: 'GET', url: '/api/v1/me', headers });
    expect(me.json().organizations).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: orgId, role: 'owner' })]),
    );
    const again = await claim(await claimer('deputy@claimable.co.uk', true));
    expect(again.statusCode).toBe(409);
    const profile = await h.as(adder.token).get(`/api/v1/directory/${orgId}`);
    expect(profile.body.claimable).toBe(false);
  });
});

describe('broad searches over thousands of organizations', () => {
  let h: TestApp;
  let viewer: TestMember;
  beforeAll(async () => {
    h = await createTestApp();
    viewer = await createOrg(h, 'Broad Viewer');
    // More entries than the ~10,000 a sample reads, so broad counts are estimated.
    await loadGenerated(h.ctx.database, { orgs: 12_000, seed: 11, now: new Date() });
    await h.ctx.db.execute(sql`ANALYZE directory_entry`);
  });
  afterAll(() => h?.close());

  const brute = async (where: ReturnType<typeof sql>) =>
    Number(
      (
        (await h.ctx.db.execute(
          sql`SELECT count(*)::int AS n FROM directory_entry p WHERE p.listed AND ${where}`,
        )) as unknown as {
          rows: { n: number }[];
        }
      ).rows[0]!.n,
    );

  test('estimates totals and counts of big results, close to the real numbers', async () => {
    const res = await h.as(viewer.token).get('/api/v1/directory?role=msp,reseller,systems-integrator');
    const real = await brute(
      sql`p.facet_keys && ARRAY['role:msp','role:reseller','role:systems-integrator']`,
    );
    expect(real).toBeGreaterThan(2_000);
    expect(res.body.approximate).toBe(true);
    expect(Math.abs(res.body.total - real) / real).toBeLessThan(0.3);
  });

  test('pages of a broad word query are disjoint and in tier, then name order', async () => {
    const word = 'cloud';
    const real = await brute(sql`p.search_vector @@ to_tsquery('simple', ${`${word}:*`})`);
    expect(real).toBeGreaterThan(2_000);
    const seen = new Set<string>();
    let cursor: string | null = null;
    let previous: string | undefined;
    for (let page = 0; page < 5; page++) {
      const res = await h
        .as(viewer.token)
        .get(`/api/v1/directory?q=${word}&limit=50${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      for (const hit of res.body.data as { id: string; name: string }[]) {
        expect(seen.has(hit.id)).toBe(false);
        seen.add(hit.id);
      }
      cursor = res.body.nextCursor;
      if (page === 0) previous = res.body.data[0].name;
    }
    expect(seen.size).toBe(250);
    // Names containing the word come before organizations that only mention it.
    expect(previous?.toLowerCase()).toContain(word);
  });
});
