import { grantableRoles, ROLE_LABELS, type Role } from '../../../../common/permissions.ts';

/** Select options for the roles `role` may grant. */
export const grantableRoleOptions = (role: Role) =>
  grantableRoles(role).map((r) => ({ value: r, label: ROLE_LABELS[r] }));

/** One line on what each role is for, shown under the role picker. */
export const ROLE_HINTS: Record<Role, string> = {
  owner: 'Full control, including billing-level decisions and other owners.',
  admin: 'Manages members, roles, tokens and settings, and reads the audit log.',
  cpo: 'Leads the partner organization; alliance managers report to them.',
  alliance_manager: 'Owns a portfolio of partners; reports to a Chief Partner Officer.',
  sales: 'Works deals with partners.',
  finance: 'Handles commissions and payouts.',
  member: 'Sees the organization and its people.',
};
