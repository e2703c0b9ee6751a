import { z } from 'zod';
import { invalidInput } from '../errors.ts';

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

/** A cursor of several values, for lists ordered by more than their id (name then id, due then id). */
export const encodeCursor = (values: readonly unknown[]) =>
  Buffer.from(JSON.stringify(values)).toString('base64url');

/**
 * The values of a cursor {@link encodeCursor} made, when `valid` accepts them; anything else (a
 * cursor from another list, or made up) is a 400 naming the cursor.
 */
export function decodeCursor<T extends unknown[]>(
  cursor: string,
  valid: (values: unknown[]) => values is T,
): T {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(values) && valid(values)) return values;
  } catch {}
  throw invalidInput('The cursor is not one this endpoint returned', 'cursor');
}

/** Accepts a cursor of two strings (a sort key and an id). */
export const twoStrings = (v: unknown[]): v is [string, string] =>
  v.length === 2 && typeof v[0] === 'string' && typeof v[1] === 'string';
