import { Badge, Button, Card, Group, Stack, Switch, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconClock, IconInbox } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import type { DealStatus } from '../../../../common/deals.ts';
import { ListTable } from '../../components/ListTable.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { AnchorLink } from '../../components/links.tsx';
import { OrgAvatar } from '../../components/OrgAvatar.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryStates } from '../../components/QueryStates.tsx';
import {
  dueText,
  formatMoney,
  movesFor,
  type ReviewQueueItem,
  reviewQueueQuery,
  useMoveDeal,
  useNow,
} from '../../lib/deals.ts';
import { errorMessage } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import { useSession } from '../../lib/session.ts';
import { ConflictBadge, StatusBadge } from './DealBadges.tsx';
import { MoveModal } from './MoveModal.tsx';

const route = getRouteApi('/authed/app/deals/review');

/** Registrations waiting for your organization's review, soonest due first, with their SLA timers. */
export function ReviewQueuePage() {
  const { me, role } = useSession();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const queue = useInfiniteQuery(reviewQueueQuery(Boolean(search.mine)));
  const rows = queue.data?.pages.flatMap((p) => p.data) ?? [];
  const now = useNow(60_000);
  const move = useMoveDeal();
  const [rejecting, setRejecting] = useState<ReviewQueueItem | null>(null);

  const send = (item: ReviewQueueItem, to: DealStatus, reason?: string) =>
    move.mutateAsync({ deal: item, to, reason }).then(
      () =>
        notifications.show({
          color: 'moss',
          message:
            to === 'approved'
              ? `${item.customerName} is approved and protected for ${item.from.name}.`
              : to === 'rejected'
                ? `${item.customerName} is rejected. ${item.from.name} is told why.`
                : `You are reviewing ${item.customerName}.`,
        }),
      (err) => {
        // The reject dialog shows its own errors; the row buttons tell with a notification.
        if (to === 'rejected') throw err;
        notifications.show({
          color: 'red',
          title: `Could not update ${item.customerName}`,
          message: errorMessage(err),
        });
      },
    );
  const busy = (item: ReviewQueueItem, to: DealStatus) =>
    move.isPending && move.variables?.deal.id === item.id && move.variables.to === to;

  return (
    <>
      <PageHeader
        title="Review queue"
        description="Deal registrations your partners submitted, soonest due first. Approving one protects the customer for that partner."
        actions={
          <Switch
            label="Mine only"
            checked={Boolean(search.mine)}
            onChange={(e) => navigate({ search: { mine: e.currentTarget.checked ? true : undefined } })}
          />
        }
      />
      <Card padding={0}>
        <QueryStates
          query={queue}
          isEmpty={rows.length === 0}
          empty={{
            icon: <IconInbox size={28} />,
            title: 'Nothing waiting for review',
            description: search.mine
              ? 'No registration from the partners you own waits for review.'
              : 'Registrations your partners submit show up here.',
          }}
        >
          <div style={{ opacity: queue.isPlaceholderData ? 0.6 : 1 }}>
            <ListTable
              minWidth={900}
              aria-label="Registrations waiting for review"
              horizontalSpacing="md"
              actionsWidth={250}
              head={
                <>
                  <Table.Th w={210}>Partner</Table.Th>
                  <Table.Th>Customer</Table.Th>
                  <Table.Th w={130} style={{ textAlign: 'right' }}>
                    Amount
                  </Table.Th>
                  <Table.Th w={130}>Conflicts</Table.Th>
                  <Table.Th w={140}>Review due</Table.Th>
                </>
              }
            >
              {rows.map((item) => {
                // An alliance manager reviews the partners they own (or nobody owns); the CPO all.
                const ownedByOther =
                  role === 'alliance_manager' && item.owner && item.owner.id !== me.user.id;
                const moves = ownedByOther ? [] : movesFor(item, role);
                const due = item.responseDueAt ? dueText(item.responseDueAt, now) : null;
                return (
                  <Table.Tr key={item.id}>
                    <Table.Td>
                      <Group gap="sm" wrap="nowrap">
                        <OrgAvatar name={item.from.name} size={28} />
                        <Stack gap={0}>
                          <Text size="sm" fw={500}>
                            {item.from.name}
                          </Text>
                          <Text size="xs" c="dimmed">
                            {item.owner ? `Owner: ${item.owner.name}` : 'No owner'}
                          </Text>
                        </Stack>
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={2}>
                        <AnchorLink to="/deals/$dealId" params={{ dealId: item.id }} size="sm" fw={600}>
                          {item.customerName}
                        </AnchorLink>
                        <Group gap={6}>
                          <StatusBadge status={item.status} size="xs" />
                          {item.customerDomain && (
                            <Text size="xs" c="dimmed">
                              {item.customerDomain}
                            </Text>
                          )}
                        </Group>
                      </Stack>
                    </Table.Td>
                    <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                      <Text size="sm" fw={500}>
                        {formatMoney(item.amount)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      {item.conflictCount > 0 || item.conflictOutcome === 'blocked' ? (
                        <ConflictBadge outcome={item.conflictOutcome} count={item.conflictCount} />
                      ) : (
                        <Badge variant="light" color="moss" size="sm">
                          None
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {due ? (
                        <Group
                          gap={6}
                          wrap="nowrap"
                          title={item.responseDueAt ? formatDateTime(item.responseDueAt) : undefined}
                        >
                          <IconClock
                            size={14}
                            color={due.overdue ? 'var(--mantine-color-red-7)' : 'var(--mantine-color-gray-6)'}
                            aria-hidden
                          />
                          <Text
                            size="sm"
                            c={due.overdue ? 'red.7' : undefined}
                            fw={due.overdue ? 600 : undefined}
                            style={{ whiteSpace: 'nowrap' }}
                          >
                            {due.text}
                          </Text>
                        </Group>
                      ) : (
                        <Text size="sm" c="dimmed">
                          —
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6} justify="flex-end" wrap="nowrap">
                        {ownedByOther && (
                          <Text size="xs" c="dimmed">
                            {item.owner?.name} reviews it
                          </Text>
                        )}
                        {moves.includes('under_review') && (
                          <Button
                            size="xs"
                            variant="default"
                            loading={busy(item, 'under_review')}
                            onClick={() => send(item, 'under_review')}
                          >
                            Start review
                          </Button>
                        )}
                        {moves.includes('rejected') && (
                          <Button size="xs" variant="light" color="red" onClick={() => setRejecting(item)}>
                            Reject
                          </Button>
                        )}
                        {moves.includes('approved') && (
                          <Button
                            size="xs"
                            loading={busy(item, 'approved')}
                            onClick={() => send(item, 'approved')}
                          >
                            Approve
                          </Button>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </ListTable>
          </div>
          <LoadMore {...queue} />
        </QueryStates>
      </Card>
      <MoveModal
        deal={rejecting ?? { customerName: '', amount: { amountMinor: 0, currency: 'EUR' } }}
        to={rejecting ? 'rejected' : null}
        onClose={() => setRejecting(null)}
        onConfirm={({ reason }) => (rejecting ? send(rejecting, 'rejected', reason) : undefined)}
      />
    </>
  );
}
