import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { rowsOf } from '../../db/client.ts';
import { createTestApp, type TestApp } from '../../test/harness.ts';
import { fixtureDeal, fixtureOrg, fixturePartnership } from './insights.trust.fixtures.ts';
import { readTrust } from './insights.trust.read.ts';
import { selectPairTrustInput } from './insights.trust.repo.ts';
import { partnershipOnlyScoreSql, scoreTrust } from './insights.trust.ts';
import { recomputeAllTrust, updatePairTrust } from './insights.trust.update.ts';

type Row = {
  organizationId: string;
  partnerId: string;
  score: number;
  factors: Record<string, { value: number; raw: Record<string, unknown> }>;
};

describe('trust: gathered from the database', () => {
  let h: TestApp;
  let a: string;
  let b: string;
  let c: string;
  let d: string;
  let e: string;

  // The stored score, and the explanation as the read path rebuilds it from the stored inputs.
  const rows = async () =>
    Promise.all(
      rowsOf<{ organizationId: string; partnerId: string }>(
        await h.ctx.db.execute(sql`
          select organization_id as "organizationId", partner_id as "partnerId"
            from trust_score order by organization_id, partner_id`),
      ).map(async (r): Promise<Row> => {
        const t = (await readTrust(h.ctx.db, r.organizationId, r.partnerId))!;
        return { ...r, score: t.score, factors: t.factors as unknown as Row['factors'] };
      }),
    );
  const rowOf = async (org: string, partner: string) =>
    (await rows()).find((r) => r.organizationId === org && r.partnerId === partner);

  beforeAll(async () => {
    h = await createTestApp();
    const db = h.ctx.db;
    [a, b, c, d] = (await Promise.all(['Alpha', 'Beta', 'Gamma', 'Delta'].map((n) => fixtureOrg(db, n)))) as [
      string,
      string,
      string,
      string,
    ];
    await fixturePartnership(db, a!, b!, { daysAgo: 365 });
    // A partnership without any deal yet.
    e = await fixtureOrg(db, 'Epsilon');
    await fixturePartnership(db, e, a!, { daysAgo: 292 });
    // 1. A refers B: answered after 1 h… 24 h (on time), accepted, won 1,000.00.
    await fixtureDeal(db, {
      kind: 'referral',
      from: a!,
      to: b!,
      status: 'won',
      wonAmountMinor: 100_000,
      sentDaysAgo: 100,
      answeredAfterHours: 24,
      dueAfterHours: 120,
      closedDaysAgo: 50,
      events: [
        { to: 'accepted', daysAgo: 99 },
        { to: 'won', daysAgo: 50 },
      ],
    });
    // 2. B registers with A: answered exactly at the deadline, approved, won 2,000.00.
    await fixtureDeal(db, {
      kind: 'registration',
      from: b!,
      to: a!,
      status: 'won',
      wonAmountMinor: 200_000,
      sentDaysAgo: 40,
      answeredAfterHours: 48,
      dueAfterHours: 48,
      closedDaysAgo: 10,
      events: [
        { to: 'approved', daysAgo: 38 },
        { to: 'won', daysAgo: 10 },
      ],
    });
    // 3. B registers with A: answered late, approved, expired.
    await fixtureDeal(db, {
      kind: 'registration',
      from: b!,
      to: a!,
      status: 'expired',
      sentDaysAgo: 200,
      answeredAfterHours: 72,
      dueAfterHours: 48,
      closedDaysAgo: 10,
      events: [
        { to: 'approved', daysAgo: 197 },
        { to: 'expired', daysAgo: 10 },
      ],
    });
    // 4. A refers B: declined within the hour.
    await fixtureDeal(db, {
      kind: 'referral',
      from: a!,
      to: b!,
      status: 'declined',
      sentDaysAgo: 30,
      answeredAfterHours: 1,
      dueAfterHours: 120,
      closedDaysAgo: 30,
      events: [{ to: 'declined', daysAgo: 30 }],
    });
    // 5. A refers B: answered late (240 h), accepted, lost.
    await fixtureDeal(db, {
      kind: 'referral',
      from: a!,
      to: b!,
      status: 'lost',
      sentDaysAgo: 60,
      answeredAfterHours: 240,
      dueAfterHours: 120,
      closedDaysAgo: 20,
      events: [
        { to: 'accepted', daysAgo: 50 },
        { to: 'lost', daysAgo: 20 },
      ],
    });
    // 6. A refers B: overdue, unanswered.
    await fixtureDeal(db, {
      kind: 'referral',
      from: a!,
      to: b!,
      status: 'sent',
      sentDaysAgo: 10,
      dueAfterHours: 192,
    });
    // Baselines elsewhere: A won 1 of 2 with C, B won 1 of 4 with D.
    await fixtureDeal(db, {
      kind: 'registration',
      from: c!,
      to: a!,
      status: 'won',
      wonAmountMinor: 5,
      sentDaysAgo: 300,
      answeredAfterHours: 1,
      closedDaysAgo: 290,
    });
    await fixtureDeal(db, {
      kind: 'registration',
      from: c!,
      to: a!,
      status: 'lost',
      sentDaysAgo: 300,
      answeredAfterHours: 1,
      closedDaysAgo: 290,
    });
    await fixtureDeal(db, {
      kind: 'referral',
      from: b!,
      to: d!,
      status: 'won',
      wonAmountMinor: 5,
      sentDaysAgo: 300,
      answeredAfterHours: 1,
      closedDaysAgo: 290,
    });
    for (let i = 0; i < 3; i++)
      await fixtureDeal(db, {
        kind: 'referral',
        from: d!,
        to: b!,
        status: 'lost',
        sentDaysAgo: 300,
        answeredAfterHours: 1,
        closedDaysAgo: 290,
      });
    await recomputeAllTrust(db);
  });
  afterAll(() => h?.close());

  test('every factor of A → B matches the hand-computed fixture', async () => {
    const row = (await rowOf(a, b))!;
    const f = row.factors;
    expect(f.reciprocity).toEqual({ value: 1, raw: { wonToPartner: 1, wonFromPartner: 1 } });
    expect(f.wonValue!.raw).toMatchObject({ currency: 'EUR', valueToPartner: 1000, valueFromPartner: 2000 });
    expect(f.wonValue!.value).toBeCloseTo(0.5795, 4); // log10(3001) / log10(1000001)
    expect(f.winRate!.raw).toMatchObject({
      pairWon: 2,
      pairLost: 1,
      viewerWinRateElsewhere: 0.5,
      partnerWinRateElsewhere: 0.25,
    });
    expect(f.winRate!.raw.baselineWinRate).toBeCloseTo(1 / 3, 4);
    expect(f.winRate!.value).toBeCloseTo(0.5 * (0.5 + 2 / 3 - 1 / 3), 4);
    // B answered deals 1 and 4 on time, 5 late, and 6 is overdue.
    expect(f.responsiveness).toEqual({
      value: 0.5,
      raw: { answeredOnTime: 2, answeredLate: 1, overdueUnanswered: 1, medianAnswerHours: 24 },
    });
    expect(f.reliability).toEqual({ value: 0.6, raw: { closed: 5, declined: 1, expired: 1, withdrawn: 0 } });
    expect(f.recency!.raw.positiveInteractions).toBe(6);
    expect(f.recency!.value).toBeCloseTo(0.9595, 3); // Σ 0.5^(d/180) over 99, 50, 38, 10, 197, 50 days = 4.627
    expect(f.tenure!.value).toBeCloseTo(0.5, 2);
    expect(row.score).toBe(66);
  });

  test("B's row sees A's answers: deal 2 on time, deal 3 late", async () => {
    const row = (await rowOf(b, a))!;
    expect(row.factors.responsiveness!.raw).toEqual({
      answeredOnTime: 1,
      answeredLate: 1,
      overdueUnanswered: 0,
      medianAnswerHours: 60,
    });
    expect(row.score).toBe(66);
  });

  test('the incremental update of a pair equals the full recompute for it', async () => {
    const db = h.ctx.db;
    const before = await rows();
    // A new win both ways, then update only the pair.
    await fixtureDeal(db, {
      kind: 'referral',
      from: b!,
      to: a!,
      status: 'won',
      wonAmountMinor: 7_000_000,
      currency: 'USD',
      sentDaysAgo: 5,
      answeredAfterHours: 2,
      dueAfterHours: 120,
      closedDaysAgo: 1,
      events: [
        { to: 'accepted', daysAgo: 5 },
        { to: 'won', daysAgo: 1 },
      ],
    });
    await updatePairTrust(db, b!, a!);
    const incremental = await rows();
    // Two wins from B against one from A: reciprocity halves (and the USD value cannot be converted).
    const score = (rs: Row[]) => rs.find((r) => r.organizationId === a && r.partnerId === b)!.score;
    expect([score(before), score(incremental)]).toEqual([66, 59]);
    // No EUR→USD rate: the USD win is listed, not guessed.
    expect(
      incremental.find((r) => r.organizationId === a)!.factors.wonValue!.raw.unconvertedCurrencies,
    ).toEqual(['USD']);
    await recomputeAllTrust(db);
    const full = await rows();
    // The pair's rows: same scores, factors and raw numbers (times move on by milliseconds, below the
    // stored precision). Other pairs of A and B see new baselines only from the full recompute.
    const pair = (rs: Row[]) =>
      rs.filter((r) => [a, b].includes(r.organizationId) && [a, b].includes(r.partnerId));
    expect(pair(full)).toHaveLength(2);
    expect(pair(full)).toEqual(pair(incremental));
  });

  test('a rate converts won value into the viewer’s reporting currency', async () => {
    const db = h.ctx.db;
    await db.execute(sql`
      insert into fx_rate (id, organization_id, base, quote, rate_date, rate)
      values (${'fx-test-1'}, ${a}, 'USD', 'EUR', '2020-01-01', 0.5)`);
    await updatePairTrust(db, a, b);
    const raw = (await rowOf(a, b))!.factors.wonValue!.raw;
    expect(raw).toMatchObject({ valueFromPartner: 2000 + 35_000, unconvertedCurrencies: [] });
    // B has no rate: its row still lists USD.
    expect((await rowOf(b, a))!.factors.wonValue!.raw.unconvertedCurrencies).toEqual(['USD']);
  });

  test('only pairs with deals have rows: C and D from their deals, none for unrelated or partnership-only pairs', async () => {
    const all = await rows();
    const pairs = all.map((r) => `${r.organizationId}>${r.partnerId}`);
    expect(pairs).toContain(`${c}>${a}`);
    expect(pairs).toContain(`${d}>${b}`);
    expect(pairs).not.toContain(`${c}>${d}`);
    expect(pairs.filter((p) => p.includes(e))).toEqual([]);
    expect(all).toHaveLength(6);
    // The incremental update writes none for the partnership-only pair either.
    await updatePairTrust(h.ctx.db, a, e);
    expect(await rows()).toHaveLength(6);
  });

  test('a partnership-only pair is scored when read, by its tenure alone, with its baselines shown', async () => {
    const input = (await selectPairTrustInput(h.ctx.db, a, e))!;
    expect(input.partnershipDays).toBeCloseTo(292, 0);
    // All of A's decided deals (with B and C: 4 won of 6) are its baseline; nothing between A and E.
    expect(input).toMatchObject({ pairWon: 0, closed: 0, viewerWonElsewhere: 4, viewerDecidedElsewhere: 6 });
    const scored = scoreTrust(input);
    expect(scored.score).toBe(2); // 5 × 292 ÷ 730
    expect(scored.score).toBe(
      Number(
        rowsOf<{ s: number }>(
          await h.ctx.db.execute(sql`select ${partnershipOnlyScoreSql(sql`292`)} as s`),
        )[0]!.s,
      ),
    );
    expect(await selectPairTrustInput(h.ctx.db, c, d)).toBeUndefined();
  });
});
