import { grantableRoles, isRole, type Role, toRole } from '../../../common/permissions.ts';
import type { Db } from '../../db/client.ts';
import { AppError, forbidden, invalidInput, notFound } from '../../errors.ts';
import type { MemberActor } from '../../http/actor.ts';
import { authorize } from '../../http/authorize.ts';
import { toPage } from '../../http/pagination.ts';
import { recordAudit } from '../audit/index.ts';
import * as repo from './members.repo.ts';
import type { OrgChartNode } from './members.schema.ts';

const present = (row: repo.MemberRow) => ({ ...row, role: toRole(row.role) });

/** Lists members, oldest id first. */
export async function listMembers(
  db: Db,
  actor: MemberActor,
  opts: { limit: number; cursor?: string; role?: Role; q?: string },
) {
  authorize(actor, 'members.read');
  const rows = await repo.selectMembers(db, actor.scope, { ...opts, limit: opts.limit + 1 });
  return toPage(rows.map(present), opts.limit);
}

/** One member, or 404 (also for another tenant's member). */
export async function getMember(db: Db, actor: MemberActor, memberId: string) {
  authorize(actor, 'members.read');
  const row = await repo.selectMember(db, actor.scope, memberId);
  if (!row) throw notFound('Member');
  return present(row);
}

async function assertOwnersRemain(tx: Db, actor: MemberActor, target: repo.MemberRow) {
  if (target.role !== 'owner') return;
  if (actor.role !== 'owner') throw forbidden('Only an owner can change or remove an owner');
  if ((await repo.countOwnersForUpdate(tx, actor.scope)) <= 1) {
    throw new AppError('invalid_state', 'An organization needs at least one owner');
  }
}

/** Changes a member's role; only owners grant or take away ownership, and one owner always remains. */
export async function changeRole(db: Db, actor: MemberActor, memberId: string, role: Role) {
  authorize(actor, 'members.update_role');
  if (!grantableRoles(actor.role).includes(role)) throw forbidden(`Your role cannot grant the role ${role}`);
  return db.transaction(async (tx) => {
    const target = await repo.selectMember(tx, actor.scope, memberId);
    if (!target) throw notFound('Member');
    if (target.role === role) return present(target);
    await assertOwnersRemain(tx, actor, target);
    await repo.updateMemberRole(tx, actor.scope, memberId, role);
    await recordAudit(tx, actor, {
      action: 'member.role_changed',
      targetType: 'member',
      targetId: memberId,
      data: { email: target.email, from: target.role, to: role },
    });
    return present({ ...target, role });
  });
}

/** Removes a member from the organization. */
export async function removeMember(db: Db, actor: MemberActor, memberId: string) {
  authorize(actor, 'members.remove');
  await db.transaction(async (tx) => {
    const target = await repo.selectMember(tx, actor.scope, memberId);
    if (!target) throw notFound('Member');
    await assertOwnersRemain(tx, actor, target);
    await repo.deleteMember(tx, actor.scope, memberId);
    await recordAudit(tx, actor, {
      action: 'member.removed',
      targetType: 'member',
      targetId: memberId,
      data: { email: target.email, role: target.role },
    });
  });
}

/** Sets whom a member reports to; no cycles, and alliance managers report to a CPO. */
export async function setManager(
  db: Db,
  actor: MemberActor,
  memberId: string,
  managerMemberId: string | null,
) {
  authorize(actor, 'reporting.update');
  return db.transaction(async (tx) => {
    const target = await repo.selectMember(tx, actor.scope, memberId);
    if (!target) throw notFound('Member');
    const previous = target.managerMemberId
      ? await repo.selectMember(tx, actor.scope, target.managerMemberId)
      : undefined;
    let managerName: string | null = null;
    if (managerMemberId === null) {
      await repo.deleteManager(tx, actor.scope, memberId);
    } else {
      if (managerMemberId === memberId)
        throw invalidInput('A member cannot report to themselves', 'body.managerMemberId');
      const manager = await repo.selectMember(tx, actor.scope, managerMemberId);
      if (!manager)
        throw invalidInput('The manager is not a member of this organization', 'body.managerMemberId');
      if (target.role === 'alliance_manager' && manager.role !== 'cpo') {
        throw invalidInput(
          'Alliance managers report to a Chief Partner Officer (cpo)',
          'body.managerMemberId',
        );
      }
      const chain = await repo.selectManagerChain(tx, actor.scope, managerMemberId);
      if (chain.includes(memberId)) {
        throw invalidInput(
          `${manager.name} already reports to ${target.name}; that would make a loop`,
          'body.managerMemberId',
        );
      }
      await repo.upsertManager(tx, actor.scope, memberId, managerMemberId);
      managerName = manager.name;
    }
    await recordAudit(tx, actor, {
      action: 'member.manager_set',
      targetType: 'member',
      targetId: memberId,
      // Names too, so the entry stays readable after people leave.
      data: {
        email: target.email,
        from: target.managerMemberId,
        fromName: previous?.name ?? null,
        to: managerMemberId,
        toName: managerName,
      },
    });
    return present({ ...target, managerMemberId });
  });
}

/** Member count in total and per role (the dashboard). */
export async function memberStats(db: Db, actor: MemberActor) {
  authorize(actor, 'members.read');
  const rows = await repo.countMembersByRole(db, actor.scope);
  const byRole: Partial<Record<Role, number>> = {};
  for (const r of rows) if (isRole(r.role)) byRole[r.role] = Number(r.count);
  return { total: rows.reduce((sum, r) => sum + Number(r.count), 0), byRole };
}

/** The organization as a forest: members without a manager at the roots. */
export async function orgChart(db: Db, actor: MemberActor): Promise<OrgChartNode[]> {
  authorize(actor, 'members.read');
  const rows = (await repo.selectAllMembers(db, actor.scope)).map(present);
  const nodes = new Map(rows.map((r) => [r.id, { ...r, reports: [] as OrgChartNode[] }]));
  const roots: OrgChartNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.managerMemberId ? nodes.get(node.managerMemberId) : undefined;
    (parent ? parent.reports : roots).push(node);
  }
  return roots;
}

/** Everyone reporting to a member (directly or through others), with counts per role. */
export async function rollup(db: Db, actor: MemberActor, managerMemberId: string) {
  authorize(actor, 'members.read');
  const manager = await repo.selectMember(db, actor.scope, managerMemberId);
  if (!manager) throw notFound('Member');
  const tree = await repo.selectReportsTree(db, actor.scope, managerMemberId);
  const depth = new Map(tree.map((t) => [t.memberId, t.depth]));
  const all = (await repo.selectAllMembers(db, actor.scope)).map(present);
  const reports = all
    .filter((m) => depth.has(m.id))
    .map((m) => ({ ...m, depth: depth.get(m.id)! }))
    .sort((a, b) => a.depth - b.depth || a.name.localeCompare(b.name));
  const byRole: Partial<Record<Role, number>> = {};
  for (const r of reports) byRole[r.role] = (byRole[r.role] ?? 0) + 1;
  return { manager: present(manager), total: reports.length, byRole, reports };
}
