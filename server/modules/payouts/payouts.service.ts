import { moneyInput } from '../../../common/money.ts';
import type { AppContext } from '../../context.ts';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { uniqueViolation } from '../../db/violations.ts';
import { AppError, invalidInput, notFound } from '../../errors.ts';
import type { MemberActor } from '../../http/actor.ts';
import { authorize } from '../../http/authorize.ts';
import { toPage } from '../../http/pagination.ts';
import { recordAudit } from '../audit/index.ts';
import { postEntries } from '../ledger/index.ts';
import { notify } from '../notifications/index.ts';
import { selectOrgRefs } from '../organizations/index.ts';
import * as repo from './payouts.repo.ts';
import type { RunPayoutInput } from './payouts.schema.ts';

/** What services that write and notify need. */
export type ServiceContext = Pick<AppContext, 'db' | 'env' | 'jobs' | 'log'>;

const DAY_MS = 86_400_000;
const today = (now = new Date()) => now.toISOString().slice(0, 10);
const unknownOrg = (id: string) => ({ id, name: 'Unknown', slug: '' });

/** Minor units as a decimal string in major units ("-12.50"), no grouping. */
export const majorUnits = (amountMinor: number, currency: string) =>
  `${amountMinor < 0 ? '-' : ''}${moneyInput(Math.abs(amountMinor), currency)}`;
const showMoney = (amountMinor: number, currency: string) =>
  `${majorUnits(amountMinor, currency)} ${currency}`;

const alreadyRun = (existing: repo.PayoutRow) =>
  new AppError('already_exists', `A payout for the period ending ${existing.periodEnd} was already run`, {
    payoutId: existing.id,
  });

type Totals = Map<string, Map<string, number>>;

/** Adds `amount` to `totals[key][currency]`. */
function add(totals: Totals, key: string, currency: string, amount: number) {
  const perCurrency = totals.get(key) ?? new Map<string, number>();
  perCurrency.set(currency, (perCurrency.get(currency) ?? 0) + amount);
  totals.set(key, perCurrency);
}

const sortedMoney = (perCurrency: Map<string, number> | undefined) =>
  [...(perCurrency ?? new Map<string, number>())]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, amountMinor]) => ({ currency, amountMinor }));

/**
 * Runs a payout for the actor's organization (the payer), in one transaction: one statement per
 * partner with a line per payable entry available by the end of `periodEnd` and not on a live
 * statement; a currency whose partner total is below the minimum (or not positive) rolls over.
 * Two runs at once cannot both take an entry: the second fails on payout_line_live_uq and rolls
 * back whole (409 conflict), so nothing is paid twice.
 */
export async function runPayout(
  ctx: ServiceContext,
  actor: MemberActor,
  input: RunPayoutInput,
  now = new Date(),
) {
  authorize(actor, 'payouts.run');
  if (input.periodStart > input.periodEnd)
    throw invalidInput('The period starts after it ends', 'periodStart');
  if (input.periodEnd > today(now)) throw invalidInput('The period cannot end in the future', 'periodEnd');
  const existing = await repo.selectPayoutByPeriod(ctx.db, actor.scope, input.periodEnd);
  if (existing) throw alreadyRun(existing);
  // Entries available by the end of periodEnd, and never one still inside its holding period.
  const endOfPeriod = new Date(Date.parse(`${input.periodEnd}T00:00:00Z`) + DAY_MS);
  const cutoff = endOfPeriod < now ? endOfPeriod : now;
  try {
    return await ctx.db.transaction(async (tx) => {
      const row = await repo.insertPayout(tx, {
        id: newId(),
        organizationId: actor.orgId,
        periodStart: input.periodStart,
        periodEnd: input.periodEnd,
        runByUserId: actor.userId,
      });
      const entries = await repo.selectPayableEntries(tx, actor.scope, cutoff);
      const minimums = await repo.selectPayoutMinimums(tx, actor.scope);
      const totals: Totals = new Map();
      for (const e of entries) add(totals, e.beneficiaryId, e.currency, e.amountMinor);
      const statements: { id: string; beneficiaryId: string; totals: Map<string, number> }[] = [];
      for (const [beneficiaryId, perCurrency] of totals) {
        const paying = new Map(
          [...perCurrency].filter(([currency, sum]) => sum > 0 && sum >= (minimums[currency] ?? 0)),
        );
        if (paying.size) statements.push({ id: newId(), beneficiaryId, totals: paying });
      }
      if (statements.length === 0)
        throw new AppError('nothing_to_pay', `Nothing is payable up to ${input.periodEnd}`, {
          periodEnd: input.periodEnd,
        });
      const statementOf = new Map(statements.map((s) => [s.beneficiaryId, s]));
      await repo.insertStatements(
        tx,
        statements.map((s) => ({
          id: s.id,
          organizationId: actor.orgId,
          payoutId: row.id,
          beneficiaryId: s.beneficiaryId,
          status: 'open',
        })),
      );
      await repo.insertLines(
        tx,
        entries.flatMap((e) => {
          const s = statementOf.get(e.beneficiaryId);
          if (!s?.totals.has(e.currency)) return [];
          return [
            {
              id: newId(),
              organizationId: actor.orgId,
              statementId: s.id,
              entryId: e.id,
              currency: e.currency,
              amountMinor: e.amountMinor,
            },
          ];
        }),
      );
      const grand: Totals = new Map();
      for (const s of statements) for (const [c, v] of s.totals) add(grand, 'all', c, v);
      await recordAudit(tx, actor, {
        action: 'payout.run',
        targetType: 'payout',
        targetId: row.id,
        data: {
          periodStart: input.periodStart,
          periodEnd: input.periodEnd,
          statements: statements.length,
          totals: sortedMoney(grand.get('all')),
        },
      });
      return row;
    });
  } catch (err) {
    const constraint = uniqueViolation(err);
    if (constraint === 'payout_period_uq') {
      const winner = await repo.selectPayoutByPeriod(ctx.db, actor.scope, input.periodEnd);
      if (winner) throw alreadyRun(winner);
    }
    if (constraint === 'payout_line_live_uq')
      throw new AppError(
        'conflict',
        'Another payout run took these entries at the same time; reload and try again',
      );
    throw err;
  }
}

/** A page of the actor's payouts (as payer), newest first. */
export async function listPayouts(db: Db, actor: MemberActor, query: { limit: number; cursor?: string }) {
  authorize(actor, 'money.read');
  const rows = await repo.selectPayouts(db, actor.scope, { limit: query.limit + 1, before: query.cursor });
  const page = toPage(rows, query.limit);
  return { data: await presentPayouts(db, page.data), nextCursor: page.nextCursor };
}

async function presentPayouts(db: Db, rows: repo.PayoutRow[]) {
  const { counts, totals } = await repo.selectPayoutAggregates(
    db,
    rows.map((p) => p.id),
  );
  const users = await repo.selectUserNames(
    db,
    rows.map((p) => p.runByUserId),
  );
  const money: Totals = new Map();
  for (const t of totals) add(money, t.payoutId, t.currency, t.amountMinor);
  return rows.map((p) => {
    const statusCounts = { open: 0, paid: 0, failed: 0 };
    for (const c of counts)
      if (c.payoutId === p.id && c.status in statusCounts)
        statusCounts[c.status as keyof typeof statusCounts] = c.n;
    return {
      id: p.id,
      periodStart: p.periodStart,
      periodEnd: p.periodEnd,
      runBy: p.runByUserId ? { id: p.runByUserId, name: users.get(p.runByUserId) ?? '' } : null,
      createdAt: p.createdAt,
      statementCount: statusCounts.open + statusCounts.paid + statusCounts.failed,
      totals: sortedMoney(money.get(p.id)),
      statusCounts,
    };
  });
}

/** Presents statements with both parties, totals per currency and line count. */
async function presentStatements(db: Db, rows: repo.StatementRow[]) {
  const totals = await repo.selectStatementTotals(
    db,
    rows.map((s) => s.id),
  );
  const orgs = await selectOrgRefs(
    db,
    rows.flatMap((s) => [s.organizationId, s.beneficiaryId]),
  );
  const money: Totals = new Map();
  const lineCount = new Map<string, number>();
  for (const t of totals) {
    add(money, t.statementId, t.currency, t.amountMinor);
    lineCount.set(t.statementId, (lineCount.get(t.statementId) ?? 0) + t.lines);
  }
  return rows.map((s) => ({
    id: s.id,
    payoutId: s.payoutId,
    periodStart: s.periodStart,
    periodEnd: s.periodEnd,
    payer: orgs.get(s.organizationId) ?? unknownOrg(s.organizationId),
    beneficiary: orgs.get(s.beneficiaryId) ?? unknownOrg(s.beneficiaryId),
    status: s.status as 'open' | 'paid' | 'failed',
    totals: sortedMoney(money.get(s.id)),
    lineCount: lineCount.get(s.id) ?? 0,
    externalReference: s.externalReference,
    failureReason: s.failureReason,
    decidedAt: s.decidedAt,
    createdAt: s.createdAt,
  }));
}

async function withLines(db: Db, statement: repo.StatementRow) {
  const [presented] = await presentStatements(db, [statement]);
  const lines = await repo.selectStatementLines(db, [statement.id]);
  return {
    ...presented!,
    lines: lines.map((l) => ({
      id: l.id,
      entryId: l.entryId,
      kind: l.kind,
      description: l.description,
      dealId: l.dealId,
      earnedAt: l.earnedAt,
      availableAt: l.availableAt,
      amountMinor: l.amountMinor,
      currency: l.currency,
      released: l.releasedAt !== null,
    })),
  };
}

/** One of the actor's payouts with its statements, else 404. */
export async function getPayout(db: Db, actor: MemberActor, id: string) {
  authorize(actor, 'money.read');
  const row = await repo.selectPayout(db, actor.scope, id);
  if (!row) throw notFound('Payout');
  const [summary] = await presentPayouts(db, [row]);
  const statements = await repo.selectPayoutStatements(db, actor.scope, id);
  return { ...summary!, statements: await presentStatements(db, statements) };
}

/** One statement of one of the actor's payouts, with its lines. */
export async function getPayerStatement(db: Db, actor: MemberActor, payoutId: string, statementId: string) {
  authorize(actor, 'money.read');
  const row = await repo.selectPayerStatement(db, actor.scope, payoutId, statementId);
  if (!row) throw notFound('Statement');
  return withLines(db, row);
}

/** A page of statements paying the actor's organization, newest first. */
export async function listMyStatements(
  db: Db,
  actor: MemberActor,
  query: { vendorId?: string; limit: number; cursor?: string },
) {
  authorize(actor, 'money.read');
  const rows = await repo.selectBeneficiaryStatements(db, actor.scope, {
    vendorId: query.vendorId,
    limit: query.limit + 1,
    before: query.cursor,
  });
  const page = toPage(rows, query.limit);
  return { data: await presentStatements(db, page.data), nextCursor: page.nextCursor };
}

/** One statement paying the actor's organization, with its lines. */
export async function getMyStatement(db: Db, actor: MemberActor, id: string) {
  authorize(actor, 'money.read');
  const row = await repo.selectBeneficiaryStatement(db, actor.scope, id);
  if (!row) throw notFound('Statement');
  return withLines(db, row);
}

/** Every line of one of the actor's payouts, with its statement, for the CSV export. */
export async function payoutExportRows(db: Db, actor: MemberActor, payoutId: string) {
  const payout = await getPayout(db, actor, payoutId);
  const lines = await repo.selectStatementLines(
    db,
    payout.statements.map((s) => s.id),
  );
  const byId = new Map(payout.statements.map((s) => [s.id, s]));
  return {
    payout,
    rows: lines.map((l) => ({ statement: byId.get(l.statementId)!, line: l })),
  };
}

async function decide(
  ctx: ServiceContext,
  actor: MemberActor,
  payoutId: string,
  statementId: string,
  act: (tx: Db, s: repo.StatementRow, now: Date) => Promise<void>,
) {
  authorize(actor, 'payouts.run');
  await ctx.db.transaction(async (tx) => {
    const s = await repo.selectPayerStatement(tx, actor.scope, payoutId, statementId, true);
    if (!s) throw notFound('Statement');
    if (s.status !== 'open')
      throw new AppError('invalid_state', `The statement is ${s.status}: only an open statement can change`, {
        status: s.status,
      });
    await act(tx, s, new Date());
  });
  return getPayerStatement(ctx.db, actor, payoutId, statementId);
}

/**
 * Marks an open statement paid with the payment's reference and posts one `payout` ledger entry
 * per currency (source: the statement, seq: the currency's place), in one transaction; the
 * ledger's unique source index makes a second posting impossible even past the status check.
 */
export async function markPaid(
  ctx: ServiceContext,
  actor: MemberActor,
  payoutId: string,
  statementId: string,
  externalReference: string,
) {
  return decide(ctx, actor, payoutId, statementId, async (tx, s, now) => {
    const totals = await repo.selectStatementTotals(tx, [s.id]);
    const currencies = totals.map((t) => t.currency).sort();
    const amount = new Map(totals.map((t) => [t.currency, t.amountMinor]));
    const period = `${s.periodStart}–${s.periodEnd}`;
    const posted = await postEntries(
      tx,
      currencies.map((currency, seq) => ({
        organizationId: s.organizationId,
        beneficiaryId: s.beneficiaryId,
        kind: 'payout',
        currency,
        amountMinor: amount.get(currency)!,
        sourceType: 'payout_statement',
        sourceId: s.id,
        seq,
        description: `Payout ${period} ref ${externalReference}`,
        earnedAt: now,
        availableAt: now,
        createdByUserId: actor.userId,
      })),
    );
    if (posted.length !== currencies.length)
      throw new AppError('invalid_state', 'This statement was already paid', { status: 'paid' });
    await repo.updateStatement(tx, s.id, {
      status: 'paid',
      externalReference,
      decidedByUserId: actor.userId,
      decidedAt: now,
    });
    await recordAudit(tx, actor, {
      action: 'payout.statement_paid',
      targetType: 'payout_statement',
      targetId: s.id,
      data: {
        payoutId,
        externalReference,
        totals: totals.map((t) => ({ currency: t.currency, amountMinor: t.amountMinor })),
      },
    });
    await notify(
      { ...ctx, db: tx },
      {
        organizationId: s.beneficiaryId,
        roles: ['owner', 'admin', 'finance'],
        kind: 'payout.paid',
        title: `${actor.orgName} paid ${currencies.map((c) => showMoney(amount.get(c)!, c)).join(', ')}`,
        body: `Payout for ${period}, reference ${externalReference}.`,
        link: `/earnings/statements/${s.id}`,
      },
    );
  });
}

/** Marks an open statement failed; its lines are released and the amounts are payable again. */
export async function markFailed(
  ctx: ServiceContext,
  actor: MemberActor,
  payoutId: string,
  statementId: string,
  reason: string,
) {
  return decide(ctx, actor, payoutId, statementId, async (tx, s, now) => {
    await repo.updateStatement(tx, s.id, {
      status: 'failed',
      failureReason: reason,
      decidedByUserId: actor.userId,
      decidedAt: now,
    });
    await repo.releaseLines(tx, s.id, now);
    await recordAudit(tx, actor, {
      action: 'payout.statement_failed',
      targetType: 'payout_statement',
      targetId: s.id,
      data: { payoutId, reason },
    });
    await notify(
      { ...ctx, db: tx },
      {
        organizationId: s.beneficiaryId,
        roles: ['owner', 'admin', 'finance'],
        kind: 'payout.failed',
        title: `${actor.orgName}'s payout for ${s.periodStart}–${s.periodEnd} failed`,
        body: `${reason}\n\nThe amount is payable again and goes out with the next payout.`,
        link: `/earnings/statements/${s.id}`,
      },
    );
  });
}
