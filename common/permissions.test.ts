import { describe, expect, test } from 'vitest';
import { can, grantableRoles, ROLES } from './permissions.ts';

describe('permission table', () => {
  test('only owners and admins manage roles and read the audit log', () => {
    const allowed = ROLES.filter((r) => can(r, 'members.update_role'));
    expect(allowed).toEqual(['owner', 'admin']);
    expect(ROLES.filter((r) => can(r, 'audit.read'))).toEqual(['owner', 'admin']);
  });

  test('everyone may create their own token, only admins for others', () => {
    expect(ROLES.every((r) => can(r, 'tokens.create_own'))).toBe(true);
    expect(can('member', 'tokens.manage_all')).toBe(false);
  });

  test('only an owner can grant ownership; a CPO grants partner-team roles', () => {
    expect(grantableRoles('owner')).toContain('owner');
    expect(grantableRoles('admin')).not.toContain('owner');
    expect(grantableRoles('cpo')).toEqual(['alliance_manager', 'sales', 'member']);
    expect(grantableRoles('member')).toEqual([]);
  });
});
