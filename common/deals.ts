import { can, type Permission, type Role } from './permissions.ts';

/**
 * Partnerships and deals: the vocabulary and the state machines, shared by the server (which
 * enforces them), the web app (which only offers allowed moves) and the CLI.
 */

/** Relationship types a partnership can carry. */
export const PARTNERSHIP_TYPES = ['resells', 'refers', 'co_sells', 'technology', 'serves'] as const;
/** A relationship type. */
export type PartnershipType = (typeof PARTNERSHIP_TYPES)[number];

/** Human labels for partnership types. */
export const PARTNERSHIP_TYPE_LABELS: Record<PartnershipType, string> = {
  resells: 'Resells',
  refers: 'Refers',
  co_sells: 'Co-sells',
  technology: 'Technology alliance',
  serves: 'Serves (services)',
};

/** Partnership states. */
export const PARTNERSHIP_STATUSES = [
  'proposed',
  'active',
  'paused',
  'declined',
  'withdrawn',
  'ended',
] as const;
/** A partnership state. */
export type PartnershipStatus = (typeof PARTNERSHIP_STATUSES)[number];

/** Types that allow referrals between the two organizations (either way). */
export const REFERRAL_TYPES: readonly PartnershipType[] = ['refers', 'co_sells', 'resells'];
/** Types that allow a partner to register deals with the other organization as vendor. */
export const REGISTRATION_TYPES: readonly PartnershipType[] = ['resells', 'refers', 'co_sells'];

/** Kinds of deal: a P2P referral, a registration with a vendor, a vendor's own pipeline opportunity. */
export const DEAL_KINDS = ['referral', 'registration', 'opportunity'] as const;
/** A kind of deal. */
export type DealKind = (typeof DEAL_KINDS)[number];

/** Every state per kind, in board order. */
export const DEAL_STATUSES = {
  referral: ['sent', 'accepted', 'qualified', 'proposal', 'won', 'lost', 'declined', 'withdrawn'],
  registration: [
    'draft',
    'submitted',
    'under_review',
    'approved',
    'won',
    'lost',
    'rejected',
    'expired',
    'withdrawn',
  ],
  opportunity: ['open', 'won', 'lost'],
} as const satisfies Record<DealKind, readonly string[]>;

/** Any deal state. */
export type DealStatus = (typeof DEAL_STATUSES)[DealKind][number];

/** Every deal state once. */
export const ALL_DEAL_STATUSES = [...new Set(Object.values(DEAL_STATUSES).flat())] as DealStatus[];

/** Human labels for deal states. */
export const DEAL_STATUS_LABELS: Record<DealStatus, string> = {
  sent: 'Sent',
  accepted: 'Accepted',
  qualified: 'Qualified',
  proposal: 'Proposal',
  declined: 'Declined',
  withdrawn: 'Withdrawn',
  draft: 'Draft',
  submitted: 'Submitted',
  under_review: 'Under review',
  approved: 'Approved',
  rejected: 'Rejected',
  expired: 'Expired',
  open: 'Open',
  won: 'Won',
  lost: 'Lost',
};

/**
 * Which side may make a move: `from` is the organization that created the deal (referral sender,
 * registering partner, opportunity owner), `to` its counterparty (referral receiver, vendor),
 * `either` both, `system` only the scheduled job.
 */
export type DealSide = 'from' | 'to' | 'either' | 'system';

/** One allowed move of the state machine. */
export interface DealTransition {
  kind: DealKind;
  from: DealStatus;
  to: DealStatus;
  by: DealSide;
}

const t = (kind: DealKind, by: DealSide, from: DealStatus[], to: DealStatus): DealTransition[] =>
  from.map((f) => ({ kind, from: f, to, by }));

/** The whole state machine: any move not listed is refused with 409 and the current state. */
export const DEAL_TRANSITIONS: readonly DealTransition[] = [
  ...t('referral', 'to', ['sent'], 'accepted'),
  ...t('referral', 'to', ['sent'], 'declined'),
  ...t('referral', 'from', ['sent'], 'withdrawn'),
  ...t('referral', 'to', ['accepted'], 'qualified'),
  ...t('referral', 'to', ['accepted', 'qualified'], 'proposal'),
  ...t('referral', 'to', ['accepted', 'qualified', 'proposal'], 'won'),
  ...t('referral', 'to', ['accepted', 'qualified', 'proposal'], 'lost'),
  ...t('registration', 'from', ['draft'], 'submitted'),
  ...t('registration', 'from', ['draft', 'submitted', 'under_review'], 'withdrawn'),
  ...t('registration', 'to', ['submitted'], 'under_review'),
  ...t('registration', 'to', ['submitted', 'under_review'], 'approved'),
  ...t('registration', 'to', ['submitted', 'under_review'], 'rejected'),
  ...t('registration', 'either', ['approved'], 'won'),
  ...t('registration', 'either', ['approved'], 'lost'),
  ...t('registration', 'system', ['approved'], 'expired'),
  ...t('opportunity', 'from', ['open'], 'won'),
  ...t('opportunity', 'from', ['open'], 'lost'),
];

/** The allowed move from `from` to `to` for a kind of deal, if any. */
export function findTransition(kind: DealKind, from: string, to: string): DealTransition | undefined {
  return DEAL_TRANSITIONS.find((m) => m.kind === kind && m.from === from && m.to === to);
}

/** Whether a side may make a move (`either` moves belong to both sides). */
export const sideMayMove = (move: DealTransition, side: 'from' | 'to') =>
  move.by === side || move.by === 'either';

/** Moves on a registration that are the vendor's review work (its alliance managers and CPO). */
export const REVIEW_MOVES: readonly DealStatus[] = ['under_review', 'approved', 'rejected'];

/** The permission a move needs: reviews need 'deals.review', every other move 'deals.create'. */
export const permissionForMove = (kind: DealKind, to: DealStatus): Permission =>
  kind === 'registration' && REVIEW_MOVES.includes(to) ? 'deals.review' : 'deals.create';

/**
 * The states a member with `role`, on `side` of a deal, may move it to: the move exists from the
 * current state, belongs to that side (or either), is never the scheduler's; co-sellers never move
 * deals. (The server also checks that an alliance manager owns the partner they review.)
 */
export function movesFor(
  deal: { kind: DealKind; status: string },
  side: 'from' | 'to' | 'co_seller',
  role: Role,
): DealStatus[] {
  if (side === 'co_seller') return [];
  return DEAL_TRANSITIONS.filter(
    (m) =>
      m.kind === deal.kind &&
      m.from === deal.status &&
      sideMayMove(m, side) &&
      can(role, permissionForMove(deal.kind, m.to)),
  ).map((m) => m.to);
}

/** States in which a registration holds (or asks for) the customer for its partner. */
export const ACTIVE_REGISTRATION_STATUSES: readonly DealStatus[] = ['submitted', 'under_review', 'approved'];

/** Final states: nothing moves out of them. */
export const CLOSED_DEAL_STATUSES: readonly DealStatus[] = [
  'won',
  'lost',
  'declined',
  'withdrawn',
  'rejected',
  'expired',
];

/** Attribution roles of the partners on a deal (co-selling). */
export const DEAL_ATTRIBUTIONS = ['sourced', 'influenced', 'delivering'] as const;
/** An attribution role. */
export type DealAttribution = (typeof DEAL_ATTRIBUTIONS)[number];

/** Outcome of the conflict check as the submitting partner sees it. */
export const CONFLICT_OUTCOMES = ['clear', 'potential_conflict', 'blocked'] as const;
/** A conflict outcome. */
export type ConflictOutcome = (typeof CONFLICT_OUTCOMES)[number];

/** ISO 4217 currency codes the runtime knows (Node and browsers ship the same list). */
export const CURRENCIES: readonly string[] = Intl.supportedValuesOf('currency');

/** Digits after the decimal point of a currency's minor unit (EUR 2, JPY 0, BHD 3). */
export function minorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
    .maximumFractionDigits as number;
}
