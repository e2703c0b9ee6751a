import { Badge, type MantineColor } from '@mantine/core';
import { ROLE_LABELS, type Role } from '../../../common/permissions.ts';

const ROLE_COLORS: Record<Role, MantineColor> = {
  owner: 'grape',
  admin: 'indigo',
  cpo: 'moss',
  alliance_manager: 'teal',
  sales: 'blue',
  finance: 'orange',
  member: 'gray',
};

/** A role as a coloured label. */
export function RoleBadge({ role, size = 'sm' }: { role: Role; size?: 'xs' | 'sm' | 'md' }) {
  return (
    <Badge color={ROLE_COLORS[role]} variant="light" size={size}>
      {ROLE_LABELS[role]}
    </Badge>
  );
}
