/** Stable error codes and the HTTP status each maps to. */
export const errorStatus = {
  invalid_input: 400,
  invalid_json: 400,
  invalid_range: 400,
  unauthenticated: 401,
  invalid_token: 401,
  invalid_credentials: 401,
  csrf_invalid: 403,
  forbidden: 403,
  not_found: 404,
  route_not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  already_exists: 409,
  invalid_state: 409,
  customer_protected: 409,
  nothing_to_pay: 409,
  over_budget: 409,
  insights_refresh_running: 409,
  community_saved: 409,
  ledger_immutable: 405,
  fx_rate_missing: 422,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
  unavailable: 503,
} as const;

/** One of the stable error codes. */
export type ErrorCode = keyof typeof errorStatus;

/** The only error type services throw on purpose; the error handler turns it into the API error body. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
  }

  /** HTTP status for this error's code. */
  get status(): number {
    return errorStatus[this.code];
  }
}

/** 404 used for missing objects and for other tenants' objects alike, so existence never leaks. */
export const notFound = (what = 'Resource') => new AppError('not_found', `${what} not found`);
/** 403 for a signed-in member whose role does not allow the action. */
export const forbidden = (message = 'Your role does not allow this action') =>
  new AppError('forbidden', message);
/** 400 for input that passed the schema but breaks a rule; `path` names the field. */
export const invalidInput = (message: string, path?: string) =>
  new AppError('invalid_input', message, path ? { issues: [{ path, message }] } : undefined);
