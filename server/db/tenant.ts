import { and, eq, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

declare const scopeBrand: unique symbol;

/**
 * Proof that the caller resolved a tenant. Repos of tenant-owned tables take one as their first
 * argument and filter by it, so a query without a tenant does not type-check.
 */
export interface TenantScope {
  readonly orgId: string;
  readonly [scopeBrand]: true;
}

/** Makes a scope; only the request's actor resolution, flows and seeds call this. */
export const tenantScope = (orgId: string): TenantScope => ({ orgId }) as TenantScope;

/** `organization_id = scope.orgId`, and any further conditions. */
export function inTenant(
  table: { organizationId: PgColumn },
  scope: TenantScope,
  ...conds: (SQL | undefined)[]
) {
  return and(eq(table.organizationId, scope.orgId), ...conds)!;
}
