import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { uniqueViolation } from '../db/violations.ts';
import { AppError, type ErrorCode, errorStatus } from '../errors.ts';

/** The API error body. */
export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

const fastifyCodes: Record<string, [ErrorCode, string]> = {
  FST_ERR_CTP_INVALID_JSON_BODY: ['invalid_json', 'The request body is not valid JSON'],
  FST_ERR_CTP_EMPTY_JSON_BODY: [
    'invalid_json',
    'The request body is empty but Content-Type is application/json',
  ],
  FST_ERR_CTP_BODY_TOO_LARGE: ['payload_too_large', 'The request body is too large'],
  FST_ERR_CTP_INVALID_MEDIA_TYPE: [
    'unsupported_media_type',
    'Unsupported Content-Type; send application/json',
  ],
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: ['invalid_input', 'Content-Length does not match the body'],
  FST_CSRF_INVALID_TOKEN: ['csrf_invalid', 'Missing or invalid CSRF token; send the x-csrf-token header'],
  FST_CSRF_MISSING_SECRET: ['csrf_invalid', 'Missing CSRF secret; fetch /api/v1/csrf first'],
};

// Other libraries' 4xx errors, by status.
const genericCodes: Record<number, ErrorCode> = {
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
};

/** Sends an error body with the status of its code. */
export function sendError(reply: FastifyReply, code: ErrorCode, message: string, details?: unknown) {
  const body: ErrorBody = { error: { code, message, ...(details === undefined ? {} : { details }) } };
  return reply.status(errorStatus[code]).send(body);
}

/** Turns every thrown error into the API error body; unknown errors become a logged, detail-free 500. */
export function registerErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof AppError) return sendError(reply, err.code, err.message, err.details);
    // A unique index caught what a service's own check missed (two requests racing): a conflict.
    const constraint = uniqueViolation(err);
    if (constraint) {
      return sendError(
        reply,
        'conflict',
        'This conflicts with a record that was just created; reload and retry',
        {
          constraint,
        },
      );
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const issues = err.validation.map((v) => ({
        path: [err.validationContext, ...v.instancePath.split('/').filter(Boolean)].join('.'),
        message: v.message ?? 'Invalid value',
      }));
      const [first] = issues;
      const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
      const summary = first ? `: ${first.path} — ${first.message}${more}` : '';
      return sendError(reply, 'invalid_input', `Invalid ${err.validationContext ?? 'input'}${summary}`, {
        issues,
      });
    }
    if (isResponseSerializationError(err)) {
      req.log.error({ err, issues: err.cause.issues }, 'response did not match its schema');
      return sendError(reply, 'internal_error', 'Something went wrong');
    }
    const known = err.code ? fastifyCodes[err.code] : undefined;
    if (known) return sendError(reply, known[0], known[1]);
    if (err.statusCode === 429) return sendError(reply, 'rate_limited', err.message || 'Too many requests');
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return sendError(reply, genericCodes[err.statusCode] ?? 'invalid_input', err.message);
    }
    req.log.error({ err }, 'unhandled error');
    return sendError(reply, 'internal_error', 'Something went wrong');
  });
}
