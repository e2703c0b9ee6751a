import { Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconBriefcase } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { DateText } from '../../components/DateText.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { AnchorLink } from '../../components/links.tsx';
import { QueryStates } from '../../components/QueryStates.tsx';
import { dealsQuery, formatMoney } from '../../lib/deals.ts';
import type { PairDeal } from '../../lib/partnerships.ts';
import { OverdueBadge, StatusBadge } from '../deals/DealBadges.tsx';

const DEALS_PAGE = 20;

const KIND_LABELS: Record<PairDeal['kind'], string> = {
  referral: 'Referral',
  registration: 'Registration',
  opportunity: 'Opportunity',
};

/** Deals between your organization and the partner, either way, newest first. */
export function PairDeals({
  partnerId,
  partnerName,
  actions,
}: {
  partnerId: string;
  partnerName: string;
  /** Buttons to start a deal, shown in the header and the empty state. */
  actions?: ReactNode;
}) {
  const deals = useInfiniteQuery(dealsQuery({ partnerId }, DEALS_PAGE));
  const rows = deals.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <Card padding={0} component="section" aria-label="Deals together">
      <Group justify="space-between" px="lg" pt="lg" pb="sm" gap="sm">
        <Title order={3} fz="md">
          Deals together
        </Title>
      </Group>
      <QueryStates
        query={deals}
        skeletonRows={3}
        isEmpty={rows.length === 0}
        empty={{
          icon: <IconBriefcase size={28} />,
          title: 'No deals yet',
          description: `Referrals and registrations between you and ${partnerName} show up here.`,
          children: actions,
        }}
      >
        <ListTable
          minWidth={680}
          aria-label={`Deals with ${partnerName}`}
          head={
            <>
              <Table.Th>Deal</Table.Th>
              <Table.Th w={120}>Kind</Table.Th>
              <Table.Th w={190}>Status</Table.Th>
              <Table.Th w={150} ta="right">
                Amount
              </Table.Th>
              <Table.Th w={120}>Updated</Table.Th>
            </>
          }
        >
          {rows.map((d) => (
            <Table.Tr key={d.id}>
              <Table.Td>
                <Stack gap={0} style={{ minWidth: 0 }}>
                  <AnchorLink
                    to="/deals/$dealId"
                    params={{ dealId: d.id }}
                    size="sm"
                    fw={600}
                    c="dark"
                    lineClamp={1}
                  >
                    {d.title || d.customerName}
                  </AnchorLink>
                  <Text size="xs" c="dimmed" truncate>
                    {[
                      d.title && d.title !== d.customerName ? d.customerName : null,
                      direction(d, partnerName),
                    ]
                      .filter(Boolean)
                      .join(' · ')}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{KIND_LABELS[d.kind]}</Text>
              </Table.Td>
              <Table.Td>
                <Group gap={4} wrap="nowrap">
                  <StatusBadge status={d.status} size="sm" />
                  <OverdueBadge deal={d} size="sm" />
                </Group>
              </Table.Td>
              <Table.Td ta="right">
                <Text size="sm" style={{ whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' }}>
                  {formatMoney(d.wonAmount ?? d.amount)}
                </Text>
              </Table.Td>
              <Table.Td>
                <DateText value={d.updatedAt} format="relative" style={{ whiteSpace: 'nowrap' }} />
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      </QueryStates>
      <div style={{ paddingBottom: deals.hasNextPage ? 'var(--mantine-spacing-md)' : 0 }}>
        <LoadMore {...deals} />
      </div>
    </Card>
  );
}

/** How the deal involves the pair; the partner may also be on it as a co-seller of someone else's deal. */
function direction(d: PairDeal, partnerName: string) {
  if (d.mySide === 'co_seller') return `you co-sell, registered by ${d.from.name}`;
  const sent = d.mySide === 'from';
  const counterpart = sent ? d.to?.name : d.from.name;
  if (counterpart !== partnerName) return `${partnerName} co-sells`;
  if (d.kind === 'opportunity') return sent ? 'your opportunity' : `${partnerName}’s opportunity`;
  return d.kind === 'registration'
    ? sent
      ? `registered with ${partnerName}`
      : `registered by ${partnerName}`
    : sent
      ? `sent to ${partnerName}`
      : `from ${partnerName}`;
}
