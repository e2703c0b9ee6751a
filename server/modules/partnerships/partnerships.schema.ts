import { z } from 'zod';
import { PARTNERSHIP_STATUSES, PARTNERSHIP_TYPES } from '../../../common/deals.ts';
import { pageQuery } from '../../http/pagination.ts';
import { addOrganizationBody } from '../directory/index.ts';

const orgRef = z
  .object({ id: z.string(), name: z.string(), slug: z.string() })
  .meta({ id: 'OrganizationRef' });

const userRef = z
  .object({ id: z.string(), name: z.string(), email: z.string() })
  .nullable()
  .describe('The owning alliance manager on that side, if assigned');

const typesSchema = z
  .array(z.enum(PARTNERSHIP_TYPES))
  .min(1)
  .max(PARTNERSHIP_TYPES.length)
  .refine((types) => new Set(types).size === types.length, { message: 'Each type once' })
  .describe(`Relationship types: ${PARTNERSHIP_TYPES.join(', ')}`);

export const partnershipSchema = z
  .object({
    id: z.string(),
    status: z
      .enum(PARTNERSHIP_STATUSES)
      .describe('proposed → active | declined | withdrawn; active ⇄ paused; → ended'),
    types: z.array(z.enum(PARTNERSHIP_TYPES)),
    message: z.string().describe("The proposer's note"),
    direction: z.enum(['outgoing', 'incoming']).describe('outgoing: your organization proposed it'),
    partner: orgRef.describe('The other organization'),
    partnerOffline: z
      .boolean()
      .describe('The partner has no users yet: it answers once it claims its profile'),
    myOwner: userRef,
    partnerOwner: userRef,
    pausedByMe: z.boolean().nullable().describe('When paused: whether your side paused it'),
    endReason: z.string().nullable(),
    createdAt: z.date(),
    decidedAt: z.date().nullable().describe('When the partner accepted or declined'),
    statusChangedAt: z.date(),
  })
  .meta({ id: 'Partnership' });

export const partnershipEventSchema = z
  .object({
    id: z.string(),
    kind: z
      .string()
      .describe('proposed, accepted, declined, withdrawn, paused, resumed, ended, owner_changed'),
    organization: orgRef.describe('The side that acted'),
    actor: z.object({ id: z.string(), name: z.string() }).nullable(),
    data: z.unknown().nullable(),
    createdAt: z.date(),
  })
  .meta({ id: 'PartnershipEvent' });

export const listPartnershipsQuery = pageQuery
  .extend({
    status: z.enum(PARTNERSHIP_STATUSES).optional().describe('Only partnerships in this state'),
    type: z.enum(PARTNERSHIP_TYPES).optional().describe('Only partnerships carrying this type'),
    direction: z.enum(['outgoing', 'incoming']).optional(),
    partnerId: z.string().max(64).optional().describe('Only the partnership with this organization'),
    q: z.string().trim().max(120).optional().describe("Partner's name contains"),
  })
  .strict();

export const proposeBody = z
  .object({
    partnerId: z
      .string()
      .max(64)
      .optional()
      .describe('The organization to partner with (from the directory)'),
    newPartner: addOrganizationBody
      .pick({ name: true, domain: true })
      .optional()
      .describe('An offline partner that is not on Mycelium yet: added to the directory, claimable later'),
    types: typesSchema,
    message: z.string().trim().max(2000).default('').describe('A note to the partner'),
    ownerUserId: z.string().max(64).optional().describe('Your owning alliance manager (defaults to you)'),
  })
  .strict()
  .refine((b) => (b.partnerId ? 1 : 0) + (b.newPartner ? 1 : 0) === 1, {
    message: 'Give either partnerId or newPartner',
    path: ['partnerId'],
  });

export const partnershipParams = z.object({ id: z.string().max(64) }).strict();

export const decideBody = z
  .object({
    reason: z.string().trim().max(2000).optional().describe('Why (shown to the partner)'),
    ownerUserId: z
      .string()
      .max(64)
      .optional()
      .describe('On accept: your owning alliance manager (defaults to you)'),
  })
  .strict();

export const ownerBody = z
  .object({ ownerUserId: z.string().max(64).nullable().describe("Your side's owning alliance manager") })
  .strict();

/** A move on a partnership. */
export const PARTNERSHIP_ACTIONS = ['accept', 'decline', 'withdraw', 'pause', 'resume', 'end'] as const;
export type PartnershipAction = (typeof PARTNERSHIP_ACTIONS)[number];
export const actionParams = z
  .object({ id: z.string().max(64), action: z.enum(PARTNERSHIP_ACTIONS) })
  .strict();

export type ProposeInput = z.infer<typeof proposeBody>;
