import { z } from 'zod';
import { pageQuery } from '../../http/pagination.ts';

const id = z.string().max(64);
const column = (what: string) =>
  z
    .string()
    .max(500)
    .nullable()
    .default(null)
    .describe(`The column (by its header) holding ${what}; null: none`);

/** A column mapping: which column feeds each account field, plus extra fields to keep. */
export const mappingSchema = z
  .object({
    externalId: column("the CRM's account id (required; re-imports update accounts by it)"),
    name: column('the account name (required)'),
    website: column('the website'),
    domain: column('the web domain'),
    email: column('an e-mail address at the company (its domain is used when there is no website or domain)'),
    country: column('the country (ISO code or English name)'),
    status: column('the status or type (customer, prospect, …)'),
    stage: column('the lifecycle or sales stage'),
    fields: z
      .record(z.string().max(63), z.string().max(500))
      .default({})
      .describe(
        'Extra fields to keep: key (lowercase, digits, underscores) → column; filters of custom populations use them',
      ),
  })
  .strict()
  .meta({ id: 'AccountImportMapping' });

export const uploadQuery = z
  .object({
    fileName: z
      .string()
      .trim()
      .min(1)
      .max(255)
      .default('accounts.csv')
      .describe('The name of the uploaded file'),
    subjectId: id
      .optional()
      .describe(
        'An offline partner (an organization without users you have a partnership with) whose list this is; default: your own accounts',
      ),
  })
  .strict();

export const importParams = z.object({ id }).strict();
export const listImportsQuery = pageQuery.strict();

export const startBody = z
  .object({
    mapping: mappingSchema.optional().describe('The mapping to use; default: the one proposed at upload'),
    removeMissing: z
      .boolean()
      .default(false)
      .describe('Remove accounts of the list whose account id is not in this file'),
  })
  .strict();

export const previewBody = z
  .object({
    mapping: mappingSchema.optional().describe('Preview with this mapping; default: the stored one'),
  })
  .strict();

const accountValues = z
  .object({
    externalId: z.string(),
    name: z.string(),
    website: z.string().nullable(),
    domain: z
      .string()
      .nullable()
      .describe('Registrable domain (punycode for IDNs); null for free-mail or none'),
    domainKey: z.string().nullable(),
    nameKey: z.string().describe('Folded name without legal suffixes'),
    country: z.string().nullable().describe('ISO 3166-1 alpha-2; null when unknown'),
    status: z.string().nullable(),
    stage: z.string().nullable(),
    fields: z.record(z.string(), z.string()),
  })
  .meta({ id: 'AccountImportValues' });

export const previewRowSchema = z
  .object({
    row: z.number().int().describe('Row in the file (the header is row 1)'),
    cells: z.array(z.string()),
    account: accountValues.nullable().describe('What the row imports as; null when it is refused'),
    error: z.string().nullable().describe('Why the row is refused'),
  })
  .meta({ id: 'AccountImportPreviewRow' });

export const previewSchema = z.object({ columns: z.array(z.string()), rows: z.array(previewRowSchema) });

export const IMPORT_STATUSES = ['uploaded', 'queued', 'running', 'done', 'failed'] as const;

export const importSchema = z
  .object({
    id: z.string(),
    status: z.enum(IMPORT_STATUSES),
    fileName: z.string(),
    fileBytes: z.number().int(),
    subject: z
      .object({ id: z.string(), name: z.string() })
      .describe('Whose accounts: yours or an offline partner'),
    source: z.enum(['salesforce', 'hubspot', 'generic']).describe('What the header row looks like'),
    encoding: z
      .enum(['utf-8', 'utf-8-bom', 'windows-1252', 'utf-16le', 'utf-16be'])
      .describe('How the file was decoded (windows-1252 covers Latin-1)'),
    delimiter: z.string(),
    columns: z.array(z.string()).describe('The header row'),
    mapping: mappingSchema.nullable(),
    removeMissing: z.boolean(),
    rowsRead: z.number().int().describe('Data rows read so far'),
    estimatedRows: z
      .number()
      .int()
      .nullable()
      .describe('Rows the file holds (estimated from its size until done)'),
    inserted: z.number().int(),
    updated: z.number().int(),
    unchanged: z.number().int(),
    removed: z.number().int(),
    errorRows: z.number().int().describe('Rows refused; see errors.csv'),
    failure: z.string().nullable().describe('Why the import failed (nothing was imported)'),
    createdByUserId: z.string().nullable(),
    createdAt: z.date(),
    startedAt: z.date().nullable(),
    finishedAt: z.date().nullable(),
  })
  .meta({ id: 'AccountImport' });

export const uploadedSchema = importSchema
  .extend({ preview: z.array(previewRowSchema).describe('The first rows with what they import as') })
  .meta({ id: 'AccountImportUploaded' });
