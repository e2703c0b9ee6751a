import { can, type Permission } from '../../common/permissions.ts';
import { forbidden } from '../errors.ts';
import type { MemberActor } from './actor.ts';

/** Throws 403 unless the actor's role holds the permission. */
export function authorize(actor: MemberActor, permission: Permission): void {
  if (!can(actor.role, permission)) throw forbidden();
}
