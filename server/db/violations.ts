/** The constraint name of a PostgreSQL unique violation (23505), also when wrapped by Drizzle. */
export function uniqueViolation(err: unknown): string | undefined {
  for (
    let e = err as { code?: unknown; constraint?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 4;
    depth++
  ) {
    if (e.code === '23505') return typeof e.constraint === 'string' ? e.constraint : 'unique';
    e = e.cause as typeof e;
  }
  return undefined;
}
