import { Badge, type BadgeProps } from '@mantine/core';
import { IconAward } from '@tabler/icons-react';
import {
  APPLICATION_STATUS_META,
  type ApplicationStatus,
  KIND_META,
  MDF_STATUS_META,
  type MdfStatus,
  PROGRAM_STATUS_META,
  type ProgramKind,
  type ProgramStatus,
} from '../../lib/programs.ts';

const fixed = { flex: 'none', overflow: 'visible' } as const;

/** A program's state. */
export function ProgramStatusBadge({
  status,
  size = 'sm',
}: {
  status: ProgramStatus;
  size?: BadgeProps['size'];
}) {
  const meta = PROGRAM_STATUS_META[status];
  return (
    <Badge variant="light" color={meta.color} size={size} style={fixed}>
      {meta.label}
    </Badge>
  );
}

/** A program's kind. */
export function KindBadge({ kind, size = 'sm' }: { kind: ProgramKind; size?: BadgeProps['size'] }) {
  return (
    <Badge variant="outline" color="gray" fw={500} size={size} style={fixed}>
      {KIND_META[kind]?.label ?? kind}
    </Badge>
  );
}

/** An application's state. */
export function ApplicationStatusBadge({ status }: { status: ApplicationStatus }) {
  const meta = APPLICATION_STATUS_META[status];
  return (
    <Badge variant="light" color={meta.color} size="sm" style={fixed}>
      {meta.label}
    </Badge>
  );
}

/** An MDF request's state. */
export function MdfStatusBadge({ status }: { status: MdfStatus }) {
  const meta = MDF_STATUS_META[status];
  return (
    <Badge variant="light" color={meta.color} size="sm" style={fixed}>
      {meta.label}
    </Badge>
  );
}

/** A partner's tier (or none yet). */
export function TierBadge({
  tier,
  size = 'sm',
}: {
  tier: { name: string } | null;
  size?: BadgeProps['size'];
}) {
  return tier ? (
    <Badge variant="light" color="grape" size={size} leftSection={<IconAward size={12} />} style={fixed}>
      {tier.name}
    </Badge>
  ) : (
    <Badge variant="outline" color="gray" size={size} fw={500} style={fixed}>
      No tier yet
    </Badge>
  );
}
