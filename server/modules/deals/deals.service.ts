import { addBusinessDays } from 'date-fns';
import {
  CLOSED_DEAL_STATUSES,
  type DealKind,
  type DealStatus,
  REFERRAL_TYPES,
  REGISTRATION_TYPES,
} from '../../../common/deals.ts';
import type { Db } from '../../db/client.ts';
import { newId } from '../../db/ids.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import type { MemberActor } from '../../http/actor.ts';
import { authorize } from '../../http/authorize.ts';
import { accountsByIds } from '../accounts/index.ts';
import { recordActivity } from '../activity/index.ts';
import { recordAudit } from '../audit/index.ts';
import { requireActivePartnership, type ServiceContext } from '../partnerships/index.ts';
import * as conflictsRepo from './deals.conflicts.repo.ts';
import { type Customer, customerOf, previewConflicts } from './deals.conflicts.ts';
import { tellSide } from './deals.notify.ts';
import { formatMoney, presentSummaries } from './deals.present.ts';
import type { NewDeal } from './deals.repo.ts';
import * as repo from './deals.repo.ts';
import type {
  ConflictCheckInput,
  CreateOpportunityInput,
  CreateReferralInput,
  CreateRegistrationInput,
  UpdateDealInput,
} from './deals.schema.ts';
import { allowedMoves, submitNewRegistration } from './deals.transitions.ts';

type DealFields = Omit<CreateOpportunityInput, 'customerName' | 'customerDomain' | 'customerCountry'>;

function dealValues(actor: MemberActor, customer: Customer, input: DealFields) {
  return {
    id: newId(),
    organizationId: actor.orgId,
    title: input.title?.trim() || customer.name,
    customerName: customer.name,
    customerDomain: customer.domain,
    customerDomainKey: customer.domainKey,
    customerNameKey: customer.nameKey,
    customerCountry: customer.country,
    contactName: input.contactName,
    contactEmail: input.contactEmail,
    need: input.need,
    amountMinor: input.amountMinor,
    currency: input.currency,
    expectedClose: input.expectedClose,
    subscription: input.subscription,
    createdByUserId: actor.userId,
  };
}

const created = (actor: MemberActor, toStatus: string) => ({
  id: newId(),
  organizationId: actor.orgId,
  actorUserId: actor.userId,
  kind: 'created',
  toStatus,
});

/** Sends a referral (a lead) to a partner; it answers within its response window. */
export async function createReferral(ctx: ServiceContext, actor: MemberActor, input: CreateReferralInput) {
  authorize(actor, 'deals.create');
  const customer = customerOf(input);
  return ctx.db.transaction(async (tx) => {
    const p = await requireActivePartnership(tx, actor.scope, input.partnerId, REFERRAL_TYPES, 'partnerId');
    const settings = await repo.selectSettings(tx, input.partnerId);
    const now = new Date();
    const d = await repo.insertDeal(
      tx,
      {
        ...dealValues(actor, customer, input),
        kind: 'referral',
        status: 'sent',
        counterpartyId: input.partnerId,
        partnershipId: p.id,
        sentAt: now,
        responseDueAt: addBusinessDays(now, settings.referralResponseBusinessDays),
      },
      [
        { organizationId: actor.orgId, side: 'from', attribution: 'sourced' },
        { organizationId: input.partnerId, side: 'to' },
      ],
      created(actor, 'sent'),
    );
    await afterCreate({ ...ctx, db: tx }, actor, d);
    await tellSide({ ...ctx, db: tx }, d, input.partnerId, {
      kind: 'referral.received',
      title: `New referral from ${actor.orgName}: ${d.customerName}`,
      body: `${formatMoney(d.amountMinor, d.currency)} estimated. Please accept or decline by ${d.responseDueAt?.toISOString().slice(0, 10)}.${d.need ? `\n\n${d.need}` : ''}`,
    });
    await recordActivity(tx, {
      organizationId: input.partnerId,
      kind: 'referral.received',
      source: 'deals',
      data: { dealId: d.id },
    });
    return d;
  });
}

/** Registers an opportunity with a vendor: a draft, or submitted at once (with the conflict check). */
export async function createRegistration(
  ctx: ServiceContext,
  actor: MemberActor,
  input: CreateRegistrationInput,
) {
  authorize(actor, 'deals.create');
  const customer = customerOf(input);
  return ctx.db.transaction(async (tx) => {
    const p = await requireActivePartnership(tx, actor.scope, input.vendorId, REGISTRATION_TYPES, 'vendorId');
    const values: NewDeal = {
      ...dealValues(actor, customer, input),
      kind: 'registration',
      status: 'draft',
      counterpartyId: input.vendorId,
      vendorId: input.vendorId,
      partnershipId: p.id,
    };
    if (input.submit) return submitNewRegistration({ ...ctx, db: tx }, actor, values, p);
    const d = await repo.insertDeal(
      tx,
      values,
      [
        { organizationId: actor.orgId, side: 'from', attribution: 'sourced' },
        { organizationId: input.vendorId, side: 'to' },
      ],
      created(actor, 'draft'),
    );
    await afterCreate({ ...ctx, db: tx }, actor, d);
    return d;
  });
}

/** Adds an opportunity to the vendor's own pipeline (what registrations are checked against). */
export async function createOpportunity(
  ctx: ServiceContext,
  actor: MemberActor,
  input: CreateOpportunityInput,
) {
  authorize(actor, 'deals.create');
  const customer = customerOf(input);
  return ctx.db.transaction(async (tx) => {
    const d = await repo.insertDeal(
      tx,
      { ...dealValues(actor, customer, input), kind: 'opportunity', status: 'open', vendorId: actor.orgId },
      [{ organizationId: actor.orgId, side: 'from' }],
      created(actor, 'open'),
    );
    await afterCreate({ ...ctx, db: tx }, actor, d);
    return d;
  });
}

async function afterCreate(ctx: ServiceContext, actor: MemberActor, d: repo.DealRow) {
  await recordAudit(ctx.db, actor, {
    action: `deal.${d.kind}_created`,
    targetType: 'deal',
    targetId: d.id,
    data: { customer: d.customerName, amountMinor: d.amountMinor, currency: d.currency },
  });
  await recordActivity(ctx.db, {
    organizationId: actor.orgId,
    kind:
      d.kind === 'referral'
        ? 'referral.sent'
        : d.kind === 'registration'
          ? 'deal.registered'
          : 'deal.updated',
    source: 'deals',
    data: { dealId: d.id },
  });
}

/** The deal if the actor's organization is on it, else 404. */
export async function findDeal(db: Db, actor: MemberActor, id: string, forUpdate = false) {
  const row = await repo.selectDealFor(db, actor.scope, id, forUpdate);
  if (!row) throw notFound('Deal');
  return row;
}

/** Whether the actor may edit the deal's details now. */
function canEdit(actor: MemberActor, d: repo.DealRow, side: repo.Side) {
  return (
    side === 'from' &&
    !CLOSED_DEAL_STATUSES.includes(d.status as DealStatus) &&
    ['owner', 'admin', 'cpo', 'alliance_manager', 'sales'].includes(actor.role)
  );
}

/** A deal with parties, protection, conflicts (vendor only) and the moves open to the actor. */
export async function getDeal(db: Db, actor: MemberActor, id: string) {
  return dealView(db, actor, await findDeal(db, actor, id));
}

/** The deal as {@link getDeal} shows it, from a row the caller already read or wrote for the actor. */
export async function dealView(
  db: Db,
  actor: MemberActor,
  { deal: d, side }: { deal: repo.DealRow; side: repo.Side },
  /** The actor just created it: its parties are its creator and counterparty, nothing else yet. */
  justCreated = false,
) {
  const [summary] = await presentSummaries(db, [{ deal: d, side }]);
  const parties = justCreated
    ? [summary!.from, summary!.to]
        .filter((o) => o !== null)
        .map((o) => ({
          organizationId: o.id,
          name: o.name,
          slug: o.slug,
          side: o.id === d.organizationId ? 'from' : 'to',
          attribution: o.id === d.organizationId && d.kind !== 'opportunity' ? 'sourced' : null,
        }))
    : await repo.selectParties(db, d.id);
  const protection =
    d.kind === 'registration' && side !== 'co_seller' && !justCreated
      ? await conflictsRepo.selectProtectionOfDeal(db, d.id)
      : undefined;
  const isVendor = d.kind === 'registration' && d.vendorId === actor.orgId;
  return {
    ...summary!,
    contactName: d.contactName,
    contactEmail: d.contactEmail,
    need: d.need,
    statusReason: d.statusReason,
    partnershipId: d.partnershipId,
    parties: parties.map((p) => ({
      organization: { id: p.organizationId, name: p.name, slug: p.slug },
      side: p.side as repo.Side,
      attribution: p.attribution as 'sourced' | 'influenced' | 'delivering' | null,
    })),
    protection: protection
      ? {
          status: protection.status as 'active' | 'expired' | 'released',
          startsAt: protection.startsAt,
          endsAt: protection.endsAt,
          extensionRequestedDays: protection.extensionRequestedDays,
          extensionReason: protection.extensionReason,
        }
      : null,
    conflicts: isVendor
      ? (await conflictsRepo.selectConflicts(db, actor.scope, d.id)).map((c) => ({
          ...c,
          kind: c.kind as DealKind,
          status: c.status as DealStatus,
          matchedBy: c.matchedBy as 'domain' | 'name',
          protectedUntil: c.protectedUntil ? new Date(c.protectedUntil) : null,
        }))
      : null,
    accountMatches: isVendor ? await accountMatchesOf(db, actor, d.id) : null,
    allowedMoves: allowedMoves(actor, d, side),
    canEdit: canEdit(actor, d, side),
  };
}

/**
 * The vendor's imported open opportunities a registration matched, for its reviewers ("matches
 * your imported open opportunity Acme"), best first. An account removed by a later import drops out.
 */
async function accountMatchesOf(db: Db, actor: MemberActor, dealId: string) {
  const matches = await conflictsRepo.selectAccountConflicts(db, actor.scope, dealId);
  const accounts = new Map(
    (
      await accountsByIds(
        db,
        actor.scope,
        matches.map((m) => m.accountId),
      )
    ).map((a) => [a.id, a]),
  );
  return matches
    .flatMap((m) => {
      const a = accounts.get(m.accountId);
      return a
        ? [{ ...a, accountId: a.id, matchedBy: m.matchedBy as 'domain' | 'name', score: m.score }]
        : [];
    })
    .sort((x, y) => y.score - x.score || x.name.localeCompare(y.name))
    .map(({ id: _id, ...rest }) => rest);
}

/** A page of the deals the actor's organization is on, newest first. */
export async function listDeals(
  db: Db,
  actor: MemberActor,
  query: repo.DealFilters & { limit: number; cursor?: string },
) {
  const now = new Date();
  const rows = await repo.selectDeals(db, actor.scope, query, {
    limit: query.limit + 1,
    before: query.cursor,
    now,
  });
  const page = rows.slice(0, query.limit);
  return {
    data: await presentSummaries(db, page, now),
    nextCursor: rows.length > query.limit ? (page.at(-1)?.deal.id ?? null) : null,
  };
}

/** Every deal matching the filters, for CSV export, in pages so memory stays flat. */
export async function* exportDeals(db: Db, actor: MemberActor, filters: repo.DealFilters) {
  let cursor: string | undefined;
  do {
    const page = await listDeals(db, actor, { ...filters, limit: 500, cursor });
    yield page.data;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

const CUSTOMER_FIELDS = ['customerName', 'customerDomain', 'customerCountry'] as const;
// The customer is what the counterparty answered (or the engine checked): fixed once it left the creator.
const CUSTOMER_EDITABLE: readonly string[] = ['draft', 'open'];

/** Edits a deal's details (its creator, while open); the customer only before it was sent. */
export async function updateDeal(
  ctx: ServiceContext,
  actor: MemberActor,
  id: string,
  input: UpdateDealInput,
) {
  authorize(actor, 'deals.create');
  return ctx.db.transaction(async (tx) => {
    const { deal: d, side } = await findDeal(tx, actor, id, true);
    if (side !== 'from') throw forbidden('Only the organization that created the deal can edit it');
    if (!canEdit(actor, d, side))
      throw new AppError('invalid_state', `The deal is ${d.status}: it can no longer be edited`, {
        status: d.status,
      });
    const changesCustomer = CUSTOMER_FIELDS.some((f) => input[f] !== undefined);
    if (changesCustomer && !CUSTOMER_EDITABLE.includes(d.status))
      throw new AppError('invalid_state', `The customer cannot change once the deal is ${d.status}`, {
        status: d.status,
      });
    const customer = changesCustomer
      ? customerOf({
          customerName: input.customerName ?? d.customerName,
          customerDomain: input.customerDomain !== undefined ? input.customerDomain : d.customerDomain,
          customerCountry: input.customerCountry !== undefined ? input.customerCountry : d.customerCountry,
        })
      : undefined;
    const { customerName: _n, customerDomain: _d, customerCountry: _c, ...details } = input;
    const updated = await repo.updateDeal(tx, id, {
      ...details,
      ...(customer && {
        customerName: customer.name,
        customerDomain: customer.domain,
        customerDomainKey: customer.domainKey,
        customerNameKey: customer.nameKey,
        customerCountry: customer.country,
      }),
    });
    await repo.insertDealEvents(tx, {
      id: newId(),
      organizationId: actor.orgId,
      dealId: id,
      actorUserId: actor.userId,
      kind: 'edited',
      data: { fields: Object.keys(input) },
    });
    await recordAudit(tx, actor, {
      action: 'deal.edited',
      targetType: 'deal',
      targetId: id,
      data: { fields: Object.keys(input) },
    });
    return updated;
  });
}

/** The deal's timeline. */
export async function dealTimeline(db: Db, actor: MemberActor, id: string) {
  await findDeal(db, actor, id);
  const events = await repo.selectDealEvents(db, id);
  return events.map(({ actorUserId, actorName, ...e }) => ({
    ...e,
    actor: actorUserId ? { id: actorUserId, name: actorName ?? '' } : null,
  }));
}

/** The live conflict preview for a registration the actor is typing (needs a partnership with the vendor). */
export async function previewRegistration(db: Db, actor: MemberActor, input: ConflictCheckInput) {
  authorize(actor, 'deals.create');
  await requireActivePartnership(db, actor.scope, input.vendorId, REGISTRATION_TYPES, 'vendorId');
  return previewConflicts(db, input.vendorId, input);
}
