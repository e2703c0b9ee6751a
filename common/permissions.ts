/** Roles a member can hold in an organization, most powerful first. */
export const ROLES = ['owner', 'admin', 'cpo', 'alliance_manager', 'sales', 'finance', 'member'] as const;

/** A member's role. */
export type Role = (typeof ROLES)[number];

/** Human labels for roles. */
export const ROLE_LABELS: Record<Role, string> = {
  owner: 'Owner',
  admin: 'Admin',
  cpo: 'Chief Partner Officer',
  alliance_manager: 'Alliance manager',
  sales: 'Sales',
  finance: 'Finance',
  member: 'Member',
};

const everyone = ROLES;
const admins = ['owner', 'admin'] as const;
const partnerTeam = ['owner', 'admin', 'cpo', 'alliance_manager'] as const;

/** The one permission table: which roles may do what. */
export const PERMISSIONS = {
  'organization.read': everyone,
  'organization.update': admins,
  'members.read': everyone,
  'members.invite': ['owner', 'admin', 'cpo'],
  'members.update_role': admins,
  'members.remove': admins,
  'reporting.update': ['owner', 'admin', 'cpo'],
  'tokens.create_own': everyone,
  'tokens.manage_all': admins,
  'audit.read': admins,
  'directory.add': partnerTeam,
  'ecosystems.manage': partnerTeam,
  'ecosystems.join': partnerTeam,
  'partnerships.manage': partnerTeam,
  'deals.create': [...partnerTeam, 'sales'],
  'deals.review': partnerTeam,
  'deals.settings': ['owner', 'admin', 'cpo'],
  'programs.manage': ['owner', 'admin', 'cpo'],
  'programs.review': partnerTeam,
  'programs.apply': partnerTeam,
  'money.read': [...partnerTeam, 'finance'],
  'money.settings': ['owner', 'admin', 'finance'],
  'payouts.run': ['owner', 'admin', 'finance'],
  'mdf.request': partnerTeam,
  'mdf.review': [...partnerTeam, 'finance'],
  'accounts.read': [...partnerTeam, 'sales'],
  'accounts.import': partnerTeam,
  'accounts.share': ['owner', 'admin', 'cpo'],
  'insights.read': [...partnerTeam, 'sales', 'finance'],
  'insights.manage': partnerTeam,
  'insights.refresh': ['owner', 'admin', 'cpo'],
  'cockpit.read': [...partnerTeam, 'finance'],
  'cockpit.settings': ['owner', 'admin', 'cpo', 'finance'],
} as const satisfies Record<string, readonly Role[]>;

/** A permission name. */
export type Permission = keyof typeof PERMISSIONS;

/** Whether a role holds a permission. */
export function can(role: Role, permission: Permission): boolean {
  return (PERMISSIONS[permission] as readonly Role[]).includes(role);
}

/** Roles a member with `role` may grant (only an owner may make owners). */
export function grantableRoles(role: Role): Role[] {
  if (role === 'owner') return [...ROLES];
  if (role === 'admin') return ROLES.filter((r) => r !== 'owner');
  if (role === 'cpo') return ['alliance_manager', 'sales', 'member'];
  return [];
}

/** Narrowing guard for role strings read from storage. */
export const isRole = (value: string): value is Role => (ROLES as readonly string[]).includes(value);

/** A stored role as a Role; anything unknown (a role removed from the table) counts as the weakest. */
export const toRole = (value: string): Role => (isRole(value) ? value : 'member');
