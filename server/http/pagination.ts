import { z } from 'zod';

/** Query parameters of every list endpoint. */
export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('Page size (1–200)'),
  cursor: z.string().max(100).optional().describe('The nextCursor of the previous page'),
});

/** A page of items with the cursor of the next page (null on the last page). */
export const pageOf = <T extends z.ZodType>(item: T) =>
  z.object({
    data: z.array(item),
    nextCursor: z.string().nullable().describe('Cursor of the next page, or null'),
  });

/** Cuts a `limit + 1` row fetch into a page; the cursor is the last row's id (ids are time-ordered). */
export function toPage<T extends { id: string }>(rows: T[], limit: number) {
  const data = rows.slice(0, limit);
  return { data, nextCursor: rows.length > limit ? (data.at(-1)?.id ?? null) : null };
}
