import { Badge, type BadgeProps, Group } from '@mantine/core';
import {
  PARTNERSHIP_TYPE_LABELS,
  type PartnershipStatus,
  type PartnershipType,
} from '../../../../common/deals.ts';
import { STATUS_META } from '../../lib/partnerships.ts';

/** A partnership's state as a badge. */
export function StatusBadge({
  status,
  size = 'sm',
}: {
  status: PartnershipStatus;
  size?: BadgeProps['size'];
}) {
  const meta = STATUS_META[status];
  return (
    <Badge variant="light" color={meta.color} size={size} style={{ flex: 'none', overflow: 'visible' }}>
      {meta.label}
    </Badge>
  );
}

/** A partnership's relationship types as outlined badges. */
export function TypeBadges({
  types,
  size = 'sm',
}: {
  types: readonly PartnershipType[];
  size?: BadgeProps['size'];
}) {
  return (
    <Group gap={4}>
      {types.map((t) => (
        <Badge key={t} variant="outline" color="gray" fw={500} size={size} style={{ flex: 'none' }}>
          {PARTNERSHIP_TYPE_LABELS[t] ?? t}
        </Badge>
      ))}
    </Group>
  );
}
