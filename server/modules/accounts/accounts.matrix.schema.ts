import { z } from 'zod';
import { pageQuery } from '../../http/pagination.ts';
import { SHARING_LEVELS } from './accounts.sharing.ts';

const id = z.string().max(64);
const orgRef = z.object({ id: z.string(), name: z.string(), slug: z.string() });
const level = z.enum(SHARING_LEVELS);
const kind = z.enum(['customers', 'prospects', 'open_opportunities', 'custom']);
const populationRef = z.object({ id: z.string(), name: z.string(), kind });

/** The extra field names full sharing may carry: the standard columns or imported field names. */
const fieldName = z.string().trim().min(1).max(100);

export const partnerQuery = z
  .object({
    partnerId: id.describe('The partner organization (or the offline partner whose list you uploaded)'),
  })
  .strict();

export const putSharingBody = z
  .object({
    partnerId: id.describe('The partner organization (needs an active partnership)'),
    populations: z
      .array(
        z
          .object({
            populationId: id.describe('One of your populations'),
            level: level.describe(
              'hidden: nothing, not even that it exists; counts: overlap counts; overlap: names and domains ' +
                'of the accounts you both have; full: overlap plus `fields`',
            ),
            fields: z
              .array(fieldName)
              .max(50)
              .optional()
              .describe(
                'With full only: extra fields the partner sees on overlapping accounts (website, country, ' +
                  'status, stage, or an imported field name)',
              ),
          })
          .strict(),
      )
      .max(31)
      .describe('Your whole sharing toward this partner: populations left out become hidden'),
  })
  .strict();

const partnerSide = {
  partner: orgRef,
  offline: z
    .boolean()
    .describe('The partner has no users: the list is one you uploaded, visible to you only'),
  partnershipStatus: z
    .enum(['proposed', 'active', 'paused'])
    .nullable()
    .describe('The live partnership, if any (sharing needs an active one)'),
};

export const sharingSchema = z
  .object({
    ...partnerSide,
    mine: z
      .array(
        z.object({
          population: populationRef,
          level,
          fields: z.array(z.string()).describe('Extra fields shared at full'),
        }),
      )
      .describe('Each of your populations and what you share of it with this partner'),
    theirs: z
      .array(z.object({ population: populationRef, level, fields: z.array(z.string()) }))
      .describe('What the partner shares with you: only populations shared at counts or more'),
    fields: z.array(z.string()).describe('Field names of your accounts that full sharing can include'),
  })
  .meta({ id: 'AccountSharing' });

const levels = z.object({
  counts: z.number().int(),
  overlap: z.number().int(),
  full: z.number().int(),
});

export const partnersSchema = z
  .object({
    data: z.array(
      z.object({
        ...partnerSide,
        hasAccounts: z.boolean().describe('The partner (or your list for them) has accounts'),
        iShare: levels
          .extend({ hidden: z.number().int() })
          .describe('How many of your populations you share with them at each level'),
        theyShare: levels.describe('How many of their populations they share with you at each level'),
      }),
    ),
  })
  .meta({ id: 'AccountPartners' });

export const matrixSchema = z
  .object({
    ...partnerSide,
    rows: z
      .array(populationRef.extend({ level: level.describe('What you share of it with this partner') }))
      .describe('Your populations'),
    columns: z
      .array(populationRef.extend({ level: level.describe('What the partner shares of it with you') }))
      .describe("The partner's populations shared with you at counts or more"),
    cells: z.array(
      z.object({
        mine: z.string().describe('Your population (row)'),
        theirs: z.string().describe("The partner's population (column)"),
        visible: z.boolean().describe('Both sides share their population at counts or more'),
        keys: z
          .number()
          .int()
          .nullable()
          .describe('Accounts both have (duplicates count once); null when hidden'),
        level: level.describe('The lower of both sides’ levels: overlap or full lets you open the list'),
      }),
    ),
    totals: z.object({
      visibleCells: z.number().int(),
      maxKeys: z.number().int().describe('The largest visible count (for a heat map)'),
    }),
  })
  .meta({ id: 'AccountMatrix' });

export const cellQuery = z
  .object({
    partnerId: id,
    mine: id.describe('Your population (row)'),
    theirs: id.describe("The partner's population (column)"),
  })
  .strict();

export const cellPageQuery = pageQuery.extend(cellQuery.shape).strict();

const myAccount = z.object({
  id: z.string(),
  externalId: z.string(),
  name: z.string(),
  domain: z.string().nullable(),
  website: z.string().nullable(),
  country: z.string().nullable(),
  status: z.string().nullable(),
  stage: z.string().nullable(),
  fields: z.record(z.string(), z.string()),
});

export const cellPageSchema = z
  .object({
    level: level.describe(
      'What the partner shares of their population: overlap (names and domains) or full (plus the fields they chose)',
    ),
    data: z.array(
      z.object({
        mine: z
          .array(myAccount)
          .describe('Your accounts with this match (duplicates of one company together)'),
        theirs: z
          .array(
            z.object({
              name: z.string(),
              domain: z.string().nullable(),
              fields: z
                .record(z.string(), z.string())
                .describe('The fields the partner shares at full, else {}'),
            }),
          )
          .describe("The partner's matching accounts"),
      }),
    ),
    nextCursor: z.string().nullable(),
  })
  .meta({ id: 'AccountOverlapPage' });

export const networkQuery = z.object({ population: id.describe('One of your populations') }).strict();

export const networkSchema = z
  .object({
    population: populationRef,
    data: z.array(
      z.object({
        partner: orgRef,
        offline: z.boolean(),
        status: z
          .enum(['shared', 'not_shared', 'no_accounts'])
          .describe(
            'shared: a count; not_shared: one side shares nothing for it; no_accounts: nothing imported',
          ),
        keys: z.number().int().nullable().describe('The best overlap with one of their visible populations'),
        best: populationRef.nullable().describe('Their population with that overlap'),
      }),
    ),
  })
  .meta({ id: 'AccountNetwork' });
