import { Card, Group, Stack, Text } from '@mantine/core';
import { IconCalendar } from '@tabler/icons-react';
import type { DealStatus } from '../../../../common/deals.ts';
import { AnchorLink } from '../../components/links.tsx';
import { OrgAvatar } from '../../components/OrgAvatar.tsx';
import { counterpartOf, type DealSummary, formatDay, formatMoney } from '../../lib/deals.ts';
import { ConflictBadge, OverdueBadge } from './DealBadges.tsx';
import { MoveMenu } from './MoveMenu.tsx';

/** A deal on the board: customer, title, amount, partner, badges; draggable where it can move. */
export function DealCard({
  deal,
  moves,
  dragging,
  onDragStart,
  onDragEnd,
  onMove,
}: {
  deal: DealSummary;
  moves: readonly DealStatus[];
  dragging: boolean;
  onDragStart: () => void;
  onDragEnd: () => void;
  onMove: (to: DealStatus) => void;
}) {
  const partner = counterpartOf(deal);
  const movable = moves.length > 0;
  return (
    <Card
      component="article"
      aria-label={deal.customerName}
      padding="sm"
      radius="md"
      shadow={dragging ? 'md' : 'xs'}
      className="myc-deal-card"
      data-movable={movable || undefined}
      data-dragging={dragging || undefined}
      draggable={movable}
      onDragStart={(e) => {
        e.dataTransfer.effectAllowed = 'move';
        e.dataTransfer.setData('text/plain', deal.id);
        onDragStart();
      }}
      onDragEnd={onDragEnd}
    >
      <Stack gap={6}>
        <Group justify="space-between" align="flex-start" gap={4} wrap="nowrap">
          <AnchorLink
            to="/deals/$dealId"
            params={{ dealId: deal.id }}
            fw={600}
            size="sm"
            c="dark"
            lineClamp={2}
            draggable={false}
          >
            {deal.customerName}
          </AnchorLink>
          <MoveMenu customerName={deal.customerName} moves={moves} onMove={onMove} />
        </Group>
        {deal.title !== deal.customerName && (
          <Text size="xs" c="dimmed" lineClamp={2} mt={-4}>
            {deal.title}
          </Text>
        )}
        <Text size="sm" fw={500}>
          {formatMoney(deal.wonAmount ?? deal.amount)}
        </Text>
        {partner && (
          <Group gap={6} wrap="nowrap">
            <OrgAvatar name={partner.name} size={18} radius="sm" />
            <Text size="xs" c="dimmed" truncate>
              {deal.mySide === 'from' ? 'To ' : deal.mySide === 'to' ? 'From ' : 'Co-selling with '}
              {partner.name}
            </Text>
          </Group>
        )}
        {deal.expectedClose && (
          <Group gap={6} wrap="nowrap" c="dimmed">
            <IconCalendar size={14} aria-hidden />
            <Text size="xs">Closes {formatDay(deal.expectedClose)}</Text>
          </Group>
        )}
        {(deal.overdue ||
          deal.conflictOutcome === 'potential_conflict' ||
          deal.conflictOutcome === 'blocked') && (
          <Group gap={4}>
            <OverdueBadge deal={deal} size="xs" />
            <ConflictBadge outcome={deal.conflictOutcome} size="xs" />
          </Group>
        )}
      </Stack>
    </Card>
  );
}
