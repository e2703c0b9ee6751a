import { ActionIcon, Menu } from '@mantine/core';
import { IconArrowRight, IconDotsVertical } from '@tabler/icons-react';
import type { DealStatus } from '../../../../common/deals.ts';
import { isNegativeMove, moveLabel } from '../../lib/deals.ts';

/** The keyboard way to move a card: a "Move to…" menu with the same moves as dragging. */
export function MoveMenu({
  customerName,
  moves,
  onMove,
}: {
  customerName: string;
  moves: readonly DealStatus[];
  onMove: (to: DealStatus) => void;
}) {
  if (moves.length === 0) return null;
  return (
    <Menu position="bottom-end" withinPortal shadow="md">
      <Menu.Target>
        <ActionIcon
          variant="subtle"
          color="gray"
          size="sm"
          aria-label={`Move ${customerName} to…`}
          onClick={(e) => e.stopPropagation()}
        >
          <IconDotsVertical size={16} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>Move to…</Menu.Label>
        {moves.map((to) => (
          <Menu.Item
            key={to}
            color={isNegativeMove(to) ? 'red' : undefined}
            leftSection={<IconArrowRight size={14} />}
            onClick={() => onMove(to)}
          >
            {moveLabel(to)}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
