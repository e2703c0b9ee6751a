import { z } from 'zod';

const errorBody = z.object({
  error: z.object({
    code: z.string().describe('Stable snake_case error code'),
    message: z.string().describe('Human-readable explanation'),
    details: z.unknown().optional().describe('For invalid_input: { issues: [{ path, message }] }'),
  }),
});

/** Error responses every authenticated route can give, for the OpenAPI document. */
export const errorResponses = {
  400: errorBody.describe('Invalid input'),
  401: errorBody.describe('Not signed in, or the API token is invalid'),
  403: errorBody.describe('Your role does not allow this'),
  404: errorBody.describe("Not found (also for other organizations' objects)"),
  409: errorBody.describe('Conflicts with the current state'),
  429: errorBody.describe('Rate limited'),
};

/** The 422 of a route that converts money into the reporting currency. */
export const fxRateMissing = {
  422: errorBody.describe('fx_rate_missing: no rate for a currency pair and date'),
};

/** Security requirement: cookie session or bearer token. */
export const secured: { [name: string]: string[] }[] = [{ bearer: [] }, { cookie: [] }];
