import { type SQL, sql } from 'drizzle-orm';

/** A text[] literal of bound parameters (an empty list is `'{}'::text[]`), for `= any(…)`, `&&` and `unnest(…)`. */
export const textArray = (values: readonly string[]): SQL =>
  values.length
    ? sql`ARRAY[${sql.join(
        values.map((v) => sql`${v}`),
        sql`, `,
      )}]::text[]`
    : sql`'{}'::text[]`;
