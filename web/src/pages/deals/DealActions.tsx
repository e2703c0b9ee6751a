import { Button, Group } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPencil } from '@tabler/icons-react';
import { useState } from 'react';
import { DEAL_STATUS_LABELS, type DealStatus } from '../../../../common/deals.ts';
import { type Deal, isNegativeMove, moveLabel, useMoveDeal } from '../../lib/deals.ts';
import { EditDealModal } from './EditDealModal.tsx';
import { MoveModal } from './MoveModal.tsx';

/** The moves open to you on this deal (each confirmed in a dialog), and editing when you may. */
export function DealActions({ deal }: { deal: Deal }) {
  const move = useMoveDeal();
  const [to, setTo] = useState<DealStatus | null>(null);
  const [editing, edit] = useDisclosure(false);
  // Positive moves first and filled; turning down, withdrawing and losing after, in red.
  const moves = [...deal.allowedMoves].sort((a, b) => Number(isNegativeMove(a)) - Number(isNegativeMove(b)));
  if (moves.length === 0 && !deal.canEdit) return null;
  return (
    <Group gap="sm" justify="flex-end">
      {deal.canEdit && (
        <Button variant="default" leftSection={<IconPencil size={16} />} onClick={edit.open}>
          Edit
        </Button>
      )}
      {moves.map((m, i) => (
        <Button
          key={m}
          variant={isNegativeMove(m) ? 'light' : i === 0 ? 'filled' : 'light'}
          color={isNegativeMove(m) ? 'red' : undefined}
          onClick={() => setTo(m)}
        >
          {moveLabel(m)}
        </Button>
      ))}
      <MoveModal
        deal={deal}
        to={to}
        onClose={() => setTo(null)}
        onConfirm={async (details) => {
          const target = to;
          if (!target) return;
          await move.mutateAsync({ deal, to: target, ...details });
          notifications.show({
            color: 'moss',
            message: `${deal.customerName} is now ${DEAL_STATUS_LABELS[target].toLowerCase()}.`,
          });
        }}
      />
      {deal.canEdit && <EditDealModal deal={deal} opened={editing} onClose={edit.close} />}
    </Group>
  );
}
