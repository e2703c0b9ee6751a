import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { memberOf } from '../../http/hooks.ts';
import { pageOf } from '../../http/pagination.ts';
import { errorResponses, secured } from '../../http/responses.ts';
import {
  importParams,
  importSchema,
  listImportsQuery,
  previewBody,
  previewSchema,
  startBody,
  uploadedSchema,
  uploadQuery,
} from './accounts.import.schema.ts';
import * as service from './accounts.import.ts';

/** Content types an uploaded file may come as (browsers label .csv files variously). */
const FILE_TYPES = [
  'text/csv',
  'application/csv',
  'application/octet-stream',
  'application/vnd.ms-excel',
  'text/plain',
];

/** Account imports: upload a CSV file, preview and map it, start it, follow it, download its errors. */
export const accountImportRoutes: FastifyPluginAsyncZod = async (app) => {
  const base = { tags: ['Accounts'], security: secured };
  const { ctx } = app;

  // Scoped to these routes: the body stays an unread stream, so the upload handler (after the
  // caller is authorized) copies it to the database chunk by chunk and counts its size itself.
  app.addContentTypeParser(FILE_TYPES, (_req, payload, done) => done(null, payload));

  app.post('/accounts/imports', {
    schema: {
      ...base,
      summary: 'Upload a CSV file of accounts: stored, previewed and mapped, not imported yet',
      description:
        'Send the file as the raw body (Content-Type text/csv or application/octet-stream). Salesforce Account and ' +
        'HubSpot company exports are recognized; UTF-8 (with or without BOM) and Windows-1252/Latin-1 are read. ' +
        `Files over ${service.MAX_IMPORT_BYTES / 1024 ** 2} MB are refused with 413 (import them with the CLI); files that ` +
        'are not CSV with 400. Start the import with POST /accounts/imports/{id}/start.',
      querystring: uploadQuery,
      consumes: FILE_TYPES,
      response: {
        201: uploadedSchema,
        413: errorResponses[400].describe('The file is too large'),
        ...errorResponses,
      },
    },
    handler: async (req, reply) => {
      const length = Number(req.headers['content-length']);
      const body = req.body instanceof Readable ? req.body : Readable.from([]);
      const { row, preview } = await service.uploadImport(
        ctx,
        memberOf(req),
        {
          fileName: req.query.fileName,
          subjectId: req.query.subjectId,
          contentLength:
            Number.isFinite(length) && req.headers['content-length'] !== undefined ? length : undefined,
        },
        body,
      );
      const found = await service.getImport(ctx.db, memberOf(req), row.id);
      return reply.code(201).send({ ...found, preview });
    },
  });

  app.get('/accounts/imports', {
    schema: {
      ...base,
      summary: 'Your account imports, newest first',
      querystring: listImportsQuery,
      response: { 200: pageOf(importSchema), ...errorResponses },
    },
    handler: (req) => service.listImports(ctx.db, memberOf(req), req.query),
  });

  app.get('/accounts/imports/:id', {
    schema: {
      ...base,
      summary: 'An import: status, progress (rows read of the estimated total) and totals',
      params: importParams,
      response: { 200: importSchema, ...errorResponses },
    },
    handler: (req) => service.getImport(ctx.db, memberOf(req), req.params.id),
  });

  app.post('/accounts/imports/:id/preview', {
    schema: {
      ...base,
      summary:
        'The first rows of an uploaded file with a mapping: what each imports as, or why it is refused',
      params: importParams,
      body: previewBody,
      response: { 200: previewSchema, ...errorResponses },
    },
    handler: (req) => service.previewImport(ctx.db, memberOf(req), req.params.id, req.body.mapping),
  });

  app.post('/accounts/imports/:id/start', {
    schema: {
      ...base,
      summary: 'Start an uploaded import with a mapping; it runs as a job (follow it with GET)',
      description:
        'Accounts are upserted by external id; with removeMissing, accounts whose id is not in the file are removed. ' +
        '400 for a mapping without account id or name or with a column the file does not have; 409 unless uploaded.',
      params: importParams,
      body: startBody,
      response: { 200: importSchema, ...errorResponses },
    },
    handler: (req) => service.startImport(ctx, memberOf(req), req.params.id, req.body),
  });

  app.get('/accounts/imports/:id/errors.csv', {
    schema: {
      ...base,
      summary: "The import's refused rows as CSV: row, message, raw (cells neutralized for spreadsheets)",
      params: importParams,
      produces: ['text/csv'],
    },
    handler: async (req, reply) => {
      const { filename, lines } = await service.errorReport(ctx.db, memberOf(req), req.params.id);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${filename}"`)
        .send(Readable.from(lines));
    },
  });

  app.delete('/accounts/imports/:id', {
    schema: {
      ...base,
      summary: 'Discard an uploaded import that was not started (its file is deleted)',
      params: importParams,
      response: { 204: z.null().describe('Discarded'), ...errorResponses },
    },
    handler: async (req, reply) => {
      await service.discardImport(ctx.db, memberOf(req), req.params.id);
      return reply.code(204).send(null);
    },
  });
};
