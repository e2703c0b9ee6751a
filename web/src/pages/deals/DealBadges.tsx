import { Badge, type BadgeProps, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconClock, IconShieldLock } from '@tabler/icons-react';
import { DEAL_STATUS_LABELS, type DealStatus } from '../../../../common/deals.ts';
import type { DealSummary } from '../../lib/deals.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { STATUS_COLORS } from './options.ts';

/** A deal's state. */
export function StatusBadge({ status, ...props }: { status: DealStatus } & BadgeProps) {
  return (
    <Badge variant="light" color={STATUS_COLORS[status]} {...props}>
      {DEAL_STATUS_LABELS[status]}
    </Badge>
  );
}

/** "Overdue" with the date the answer was due, for deals waiting past their response time. */
export function OverdueBadge({
  deal,
  size = 'sm',
}: { deal: Pick<DealSummary, 'overdue' | 'responseDueAt'> } & Pick<BadgeProps, 'size'>) {
  if (!deal.overdue) return null;
  return (
    <Tooltip
      label={
        deal.responseDueAt
          ? `An answer was due ${formatDateTime(deal.responseDueAt)}`
          : 'Past its response time'
      }
      withArrow
    >
      <Badge color="red" variant="filled" size={size} leftSection={<IconClock size={12} />}>
        Overdue{deal.responseDueAt ? ` · ${formatDate(deal.responseDueAt)}` : ''}
      </Badge>
    </Tooltip>
  );
}

/** What the conflict engine found when a registration was submitted (nothing when clear). */
export function ConflictBadge({
  outcome,
  count,
  size = 'sm',
}: {
  outcome: DealSummary['conflictOutcome'];
  count?: number;
} & Pick<BadgeProps, 'size'>) {
  if (outcome === 'potential_conflict' || (count && count > 0 && outcome !== 'blocked')) {
    return (
      <Badge color="yellow" variant="light" size={size} leftSection={<IconAlertTriangle size={12} />}>
        {count ? `${count} conflict${count === 1 ? '' : 's'}` : 'Possible conflict'}
      </Badge>
    );
  }
  if (outcome === 'blocked') {
    return (
      <Badge color="red" variant="light" size={size} leftSection={<IconShieldLock size={12} />}>
        Protected customer
      </Badge>
    );
  }
  return null;
}
