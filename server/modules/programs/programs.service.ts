import type { PartnershipType } from '../../../common/deals.ts';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { AppError, invalidInput, notFound } from '../../errors.ts';
import type { MemberActor } from '../../http/actor.ts';
import { authorize } from '../../http/authorize.ts';
import { toPage } from '../../http/pagination.ts';
import { recordAudit } from '../audit/index.ts';
import { rulesThatPosted } from '../ledger/index.ts';
import type { ServiceContext } from '../partnerships/index.ts';
import { evaluateTiers } from './programs.evaluate.ts';
import { presentPrograms, presentRule, presentTier } from './programs.present.ts';
import * as repo from './programs.repo.ts';
import type {
  CreateProgramInput,
  CreateRuleInput,
  TierInput,
  UpdateProgramInput,
} from './programs.schema.ts';
import { validateLadder } from './programs.tiers.ts';

/** The partnership types a program of each kind creates unless it names its own. */
export const DEFAULT_TYPES: Record<string, PartnershipType[] | undefined> = {
  reseller: ['resells'],
  referral: ['refers'],
  ambassador: ['refers'],
  custom: undefined,
};

/** One of the actor's own programs, else 404. */
export async function findOwnProgram(db: Db, actor: MemberActor, id: string, forUpdate = false) {
  const row = await repo.selectOwnProgram(db, actor.scope, id, forUpdate);
  if (!row) throw notFound('Program');
  return row;
}

/** A program the actor may see (its own; published ones; ones it is enrolled in), else 404. */
export async function findVisibleProgram(db: Db, actor: MemberActor, id: string) {
  const row = await repo.selectVisibleProgram(db, actor.scope, id);
  if (!row) throw notFound('Program');
  return row;
}

/** A page of programs: the actor's own, or other organizations' published ones. */
export async function listPrograms(
  db: Db,
  actor: MemberActor,
  query: {
    scope: 'mine' | 'available';
    kind?: string;
    status?: string;
    q?: string;
    limit: number;
    cursor?: string;
  },
) {
  const rows = await repo.selectPrograms(db, actor.scope, {
    ...query,
    limit: query.limit + 1,
    before: query.cursor,
  });
  const page = toPage(rows, query.limit);
  return { data: await presentPrograms(db, actor.scope, page.data, false), nextCursor: page.nextCursor };
}

/** A program with its tiers and active rules, as the actor sees it. */
export async function getProgram(db: Db, actor: MemberActor, id: string) {
  const [presented] = await presentPrograms(db, actor.scope, [await findVisibleProgram(db, actor, id)], true);
  return presented!;
}

async function assertNameFree(db: Db, actor: MemberActor, name: string, exceptId?: string) {
  if (await repo.programNameTaken(db, actor.scope, name, exceptId))
    throw new AppError('already_exists', `You already have a program called ${name}`, { field: 'name' });
}

/** Creates a program (a draft unless published at once). */
export async function createProgram(db: Db, actor: MemberActor, input: CreateProgramInput) {
  authorize(actor, 'programs.manage');
  const types = input.partnershipTypes ?? DEFAULT_TYPES[input.kind];
  if (!types) throw invalidInput('A custom program must name its partnership types', 'partnershipTypes');
  return db.transaction(async (tx) => {
    await assertNameFree(tx, actor, input.name);
    const row = await repo.insertProgram(tx, {
      id: newId(),
      organizationId: actor.orgId,
      name: input.name,
      kind: input.kind,
      status: input.status,
      description: input.description,
      terms: input.terms,
      currency: input.currency,
      partnershipTypes: types,
      questions: input.questions,
      onboarding: input.onboarding,
      downgradeGraceDays: input.downgradeGraceDays,
      holdingDays: input.holdingDays,
    });
    await recordAudit(tx, actor, {
      action: 'program.created',
      targetType: 'program',
      targetId: row.id,
      data: { name: row.name, kind: row.kind },
    });
    return row;
  });
}

/** Edits a program. Its currency is fixed once it has tiers or enrollments. */
export async function updateProgram(db: Db, actor: MemberActor, id: string, input: UpdateProgramInput) {
  authorize(actor, 'programs.manage');
  return db.transaction(async (tx) => {
    const p = await findOwnProgram(tx, actor, id, true);
    if (input.name && input.name.toLowerCase() !== p.name.toLowerCase())
      await assertNameFree(tx, actor, input.name, id);
    if (input.currency && input.currency !== p.currency && (await repo.programInUse(tx, id)))
      throw new AppError(
        'invalid_state',
        'The currency cannot change once the program has tiers or enrollments: their amounts are in it',
        { field: 'currency' },
      );
    if (input.status === 'draft' && p.status !== 'draft' && (await repo.hasActiveEnrollments(tx, id)))
      throw new AppError('invalid_state', 'A program with enrolled partners cannot go back to draft', {
        field: 'status',
      });
    let types = input.partnershipTypes;
    if (!types && input.kind && input.kind !== p.kind) types = DEFAULT_TYPES[input.kind];
    const row = await repo.updateProgram(tx, id, { ...input, ...(types && { partnershipTypes: types }) });
    await recordAudit(tx, actor, {
      action: 'program.updated',
      targetType: 'program',
      targetId: id,
      data: { fields: Object.keys(input) },
    });
    return row;
  });
}

/**
 * Replaces the program's whole tier ladder at once: kept tiers (by id) are renamed, moved or
 * re-priced, new ones added, missing ones removed. Overlapping thresholds are a 400 naming the
 * tier and metric; removing a tier partners sit in (or whose rules have paid out) is a 409.
 * Afterwards every active enrollment of the program is evaluated against the new ladder.
 */
export async function putTiers(ctx: ServiceContext, actor: MemberActor, id: string, tiers: TierInput[]) {
  authorize(actor, 'programs.manage');
  const problem = validateLadder(tiers.map((t) => ({ name: t.name, requirements: t.requirements })));
  if (problem)
    throw invalidInput(
      problem.message,
      `tiers.${problem.index}${problem.metric ? `.requirements.${problem.metric}` : '.name'}`,
    );
  const ids = tiers.flatMap((t) => (t.id ? [t.id] : []));
  if (new Set(ids).size !== ids.length) throw invalidInput('A tier id appears twice', 'tiers');
  await ctx.db.transaction(async (tx) => {
    const p = await findOwnProgram(tx, actor, id, true);
    const existing = await repo.selectTiers(tx, [id]);
    const known = new Set(existing.map((t) => t.id));
    tiers.forEach((t, i) => {
      if (t.id && !known.has(t.id))
        throw invalidInput('No tier with this id in this program', `tiers.${i}.id`);
    });
    const removed = existing.filter((t) => !ids.includes(t.id));
    const occupied = await repo.countEnrollmentsInTiers(
      tx,
      removed.map((t) => t.id),
    );
    const sitting = removed.find((t) => occupied.get(t.id));
    if (sitting)
      throw new AppError(
        'invalid_state',
        `${sitting.name} cannot be removed: ${occupied.get(sitting.id)} partner(s) are in it`,
        { tierId: sitting.id, enrollments: occupied.get(sitting.id) },
      );
    // Deleting a tier deletes its rules, which ledger entries point at: those tiers stay.
    const rules = await repo.selectRulesOfTiers(
      tx,
      removed.map((t) => t.id),
    );
    const posted = await rulesThatPosted(
      tx,
      rules.map((r) => r.id),
    );
    const paid = new Set(rules.filter((r) => posted.has(r.id)).map((r) => r.tierId));
    const withLedger = removed.find((t) => paid.has(t.id));
    if (withLedger)
      throw new AppError(
        'invalid_state',
        `${withLedger.name} cannot be removed: its commission rules have posted to the ledger`,
        { tierId: withLedger.id },
      );
    const values = (t: TierInput, rank: number) => ({
      rank,
      name: t.name,
      minRevenueMinor: t.requirements.revenueMinor,
      minWonDeals: t.requirements.wonDeals,
      minRegisteredDeals: t.requirements.registeredDeals,
      minCertifiedPeople: t.requirements.certifiedPeople,
      minCustomers: t.requirements.customers,
      discountBp: t.discountBp,
      mdfBudgetMinor: t.mdfBudgetMinor,
    });
    await repo.replaceTiers(
      tx,
      id,
      tiers.flatMap((t, i) => (t.id ? [{ id: t.id, ...values(t, i + 1) }] : [])),
      tiers.flatMap((t, i) =>
        t.id ? [] : [{ id: newId(), organizationId: actor.orgId, programId: id, ...values(t, i + 1) }],
      ),
      removed.map((t) => t.id),
    );
    await repo.updateProgram(tx, id, {});
    await recordAudit(tx, actor, {
      action: 'program.tiers_replaced',
      targetType: 'program',
      targetId: p.id,
      data: { tiers: tiers.map((t) => t.name), removed: removed.map((t) => t.name) },
    });
  });
  await evaluateTiers(ctx, { vendorId: actor.orgId, programId: id });
  return listTiers(ctx.db, actor, id);
}

/** A program's tiers with their rules, lowest first. */
export async function listTiers(db: Db, actor: MemberActor, id: string) {
  const p = await findVisibleProgram(db, actor, id);
  const rules = await repo.selectRules(db, [id]);
  return (await repo.selectTiers(db, [id])).map((t) => presentTier(t, rules, p.currency));
}

/** Every rule of a program, active and retired, newest first. */
export async function listRules(db: Db, actor: MemberActor, id: string) {
  const p = await findVisibleProgram(db, actor, id);
  return (await repo.selectRules(db, [id], false)).map((r) => presentRule(r, p.currency));
}

/** Adds a commission rule (validated by kind; amounts in the program's currency). */
export async function createRule(db: Db, actor: MemberActor, id: string, input: CreateRuleInput) {
  authorize(actor, 'programs.manage');
  return db.transaction(async (tx) => {
    const p = await findOwnProgram(tx, actor, id, true);
    if (input.tierId) {
      const tiers = await repo.selectTiers(tx, [id]);
      if (!tiers.some((t) => t.id === input.tierId))
        throw invalidInput('No tier with this id in this program', 'tierId');
    }
    const row = await repo.insertRule(tx, {
      id: newId(),
      organizationId: actor.orgId,
      programId: id,
      tierId: input.tierId,
      kind: input.kind,
      event: input.event,
      dealKind: input.dealKind,
      rateBp: 'rateBp' in input ? input.rateBp : null,
      amountMinor: 'amountMinor' in input ? input.amountMinor : null,
      months: 'months' in input ? input.months : null,
    });
    await recordAudit(tx, actor, {
      action: 'program.rule_added',
      targetType: 'commission_rule',
      targetId: row.id,
      data: {
        programId: id,
        kind: row.kind,
        event: row.event,
        rateBp: row.rateBp,
        amountMinor: row.amountMinor,
      },
    });
    return presentRule(row, p.currency);
  });
}

/** Retires a rule: it pays no more, and stays for the entries it posted. */
export async function retireRule(db: Db, actor: MemberActor, id: string, ruleId: string) {
  authorize(actor, 'programs.manage');
  return db.transaction(async (tx) => {
    const p = await findOwnProgram(tx, actor, id);
    const rule = await repo.selectOwnRule(tx, actor.scope, id, ruleId);
    if (!rule) throw notFound('Rule');
    if (rule.status === 'retired') throw new AppError('invalid_state', 'The rule is already retired');
    const row = await repo.retireRule(tx, ruleId, new Date());
    await recordAudit(tx, actor, {
      action: 'program.rule_retired',
      targetType: 'commission_rule',
      targetId: ruleId,
    });
    return presentRule(row, p.currency);
  });
}
