import type { Db } from '../../db/client.ts';
import type { population } from '../../db/schema/index.ts';
import { AppError, forbidden, invalidInput, notFound } from '../../errors.ts';
import type { MemberActor } from '../../http/actor.ts';
import { authorize } from '../../http/authorize.ts';
import { recordAudit } from '../audit/index.ts';
import { refreshKeys } from './accounts.keys.ts';
import { recomputeAll } from './accounts.overlap.ts';
import * as repo from './accounts.populations.repo.ts';
import {
  FIRST_CUSTOM_BIT,
  LAST_BIT,
  MAX_CUSTOM_POPULATIONS,
  matchesFilter,
  type POPULATION_KINDS,
  type PopulationFilter,
  type PopulationInput,
  parseField,
  STANDARD_BITS,
  STANDARD_FIELDS,
  standardBits,
} from './accounts.populations.rules.ts';
import type { CreatePopulationInput, UpdatePopulationInput } from './accounts.populations.schema.ts';
import { getOrCreateSet } from './accounts.sets.ts';

/** A population row of a set. */
export type PopulationRow = typeof population.$inferSelect;

/** The population bits of an imported account: the standard ones from status and stage, custom ones by their filters. */
export function populationBitsOf(row: PopulationInput, populations: readonly PopulationRow[]): number {
  const standard = standardBits(row.status, row.stage);
  let bits = 0;
  for (const p of populations) {
    const mask = 1 << p.bit;
    if (p.kind === 'custom') {
      if (p.filter && matchesFilter(row, p.filter as PopulationFilter)) bits |= mask;
    } else if (standard & (1 << STANDARD_BITS[p.kind as keyof typeof STANDARD_BITS])) bits |= mask;
  }
  return bits;
}

/** Gives a set the standard populations it lacks (idempotent); returns all of its populations, by bit. */
export async function ensurePopulations(db: Db, setId: string, orgId: string): Promise<PopulationRow[]> {
  return repo.insertStandardPopulations(db, setId, orgId);
}

/** A filter as stored: every condition checked against the fields and operators that exist (400 naming the condition otherwise). */
function validFilter(filter: PopulationFilter): PopulationFilter {
  return {
    all: filter.all.map((c, i) => {
      const path = `filter.all.${i}`;
      if (!parseField(c.field))
        throw invalidInput(
          `Unknown field "${c.field}": use ${STANDARD_FIELDS.join(', ')} or fields.<name>`,
          `${path}.field`,
        );
      if (c.op === 'is_empty' || c.op === 'is_not_empty') return { field: c.field, op: c.op };
      if (c.op === 'in') {
        if (c.value === undefined) throw invalidInput('"in" takes a list of values', `${path}.value`);
        return { field: c.field, op: c.op, value: Array.isArray(c.value) ? c.value : [c.value] };
      }
      if (typeof c.value !== 'string')
        throw invalidInput(`"${c.op}" takes one string value`, `${path}.value`);
      return { field: c.field, op: c.op, value: c.value };
    }),
  };
}

/** The actor's set of a subject (its own accounts by default): created for its own accounts, else it must exist. */
async function setOf(db: Db, actor: MemberActor, subjectId = actor.orgId) {
  if (subjectId === actor.orgId) return getOrCreateSet(db, actor.scope, subjectId);
  const set = await repo.selectSet(db, actor.scope, subjectId);
  if (!set) throw notFound('Account list');
  return set;
}

/** A population with its counts, as the API shows it. */
async function present(db: Db, subjectId: string, rows: readonly PopulationRow[]) {
  const counts = rows.length ? await repo.selectPopulationCounts(db, rows[0]!.setId) : [];
  const byId = new Map(counts.map((c) => [c.id, c]));
  return rows.map((p) => ({
    id: p.id,
    subjectId,
    kind: p.kind as (typeof POPULATION_KINDS)[number],
    name: p.name,
    bit: p.bit,
    filter: (p.filter as PopulationFilter | null) ?? null,
    accounts: byId.get(p.id)?.accounts ?? 0,
    keys: byId.get(p.id)?.keys ?? 0,
    createdAt: p.createdAt,
  }));
}

/** The populations of the actor's set (own accounts or an offline partner's list) with their counts. */
export async function listPopulations(db: Db, actor: MemberActor, subjectId?: string) {
  authorize(actor, 'accounts.read');
  const subject = subjectId ?? actor.orgId;
  const set =
    subject === actor.orgId
      ? await getOrCreateSet(db, actor.scope)
      : await repo.selectSet(db, actor.scope, subject);
  if (!set) throw notFound('Account list');
  return {
    data: await present(db, subject, await repo.selectPopulations(db, set.id)),
    maxCustom: MAX_CUSTOM_POPULATIONS,
  };
}

/** The fields a filter can name: the account columns and the extra fields seen in the actor's accounts. */
export async function listFilterFields(db: Db, actor: MemberActor) {
  authorize(actor, 'accounts.read');
  return { standard: [...STANDARD_FIELDS], extra: await repo.selectFieldNames(db, actor.scope) };
}

async function populationOf(db: Db, actor: MemberActor, id: string) {
  const row = await repo.selectPopulation(db, actor.scope, id);
  if (!row) throw notFound('Population');
  return row;
}

/** Recomputes one population bit of a set from its filter (null clears it) and refreshes the keys it moved. */
async function applyBit(db: Db, setId: string, bit: number, filter: PopulationFilter | null) {
  const keys = await repo.applyPopulationBit(db, setId, bit, filter);
  if (keys.length) await refreshKeys(db, setId, keys);
}

const nameTakenError = (name: string) =>
  new AppError('already_exists', `A population named "${name}" exists already`);

/** Creates a custom population on the actor's set and computes its accounts and overlaps, in one transaction. */
export async function createPopulation(db: Db, actor: MemberActor, input: CreatePopulationInput) {
  authorize(actor, 'accounts.import');
  const filter = validFilter(input.filter);
  const created = await db.transaction(async (tx) => {
    const set = await setOf(tx, actor, input.subjectId);
    if (await repo.nameTaken(tx, set.id, input.name)) throw nameTakenError(input.name);
    const row = await repo.insertCustomPopulation(tx, actor.scope, {
      setId: set.id,
      name: input.name,
      filter,
      firstBit: FIRST_CUSTOM_BIT,
      lastBit: LAST_BIT,
    });
    if (!row)
      throw new AppError('conflict', `A list can have at most ${MAX_CUSTOM_POPULATIONS} custom populations`);
    await applyBit(tx, set.id, row.bit, filter);
    await recordAudit(tx, actor, {
      action: 'accounts.population_created',
      targetType: 'population',
      targetId: row.id,
      data: { name: row.name, filter },
    });
    return { row, subjectId: set.subjectId };
  });
  const [shown] = await present(db, created.subjectId, [created.row]);
  return shown!;
}

/** Renames a population or replaces a custom population's filter (its accounts and overlaps follow), in one transaction. */
export async function updatePopulation(db: Db, actor: MemberActor, id: string, input: UpdatePopulationInput) {
  authorize(actor, 'accounts.import');
  const updated = await db.transaction(async (tx) => {
    const current = await populationOf(tx, actor, id);
    if (input.filter && current.kind !== 'custom')
      throw invalidInput(
        'Standard populations follow the imported status and stage; they take no filter',
        'filter',
      );
    const filter = input.filter ? validFilter(input.filter) : undefined;
    if (input.name && (await repo.nameTaken(tx, current.setId, input.name, id)))
      throw nameTakenError(input.name);
    const row = await repo.updatePopulation(tx, actor.scope, id, { name: input.name, filter });
    if (filter) await applyBit(tx, current.setId, current.bit, filter);
    await recordAudit(tx, actor, {
      action: 'accounts.population_updated',
      targetType: 'population',
      targetId: id,
      data: { ...(input.name ? { name: input.name } : {}), ...(filter ? { filter } : {}) },
    });
    const set = await repo.selectSetById(tx, actor.scope, current.setId);
    return { row: row!, subjectId: set!.subjectId };
  });
  const [shown] = await present(db, updated.subjectId, [updated.row]);
  return shown!;
}

/** Deletes a custom population: its accounts leave it, its overlaps and sharing go with it (409 for a standard one). */
export async function deletePopulation(db: Db, actor: MemberActor, id: string) {
  authorize(actor, 'accounts.import');
  await db.transaction(async (tx) => {
    const current = await populationOf(tx, actor, id);
    if (current.kind !== 'custom')
      throw new AppError('conflict', 'The standard populations cannot be deleted; rename them instead');
    await applyBit(tx, current.setId, current.bit, null);
    await repo.deletePopulation(tx, actor.scope, id);
    await recordAudit(tx, actor, {
      action: 'accounts.population_deleted',
      targetType: 'population',
      targetId: id,
      data: { name: current.name },
    });
  });
}

/** Repair for admins: rebuilds the keys of every set the actor's organization manages and recomputes their pairs. */
export async function recomputeMine(db: Db, actor: MemberActor) {
  authorize(actor, 'accounts.import');
  if (actor.role !== 'owner' && actor.role !== 'admin')
    throw forbidden('Only owners and admins can run a repair');
  const sets = await repo.selectSetsOf(db, actor.scope);
  return recomputeAll(
    db,
    sets.map((s) => s.id),
  );
}
