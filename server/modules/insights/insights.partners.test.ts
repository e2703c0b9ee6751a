import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rowsOf } from '../../db/client.ts';
import { addMember, createOrg, partnerUp, type TestMember } from '../../test/factories.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { seedAccounts } from '../accounts/accounts.matrix.fixtures.ts';
import { ensurePair } from '../accounts/index.ts';
import { referral } from '../ledger/ledger.fixtures.ts';
import { refreshRecommendations, topRecommendations } from './insights.recommend.ts';
import { fixtureDeal, fixtureOrg, fixturePartnership } from './insights.trust.fixtures.ts';
import { recomputeAllTrust } from './insights.trust.update.ts';

const DAY = 86_400_000;

async function setProfile(
  h: TestApp,
  orgId: string,
  p: {
    countries: string[];
    industries: string[];
    technologies?: string[];
    practices?: string[];
    listed?: boolean;
  },
) {
  const arr = (v?: string[]) => sql`${`{${(v ?? []).join(',')}}`}::text[]`;
  const keys = [
    ...p.countries.map((c) => `country:${c}`),
    ...p.industries.map((i) => `industry:${i}`),
    ...(p.technologies ?? []).map((t) => `technology:${t}`),
    ...(p.practices ?? []).map((x) => `practice:${x}`),
  ];
  await h.ctx.db.execute(sql`
    insert into organization_profile (organization_id, countries, industries, technologies, practices, listed, facet_keys)
    values (${orgId}, ${arr(p.countries)}, ${arr(p.industries)}, ${arr(p.technologies)}, ${arr(p.practices)},
            ${p.listed ?? true}, ${arr(keys)})
    on conflict (organization_id) do update set countries = excluded.countries, industries = excluded.industries,
      technologies = excluded.technologies, practices = excluded.practices, listed = excluded.listed,
      facet_keys = excluded.facet_keys`);
}

describe('insights: partners, trust and recommendations', () => {
  let h: TestApp;
  let me: TestMember;
  let sales: TestMember;
  let partner: TestMember;
  let sharer: TestMember;
  let hider: TestMember;
  let hostile: TestMember;
  let complement: string;

  beforeAll(async () => {
    h = await createTestApp();
    me = await createOrg(h, 'Me Corp');
    sales = await addMember(h, me.orgId, 'sales');
    partner = await createOrg(h, '=Partner Formula');
    sharer = await createOrg(h, 'Sharer');
    hider = await createOrg(h, 'Hider');
    hostile = await createOrg(h, 'Hostile');
    await partnerUp(h, me, partner);
    await partnerUp(h, me, sharer);
    await partnerUp(h, me, hider);
    await partnerUp(h, hostile, partner);
  });
  afterAll(() => h?.close());

  test('a deal move through the API updates the pair’s trust (the incremental hook)', async () => {
    await referral(h, partner, me, ['accepted', 'won'], { amountMinor: 500_000 });
    const rows = rowsOf<{ score: number }>(
      await h.ctx.db.execute(
        sql`select score from trust_score where organization_id = ${me.orgId} and partner_id = ${partner.orgId}`,
      ),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.score).toBeGreaterThan(0);
  });

  test('efficiency numbers against a fixture: won value per cycle day and per touch', async () => {
    const db = h.ctx.db;
    // Sharer sent me a referral 10 days ago that I won 4 days ago: 6 cycle days, 3 events (sent, accepted, won).
    await fixtureDeal(db, {
      kind: 'referral',
      from: sharer.orgId,
      to: me.orgId,
      status: 'won',
      wonAmountMinor: 60_000,
      sentDaysAgo: 10,
      answeredAfterHours: 1,
      closedDaysAgo: 4,
      events: [
        { to: 'accepted', daysAgo: 9 },
        { to: 'won', daysAgo: 4 },
      ],
    });
    // And one open registration of mine with them: 1 more touch, 1 open deal.
    await fixtureDeal(db, {
      kind: 'registration',
      from: me.orgId,
      to: sharer.orgId,
      status: 'submitted',
      sentDaysAgo: 1,
    });
    const res = await h.as(sales.token).get('/api/v1/insights/partners?sort=efficiency_day');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const row = res.body.data.find((r: { partner: { id: string } }) => r.partner.id === sharer.orgId);
    expect(row).toMatchObject({
      wonDeals: 1,
      openDeals: 1,
      wonValue: { amountMinor: 60_000, currency: 'EUR' },
      cycleDays: 6,
      touches: 4,
      revenuePerCycleDay: { amountMinor: 10_000, currency: 'EUR' },
      revenuePerTouch: { amountMinor: 15_000, currency: 'EUR' },
    });
    // Hider has no deals: no efficiency, sorted after every partner with one (ties by id).
    const efficiency = res.body.data.map((r: { revenuePerCycleDay: unknown }) => r.revenuePerCycleDay);
    const firstNull = efficiency.indexOf(null);
    expect(firstNull).toBeGreaterThan(0);
    expect(efficiency.slice(firstNull).every((v: unknown) => v === null)).toBe(true);
    const hiderRow = res.body.data.findIndex(
      (r: { partner: { id: string } }) => r.partner.id === hider.orgId,
    );
    expect(hiderRow).toBeGreaterThanOrEqual(firstNull);
    // Only my partners: the hostile organization's partnership with Partner is not mine.
    expect(res.body.data.map((r: { partner: { id: string } }) => r.partner.id).sort()).toEqual(
      [partner.orgId, sharer.orgId, hider.orgId].sort(),
    );
  });

  test('pages follow the cursor; bad input is a 400', async () => {
    const first = await h.as(me.token).get('/api/v1/insights/partners?sort=won&limit=2');
    expect(first.body.data).toHaveLength(2);
    const next = await h
      .as(me.token)
      .get(`/api/v1/insights/partners?sort=won&limit=2&cursor=${first.body.nextCursor}`);
    expect(next.body.data).toHaveLength(1);
    expect(next.body.nextCursor).toBeNull();
    for (const url of [
      '/api/v1/insights/partners?sort=vibes',
      '/api/v1/insights/partners?order=sideways',
      '/api/v1/insights/partners?region=EU',
      '/api/v1/insights/partners?cursor=bm9wZQ',
      '/api/v1/insights/partners/export.csv?sort=vibes',
      '/api/v1/insights/recommendations?limit=500',
    ])
      expect((await h.as(me.token).get(url)).status, url).toBe(400);
  });

  test('the CSV export is formula-safe', async () => {
    const res = await h.as(me.token).get('/api/v1/insights/partners/export.csv?sort=trust');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(String(res.body)).toContain("'=Partner Formula");
    expect(String(res.body).split('\n')[0]).toContain('revenue_per_cycle_day');
  });

  test('trust explains every factor; another organization’s partner is 404', async () => {
    const res = await h.as(me.token).get(`/api/v1/insights/trust/${partner.orgId}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.factors.map((f: { key: string }) => f.key)).toEqual([
      'reciprocity',
      'wonValue',
      'winRate',
      'responsiveness',
      'reliability',
      'recency',
      'tenure',
    ]);
    expect(res.body.factors.reduce((s: number, f: { weight: number }) => s + f.weight, 0)).toBe(100);
    expect(res.body.factors[0].raw).toEqual({ wonToPartner: 0, wonFromPartner: 1 });
    expect(res.body.model.halfLifeDays).toBe(180);
    // The hostile organization is Partner's partner, not mine; it cannot read my pair either.
    expect((await h.as(hostile.token).get(`/api/v1/insights/trust/${me.orgId}`)).status).toBe(404);
    expect((await h.as(me.token).get(`/api/v1/insights/trust/${hostile.orgId}`)).status).toBe(404);
    expect((await h.as(me.token).get(`/api/v1/insights/trust/${me.orgId}`)).status).toBe(404);
    expect((await h.as(me.token).get('/api/v1/insights/trust/no-such-org')).status).toBe(404);
  });

  describe('recommendations', () => {
    let trusted: string[];
    let pathTarget: string;
    let lonePath: string;

    beforeAll(async () => {
      const db = h.ctx.db;
      await setProfile(h, me.orgId, {
        countries: ['DE', 'AT'],
        industries: ['finance'],
        technologies: ['aws'],
      });
      complement = await fixtureOrg(db, 'Complement');
      await setProfile(h, complement, {
        countries: ['DE'],
        industries: ['finance'],
        technologies: ['aws', 'kubernetes'],
      });
      // Same technologies: no complementary coverage.
      const twin = await fixtureOrg(db, 'Twin');
      await setProfile(h, twin, { countries: ['DE'], industries: ['finance'], technologies: ['aws'] });
      // Unlisted: never recommended by name.
      const hidden = await fixtureOrg(db, 'Unlisted');
      await setProfile(h, hidden, {
        countries: ['DE'],
        industries: ['finance'],
        technologies: ['gcp'],
        listed: false,
      });
      // Three trusted partners of mine (won deals both ways), two of whom work with pathTarget, one with lonePath.
      trusted = [];
      for (const name of ['T1', 'T2', 'T3']) {
        const t = await fixtureOrg(db, name);
        await fixturePartnership(db, me.orgId, t, { daysAgo: 800 });
        for (const [from, to] of [
          [me.orgId, t],
          [t, me.orgId],
        ] as const)
          for (let i = 0; i < 3; i++)
            await fixtureDeal(db, {
              kind: 'referral',
              from,
              to,
              status: 'won',
              wonAmountMinor: 50_000_000,
              sentDaysAgo: 20,
              answeredAfterHours: 1,
              dueAfterHours: 100,
              closedDaysAgo: 5,
              events: [
                { to: 'accepted', daysAgo: 19 },
                { to: 'won', daysAgo: 5 },
              ],
            });
        trusted.push(t);
      }
      pathTarget = await fixtureOrg(db, 'Path Target');
      await setProfile(h, pathTarget, { countries: ['FR'], industries: ['retail'] });
      await fixturePartnership(db, trusted[0]!, pathTarget);
      await fixturePartnership(db, pathTarget, trusted[1]!);
      lonePath = await fixtureOrg(db, 'Lone Path');
      await setProfile(h, lonePath, { countries: ['FR'], industries: ['retail'] });
      await fixturePartnership(db, trusted[2]!, lonePath);
      // Shared accounts: Sharer shares its customers at counts, Hider keeps them hidden (no row).
      const mine = await seedAccounts(h, me, [
        { name: 'Acme', domain: 'acme.com', pops: ['customers'] },
        { name: 'Globex', domain: 'globex.com', pops: ['customers'] },
        { name: 'Initech', domain: 'initech.com', pops: ['customers'] },
      ]);
      const theirs = await seedAccounts(h, sharer, [
        { name: 'Acme', domain: 'acme.com', pops: ['customers'] },
        { name: 'Globex', domain: 'globex.com', pops: ['customers', 'prospects'] },
      ]);
      const hid = await seedAccounts(h, hider, [
        { name: 'Acme', domain: 'acme.com', pops: ['customers'] },
        { name: 'Globex', domain: 'globex.com', pops: ['customers'] },
        { name: 'Initech', domain: 'initech.com', pops: ['customers'] },
      ]);
      await ensurePair(db, mine.set.id, theirs.set.id);
      await ensurePair(db, mine.set.id, hid.set.id);
      await db.execute(sql`
        insert into account_sharing (organization_id, partner_id, population_id, level)
        values (${sharer.orgId}, ${me.orgId}, ${theirs.pops.customers!.id}, 'counts')`);
      // What I share with Hider does not make Hider's hidden list count.
      await db.execute(sql`
        insert into account_sharing (organization_id, partner_id, population_id, level)
        values (${me.orgId}, ${hider.orgId}, ${mine.pops.customers!.id}, 'full')`);
      await recomputeAllTrust(db);
      await refreshRecommendations(db);
    });

    const recs = async (who: TestMember = me) => {
      const res = await h.as(who.token).get('/api/v1/insights/recommendations');
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body.data as {
        candidate: { id: string; name: string };
        reasons: { kind: string; text: string }[];
      }[];
    };

    test('complementary coverage, shared accounts and trusted paths, each in plain words', async () => {
      const data = await recs();
      const byId = new Map(data.map((r) => [r.candidate.id, r]));
      expect(byId.get(complement)?.reasons[0]).toEqual({
        kind: 'coverage',
        text: expect.stringMatching(
          /^Works in one of your countries \(Germany\) and one of your industries .*brings what you do not offer: .*/,
        ),
      });
      // The largest overlap with a list Sharer shares (customers: Acme, Globex); its prospects are not shared.
      expect(byId.get(sharer.orgId)?.reasons.filter((r) => r.kind !== 'activity')).toEqual([
        { kind: 'shared_accounts', text: '2 accounts you have are in lists they share with you.' },
      ]);
      const path = byId.get(pathTarget)!;
      expect(path.reasons).toContainEqual({
        kind: 'trusted_paths',
        text: '2 of your most trusted partners work with them.',
      });
      // Counted, never named.
      for (const t of trusted) expect(JSON.stringify(path)).not.toContain(t);
      expect(JSON.stringify(path)).not.toMatch(/T1|T2|T3/);
    });

    test('never from unshared data: hidden lists, unlisted profiles and a single trusted path give nothing', async () => {
      const ids = (await recs()).map((r) => r.candidate.id);
      expect(ids).not.toContain(hider.orgId);
      expect(ids).not.toContain(lonePath);
      expect((await recs()).map((r) => r.candidate.name)).not.toContain('Unlisted');
      expect((await recs()).map((r) => r.candidate.name)).not.toContain('Twin');
      // Raising Sharer's list to overlap keeps the count; dropping it to hidden (no row) removes it.
      await h.ctx.db.execute(sql`delete from account_sharing where organization_id = ${sharer.orgId}`);
      await refreshRecommendations(h.ctx.db, { orgIds: [me.orgId] });
      expect((await recs()).map((r) => r.candidate.id)).not.toContain(sharer.orgId);
    });

    test('dismiss and "not now" are remembered across refreshes; forgetting brings it back', async () => {
      const as = h.as(me.token);
      const put = await as.put(`/api/v1/insights/recommendations/${complement}/feedback`, {
        state: 'dismissed',
      });
      expect(put.status, JSON.stringify(put.body)).toBe(200);
      const until = new Date(Date.now() + 10 * DAY).toISOString();
      const snooze = await as.put(`/api/v1/insights/recommendations/${pathTarget}/feedback`, {
        state: 'snoozed',
        until,
      });
      expect(snooze.body).toMatchObject({ state: 'snoozed', until });
      await refreshRecommendations(h.ctx.db, { orgIds: [me.orgId] });
      const ids = (await recs()).map((r) => r.candidate.id);
      expect(ids).not.toContain(complement);
      expect(ids).not.toContain(pathTarget);
      expect((await topRecommendations(h.ctx.db, me.orgId, 5)).map((r) => r.candidate.id)).not.toContain(
        complement,
      );
      expect((await as.delete(`/api/v1/insights/recommendations/${complement}/feedback`)).status).toBe(204);
      expect((await recs()).map((r) => r.candidate.id)).toContain(complement);
      expect((await as.delete(`/api/v1/insights/recommendations/${complement}/feedback`)).status).toBe(404);
    });

    test('bad feedback is a 400; sales may read but not answer', async () => {
      const as = h.as(me.token);
      const url = `/api/v1/insights/recommendations/${complement}/feedback`;
      const past = new Date(Date.now() - DAY).toISOString();
      const far = new Date(Date.now() + 400 * DAY).toISOString();
      expect((await as.put(url, { state: 'snoozed', until: past })).status).toBe(400);
      expect((await as.put(url, { state: 'snoozed', until: far })).status).toBe(400);
      expect((await as.put(url, { state: 'dismissed', until: far })).status).toBe(400);
      expect((await as.put(url, { state: 'later' })).status).toBe(400);
      expect((await as.put(url, { state: 'dismissed', extra: 1 })).status).toBe(400);
      expect((await h.as(sales.token).get('/api/v1/insights/recommendations')).status).toBe(200);
      expect((await h.as(sales.token).put(url, { state: 'dismissed' })).status).toBe(403);
    });

    test('hostile tenant: sees none of my numbers, and my recommendations are unknown to it', async () => {
      const as = h.as(hostile.token);
      const partners = await as.get('/api/v1/insights/partners');
      expect(partners.body.data.map((r: { partner: { id: string } }) => r.partner.id)).toEqual([
        partner.orgId,
      ]);
      expect(JSON.stringify(partners.body)).not.toContain(me.orgId);
      const csv = await as.get('/api/v1/insights/partners/export.csv');
      expect(String(csv.body)).not.toContain(sharer.orgId);
      expect(JSON.stringify(await recs(hostile))).not.toMatch(new RegExp(`${complement}|${sharer.orgId}`));
      for (const id of [complement, sharer.orgId, pathTarget]) {
        const url = `/api/v1/insights/recommendations/${id}/feedback`;
        expect((await as.put(url, { state: 'dismissed' })).status).toBe(404);
        expect((await as.delete(url)).status).toBe(404);
      }
      // My feedback stayed mine.
      const mine = rowsOf<{ n: number }>(
        await h.ctx.db.execute(
          sql`select count(*)::int as n from recommendation_feedback where organization_id = ${hostile.orgId}`,
        ),
      );
      expect(mine[0]!.n).toBe(0);
      expect((await as.get(`/api/v1/insights/trust/${sharer.orgId}`)).status).toBe(404);
    });
  });
});
