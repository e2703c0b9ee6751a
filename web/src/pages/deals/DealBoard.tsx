import { Button, Card, EmptyState, Group, Skeleton, Stack, Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowsExchange } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import {
  DEAL_STATUS_LABELS,
  DEAL_STATUSES,
  type DealKind,
  type DealStatus,
} from '../../../../common/deals.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import {
  BOARD_PAGE,
  type DealFilters,
  type DealSummary,
  dealsQuery,
  movesFor,
  useMoveDeal,
} from '../../lib/deals.ts';
import { errorMessage } from '../../lib/errors.ts';
import { useSession } from '../../lib/session.ts';
import { BoardColumn, type DropState } from './BoardColumn.tsx';
import { DealCard } from './DealCard.tsx';
import { asksDetails, type MoveDetails, MoveModal } from './MoveModal.tsx';
import { HIDEABLE_COLUMNS } from './options.ts';
import './deals.css';

/**
 * One column per state of a kind, in the state machine's order. Cards move by dragging (allowed
 * columns light up, others dim) or by their "Move to…" menu; the move shows at once and is rolled
 * back if the server refuses it.
 */
export function DealBoard({
  kind,
  filters,
  empty,
}: {
  kind: DealKind;
  filters: DealFilters;
  /** What to show when no deal matches (differs with and without filters). */
  empty: ReactNode;
}) {
  const { role } = useSession();
  const deals = useInfiniteQuery(dealsQuery(filters, BOARD_PAGE));
  const move = useMoveDeal();
  const [dragging, setDragging] = useState<{ deal: DealSummary; moves: DealStatus[] } | null>(null);
  const [asking, setAsking] = useState<{ deal: DealSummary; to: DealStatus } | null>(null);
  const [showAll, setShowAll] = useState(false);

  if (deals.isPending) return <BoardSkeleton />;
  if (deals.isError) return <ErrorAlert error={deals.error} onRetry={() => deals.refetch()} />;
  const rows = deals.data.pages.flatMap((p) => p.data);
  if (rows.length === 0) return empty;

  const byStatus = new Map<DealStatus, DealSummary[]>();
  for (const d of rows) byStatus.set(d.status, [...(byStatus.get(d.status) ?? []), d]);
  const hidden = DEAL_STATUSES[kind].filter((s) => HIDEABLE_COLUMNS.includes(s) && !byStatus.get(s)?.length);
  const columns = DEAL_STATUSES[kind].filter(
    (s) => showAll || !hidden.includes(s) || dragging?.moves.includes(s),
  );

  const send = (deal: DealSummary, to: DealStatus, details: MoveDetails = {}) =>
    move.mutate(
      { deal, to, ...details },
      {
        onSuccess: () =>
          notifications.show({
            color: 'moss',
            message: `${deal.customerName} is now ${DEAL_STATUS_LABELS[to].toLowerCase()}.`,
            autoClose: 2500,
          }),
        onError: (err) =>
          notifications.show({
            color: 'red',
            title: `Could not move ${deal.customerName}`,
            message: errorMessage(err),
          }),
      },
    );
  const request = (deal: DealSummary, to: DealStatus) => {
    if (asksDetails(to)) setAsking({ deal, to });
    else send(deal, to);
  };
  const dropState = (status: DealStatus): DropState => {
    if (!dragging) return 'idle';
    if (dragging.deal.status === status) return 'origin';
    return dragging.moves.includes(status) ? 'allowed' : 'blocked';
  };

  return (
    <Stack gap="sm">
      {hidden.length > 0 && (
        <Group justify="flex-end">
          <Switch
            size="sm"
            label={`Show empty ${hidden.map((s) => DEAL_STATUS_LABELS[s].toLowerCase()).join(' and ')} column${hidden.length > 1 ? 's' : ''}`}
            checked={showAll}
            onChange={(e) => setShowAll(e.currentTarget.checked)}
          />
        </Group>
      )}
      <div className="myc-board" style={{ opacity: deals.isPlaceholderData ? 0.6 : 1 }}>
        {columns.map((status) => {
          const cards = byStatus.get(status) ?? [];
          return (
            <BoardColumn
              key={status}
              status={status}
              deals={cards}
              drop={dropState(status)}
              onDrop={() => dragging && request(dragging.deal, status)}
            >
              {cards.map((deal) => {
                const moves = movesFor(deal, role);
                return (
                  <DealCard
                    key={deal.id}
                    deal={deal}
                    moves={moves}
                    dragging={dragging?.deal.id === deal.id}
                    onDragStart={() => setDragging({ deal, moves })}
                    onDragEnd={() => setDragging(null)}
                    onMove={(to) => request(deal, to)}
                  />
                );
              })}
            </BoardColumn>
          );
        })}
      </div>
      {deals.hasNextPage && (
        <Group justify="center" gap="sm">
          <Text size="sm" c="dimmed">
            Showing the newest {rows.length} deals.
          </Text>
          <Button
            variant="default"
            size="xs"
            loading={deals.isFetchingNextPage}
            onClick={() => deals.fetchNextPage()}
          >
            Load more
          </Button>
        </Group>
      )}
      <MoveModal
        deal={asking?.deal ?? { customerName: '', amount: { amountMinor: 0, currency: 'EUR' } }}
        to={asking?.to ?? null}
        onClose={() => setAsking(null)}
        onConfirm={(details) => {
          if (asking) send(asking.deal, asking.to, details);
        }}
      />
    </Stack>
  );
}

function BoardSkeleton() {
  return (
    <div className="myc-board" role="status" aria-busy="true" aria-label="Loading">
      {[3, 2, 2, 1, 1].map((cards, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
        <div key={i} className="myc-board-column" style={{ padding: 10, gap: 8 }}>
          <Skeleton height={14} width="50%" mb={6} />
          {Array.from({ length: cards }, (_, j) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
            <Skeleton key={j} height={96} radius="md" />
          ))}
        </div>
      ))}
    </div>
  );
}

/** The board's empty state: nothing of this kind yet, or nothing matching the filters. */
export function BoardEmpty({
  filtered,
  kindLabel,
  action,
}: {
  filtered: boolean;
  kindLabel: string;
  action?: ReactNode;
}) {
  return (
    <Card padding="xl">
      <EmptyState
        py={32}
        withIndicatorBackground
        icon={<IconArrowsExchange size={28} />}
        title={filtered ? 'No deals match' : `No ${kindLabel.toLowerCase()} yet`}
        description={
          filtered
            ? 'Try other filters or clear them.'
            : 'Deals your organization sends, receives or co-sells show up here.'
        }
      >
        {action}
      </EmptyState>
    </Card>
  );
}
