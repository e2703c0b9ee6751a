import { z } from 'zod';
import { FILTER_OPS, MAX_CUSTOM_POPULATIONS, POPULATION_KINDS } from './accounts.populations.rules.ts';

const id = z.string().max(64);

const condition = z
  .object({
    field: z
      .string()
      .min(1)
      .max(200)
      .describe('name, domain, country, status or stage; or fields.<name> for an imported extra field'),
    op: z.enum(FILTER_OPS).describe('How the field is compared (case-insensitive, spaces trimmed)'),
    value: z
      .union([z.string().max(500), z.array(z.string().max(500)).min(1).max(100)])
      .optional()
      .describe(
        'A string for equals / not_equals / contains, a list for in; none for is_empty / is_not_empty',
      ),
  })
  .strict()
  .meta({ id: 'PopulationCondition' });

/** A custom population's filter: every condition must hold. */
export const populationFilterSchema = z
  .object({
    all: z.array(condition).max(20).describe('Conditions that must all hold (none: every account)'),
  })
  .strict()
  .meta({ id: 'PopulationFilter' });

const populationName = z
  .string()
  .trim()
  .min(1)
  .max(80)
  .describe('Shown in the matrix and to partners you share it with');

export const populationsQuery = z
  .object({
    subjectId: id
      .optional()
      .describe("Whose accounts: your own (default) or an offline partner's list you uploaded"),
  })
  .strict();

export const populationParams = z.object({ id }).strict();

export const createPopulationBody = z
  .object({
    name: populationName,
    filter: populationFilterSchema,
    subjectId: id.optional().describe("The set: your own accounts (default) or an offline partner's list"),
  })
  .strict();

export const updatePopulationBody = z
  .object({
    name: populationName.optional(),
    filter: populationFilterSchema.optional().describe('Custom populations only'),
  })
  .strict();

export const populationSchema = z
  .object({
    id: z.string(),
    subjectId: z.string().describe('Whose accounts the population is drawn from'),
    kind: z.enum(POPULATION_KINDS),
    name: z.string(),
    bit: z.number().int().describe('Its bit in the set (0–2 standard, 3–30 custom)'),
    filter: populationFilterSchema.nullable().describe('Custom populations: the filter; standard ones: null'),
    accounts: z.number().int().describe('Accounts in the population'),
    keys: z.number().int().describe('Distinct companies (match keys): duplicates count once'),
    createdAt: z.date(),
  })
  .meta({ id: 'Population' });

export const populationListSchema = z.object({
  data: z.array(populationSchema),
  maxCustom: z
    .number()
    .int()
    .describe(`How many custom populations a set may have (${MAX_CUSTOM_POPULATIONS})`),
});

export const fieldListSchema = z.object({
  standard: z.array(z.string()).describe('Account columns a filter can name'),
  extra: z
    .array(z.string())
    .describe('Imported extra fields seen in your accounts (name them fields.<name>)'),
});

export const recomputeSchema = z.object({
  sets: z.number().int().describe('Sets rebuilt'),
  pairs: z.number().int().describe('Pairs recomputed'),
  ms: z.number().int().describe('How long it took, in milliseconds'),
});

/** A custom population to create. */
export type CreatePopulationInput = z.infer<typeof createPopulationBody>;
/** A population change. */
export type UpdatePopulationInput = z.infer<typeof updatePopulationBody>;
