import type { Role } from '../../common/permissions.ts';
import type { TenantScope } from '../db/tenant.ts';

/** Who is calling: the signed-in user (cookie session or API token) and, when resolved, their tenant. */
export interface Actor {
  userId: string;
  email: string;
  /** Whether the user proved they own the address (a magic link or verification mail). */
  emailVerified: boolean;
  name: string;
  via: 'session' | 'token';
  tokenId?: string;
  requestId: string;
}

/** An actor acting inside one organization with a role. */
export interface MemberActor extends Actor {
  scope: TenantScope;
  orgId: string;
  /** The organization's name (notices say who acted). */
  orgName: string;
  memberId: string;
  role: Role;
}
