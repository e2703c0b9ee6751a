import { ApiError } from './api.ts';

/** A message a person can act on, for any error an API call or the network can throw. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.status === 429)
      return err.body.error.message || 'Too many attempts; wait a minute and try again.';
    return err.body.error.message || `Request failed (${err.status})`;
  }
  if (err instanceof TypeError) return 'Cannot reach the server. Check your connection and try again.';
  return err instanceof Error ? err.message : 'Something went wrong';
}

/** Field errors of an invalid_input answer, keyed by form field (`body.email` → `email`). */
export function fieldErrors(err: unknown): Record<string, string> {
  if (!(err instanceof ApiError)) return {};
  const errors: Record<string, string> = {};
  for (const issue of err.body.error.details?.issues ?? []) {
    const field = issue.path.replace(/^(body|query|params)\./, '');
    errors[field] ??= issue.message;
  }
  return errors;
}

/**
 * Field errors of an invalid_input answer keyed by form field, for forms whose fields are lists or
 * records: `body.countries.1` → `countries`; for a field named in `nested`, one level deeper
 * (`body.filter.region.0` → `filter.region`).
 */
export function formErrors(err: unknown, nested: readonly string[] = []): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [path, message] of Object.entries(fieldErrors(err))) {
    const parts = path.split('.');
    const field = nested.includes(parts[0] ?? '') ? parts.slice(0, 2).join('.') : (parts[0] ?? path);
    errors[field] ??= message;
  }
  return errors;
}

/** Whether an error is the API's answer with this HTTP status. */
export const hasStatus = (err: unknown, status: number) => err instanceof ApiError && err.status === status;
