import { Badge, Card, Stack, Table, Text } from '@mantine/core';
import { IconArrowsExchange } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { DateText } from '../../components/DateText.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { AnchorLink } from '../../components/links.tsx';
import { QueryStates } from '../../components/QueryStates.tsx';
import { type DealFilters, type DealSummary, dealsQuery, formatDay, formatMoney } from '../../lib/deals.ts';
import { formatDateTime } from '../../lib/format.ts';
import { ConflictBadge, StatusBadge } from './DealBadges.tsx';
import { KIND_LABELS } from './options.ts';
import './deals.css';

// States waiting for the other side's answer: only they have a due date worth showing.
const WAITING: readonly string[] = ['sent', 'submitted', 'under_review'];

/** Deals as rows: a row opens the deal; pages load on demand. */
export function DealTable({ filters, filtered }: { filters: DealFilters; filtered: boolean }) {
  const allKinds = !filters.kind;
  const deals = useInfiniteQuery(dealsQuery(filters));
  const rows = deals.data?.pages.flatMap((p) => p.data) ?? [];
  const navigate = useNavigate();
  return (
    <Card padding={0}>
      <QueryStates
        query={deals}
        isEmpty={rows.length === 0}
        empty={{
          icon: <IconArrowsExchange size={28} />,
          title: filtered ? 'No deals match' : 'No deals yet',
          description: filtered
            ? 'Try other filters or clear them.'
            : 'Deals your organization sends, receives or co-sells show up here.',
        }}
      >
        <div style={{ opacity: deals.isPlaceholderData ? 0.6 : 1 }}>
          <ListTable
            minWidth={920}
            aria-label="Deals"
            horizontalSpacing="md"
            head={
              <>
                <Table.Th>Customer</Table.Th>
                {allKinds && <Table.Th w={110}>Kind</Table.Th>}
                <Table.Th w={150}>Status</Table.Th>
                <Table.Th w={180}>Partner</Table.Th>
                <Table.Th w={130} style={{ textAlign: 'right' }}>
                  Amount
                </Table.Th>
                <Table.Th w={130}>Expected close</Table.Th>
                <Table.Th w={110}>Due</Table.Th>
                <Table.Th w={120}>Updated</Table.Th>
              </>
            }
          >
            {rows.map((d) => (
              <Table.Tr
                key={d.id}
                className="myc-deal-row"
                onClick={(e) => {
                  // The customer link handles its own clicks (and middle clicks, new tabs).
                  if ((e.target as HTMLElement).closest('a')) return;
                  navigate({ to: '/deals/$dealId', params: { dealId: d.id } });
                }}
              >
                <Table.Td>
                  <Stack gap={0}>
                    <AnchorLink to="/deals/$dealId" params={{ dealId: d.id }} size="sm" fw={600} c="dark">
                      {d.customerName}
                    </AnchorLink>
                    {d.title !== d.customerName && (
                      <Text size="xs" c="dimmed" lineClamp={1}>
                        {d.title}
                      </Text>
                    )}
                  </Stack>
                </Table.Td>
                {allKinds && (
                  <Table.Td>
                    <Text size="sm">{KIND_LABELS[d.kind].one}</Text>
                  </Table.Td>
                )}
                <Table.Td>
                  <Stack gap={4} align="flex-start">
                    <StatusBadge status={d.status} />
                    <ConflictBadge outcome={d.conflictOutcome} size="xs" />
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <PartnerCell deal={d} />
                </Table.Td>
                <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                  <Text size="sm" fw={500}>
                    {formatMoney(d.wonAmount ?? d.amount)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={d.expectedClose ? undefined : 'dimmed'} style={{ whiteSpace: 'nowrap' }}>
                    {d.expectedClose ? formatDay(d.expectedClose) : '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  {!WAITING.includes(d.status) ? (
                    <Text size="sm" c="dimmed">
                      —
                    </Text>
                  ) : d.overdue ? (
                    <Badge
                      color="red"
                      variant="filled"
                      size="sm"
                      title={d.responseDueAt ? formatDateTime(d.responseDueAt) : undefined}
                    >
                      Overdue
                    </Badge>
                  ) : (
                    <DateText
                      value={d.responseDueAt}
                      format="relative"
                      fallback="—"
                      style={{ whiteSpace: 'nowrap' }}
                    />
                  )}
                </Table.Td>
                <Table.Td>
                  <DateText value={d.updatedAt} format="relative" style={{ whiteSpace: 'nowrap' }} />
                </Table.Td>
              </Table.Tr>
            ))}
          </ListTable>
        </div>
        <LoadMore {...deals} />
        <div style={{ height: deals.hasNextPage ? 16 : 0 }} />
      </QueryStates>
    </Card>
  );
}

/** The other side from yours, and which way the deal goes. */
function PartnerCell({ deal: d }: { deal: DealSummary }) {
  const other = d.mySide === 'from' ? d.to : d.from;
  const way =
    d.mySide === 'co_seller'
      ? d.to
        ? `Co-selling, to ${d.to.name}`
        : 'Co-selling their pipeline'
      : d.kind === 'opportunity'
        ? 'Own pipeline'
        : d.mySide === 'from'
          ? 'Sent'
          : 'Received';
  return (
    <Stack gap={0}>
      {other && (d.kind !== 'opportunity' || d.mySide === 'co_seller') && (
        <Text size="sm" lineClamp={1}>
          {other.name}
        </Text>
      )}
      <Text size="xs" c="dimmed" lineClamp={1}>
        {way}
      </Text>
    </Stack>
  );
}
