import { Box, Group, Stack, Text } from '@mantine/core';
import { type DragEvent, type ReactNode, useEffect, useState } from 'react';
import { DEAL_STATUS_LABELS, type DealStatus } from '../../../../common/deals.ts';
import { type DealSummary, formatMoney, sumByCurrency } from '../../lib/deals.ts';
import { STATUS_COLORS } from './options.ts';

/** How a column takes part in a drag: the card's own column, a state it may move to, or not. */
export type DropState = 'idle' | 'origin' | 'allowed' | 'blocked';

/** One state's column: header with count and sums per currency, its cards, and a drop target. */
export function BoardColumn({
  status,
  deals,
  drop,
  onDrop,
  children,
}: {
  status: DealStatus;
  deals: readonly DealSummary[];
  drop: DropState;
  onDrop: () => void;
  children: ReactNode;
}) {
  const [over, setOver] = useState(false);
  // A drag that ended elsewhere leaves no highlight behind for the next one.
  useEffect(() => {
    if (drop !== 'allowed') setOver(false);
  }, [drop]);
  // What the cards show: the final amount once won, the estimate before.
  const sums = sumByCurrency(deals.map((d) => ({ amount: d.wonAmount ?? d.amount })));
  const label = DEAL_STATUS_LABELS[status];
  const accept = (e: DragEvent) => {
    if (drop !== 'allowed') return;
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
    if (!over) setOver(true);
  };
  return (
    <Box
      component="section"
      aria-label={`${label}: ${deals.length} ${deals.length === 1 ? 'deal' : 'deals'}`}
      className="myc-board-column"
      data-drop={
        drop === 'allowed' ? (over ? 'over' : 'allowed') : drop === 'blocked' ? 'blocked' : undefined
      }
      onDragEnter={accept}
      onDragOver={accept}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(false);
      }}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        if (drop === 'allowed') onDrop();
      }}
    >
      <Stack gap={2} px="sm" pt="sm" pb={8}>
        <Group justify="space-between" wrap="nowrap" gap="xs">
          <Group gap={8} wrap="nowrap">
            <Box
              w={8}
              h={8}
              style={{ borderRadius: 8, background: `var(--mantine-color-${STATUS_COLORS[status]}-6)` }}
              aria-hidden
            />
            <Text fw={600} size="sm">
              {label}
            </Text>
          </Group>
          <Text size="xs" c="dimmed" fw={600} aria-hidden>
            {deals.length}
          </Text>
        </Group>
        <Text size="xs" c="dimmed" truncate title={sums.map((m) => formatMoney(m)).join(' · ')}>
          {sums.length ? sums.map((m) => formatMoney(m, true)).join(' · ') : '—'}
        </Text>
      </Stack>
      <Stack gap={8} px={8} pb={8} style={{ flex: 1 }}>
        {children}
        {deals.length === 0 && (
          <Text size="xs" c="dimmed" ta="center" py="lg">
            {drop === 'allowed' ? 'Drop here' : 'No deals'}
          </Text>
        )}
      </Stack>
    </Box>
  );
}
