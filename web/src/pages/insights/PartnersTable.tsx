import {
  Badge,
  Button,
  Card,
  Group,
  Progress,
  Stack,
  Table,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import {
  IconArrowDown,
  IconArrowUp,
  IconDownload,
  IconHeartHandshake,
  IconSelector,
} from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { DateText } from '../../components/DateText.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { OrgAvatar } from '../../components/OrgAvatar.tsx';
import { QueryStates } from '../../components/QueryStates.tsx';
import {
  formatWhole,
  type Money,
  type PartnerSort,
  partnerInsightsQuery,
  partnersExportHref,
  trustBand,
} from '../../lib/insights.ts';

/** A trust score as a small bar with its number, coloured by band. */
export function TrustMeter({ score }: { score: number | null | undefined }) {
  if (score === null || score === undefined)
    return (
      <Text size="sm" c="dimmed">
        not scored
      </Text>
    );
  const band = trustBand(score);
  return (
    <Group gap={8} wrap="nowrap">
      <Text size="sm" fw={700} w={26} ta="right">
        {Math.round(score)}
      </Text>
      <Progress
        value={score}
        color={band.color}
        size={8}
        w={64}
        aria-label={`Trust ${Math.round(score)} of 100`}
      />
    </Group>
  );
}

function SortHeader({
  column,
  sort,
  order,
  onSort,
  children,
  w,
  right,
}: {
  column: PartnerSort;
  sort: PartnerSort;
  order: 'asc' | 'desc';
  onSort: (s: PartnerSort) => void;
  children: ReactNode;
  w?: number;
  right?: boolean;
}) {
  const active = sort === column;
  const Icon = !active ? IconSelector : order === 'desc' ? IconArrowDown : IconArrowUp;
  return (
    <Table.Th w={w} aria-sort={active ? (order === 'desc' ? 'descending' : 'ascending') : undefined}>
      <UnstyledButton
        onClick={() => onSort(column)}
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 4,
          marginLeft: right ? 'auto' : undefined,
          font: 'inherit',
          color: active ? 'var(--mantine-color-dark-6)' : 'inherit',
          textTransform: 'inherit',
          letterSpacing: 'inherit',
        }}
      >
        {children}
        <Icon size={14} />
      </UnstyledButton>
    </Table.Th>
  );
}

/** Your partners with their trust and how much they earn you per day and per touch, sortable. */
export function PartnersTable({
  sort,
  order,
  onSort,
  onOpenTrust,
}: {
  sort: PartnerSort;
  order: 'asc' | 'desc';
  onSort: (sort: PartnerSort) => void;
  onOpenTrust: (partnerId: string) => void;
}) {
  const partners = useInfiniteQuery(partnerInsightsQuery(sort, order));
  const rows = partners.data?.pages.flatMap((p) => p.data) ?? [];
  const money = (m: Money | null) => (m ? formatWhole(m) : '—');
  return (
    <Card padding={0} component="section" aria-label="Partners">
      <Group justify="space-between" px="lg" pt="lg" pb="sm" align="flex-start">
        <Stack gap={2}>
          <Title order={3} fz="md">
            Partners
          </Title>
          <Text size="xs" c="dimmed" maw={620}>
            Trust (0–100) from reciprocity, won value, win rate, responsiveness, reliability, recency and
            tenure; efficiency is won revenue per deal-cycle day and per touch (a deal event on its deals).
            Click a score to see why.
          </Text>
        </Stack>
        <Button
          component="a"
          href={partnersExportHref(sort, order)}
          variant="default"
          size="xs"
          leftSection={<IconDownload size={14} />}
        >
          Export CSV
        </Button>
      </Group>
      <QueryStates
        query={partners}
        isEmpty={rows.length === 0}
        empty={{
          icon: <IconHeartHandshake size={28} />,
          title: 'No active partners yet',
          description: 'Trust and efficiency appear for your active and paused partnerships.',
        }}
      >
        <div style={{ opacity: partners.isPlaceholderData ? 0.6 : 1 }}>
          <ListTable
            minWidth={960}
            aria-label="Partners by trust and efficiency"
            horizontalSpacing="md"
            head={
              <>
                <Table.Th>Partner</Table.Th>
                <SortHeader column="trust" sort={sort} order={order} onSort={onSort} w={140}>
                  Trust
                </SortHeader>
                <SortHeader column="won" sort={sort} order={order} onSort={onSort} w={150} right>
                  Won
                </SortHeader>
                <SortHeader column="efficiency_day" sort={sort} order={order} onSort={onSort} w={150} right>
                  Per cycle day
                </SortHeader>
                <SortHeader column="efficiency_touch" sort={sort} order={order} onSort={onSort} w={140} right>
                  Per touch
                </SortHeader>
                <SortHeader column="recent" sort={sort} order={order} onSort={onSort} w={130}>
                  Last deal
                </SortHeader>
              </>
            }
          >
            {rows.map((r) => (
              <Table.Tr key={r.partner.id}>
                <Table.Td>
                  <Group gap="sm" wrap="nowrap">
                    <OrgAvatar name={r.partner.name} size={28} />
                    <Stack gap={0} style={{ minWidth: 0 }}>
                      <Text size="sm" fw={600} truncate>
                        {r.partner.name}
                      </Text>
                      <Text size="xs" c="dimmed">
                        {r.openDeals} open · {r.touches} touches · {r.cycleDays} cycle days
                      </Text>
                    </Stack>
                  </Group>
                </Table.Td>
                <Table.Td>
                  {r.trust ? (
                    <UnstyledButton
                      onClick={() => onOpenTrust(r.partner.id)}
                      aria-label={`Why ${r.partner.name} scores ${Math.round(r.trust.score)}`}
                    >
                      <TrustMeter score={r.trust.score} />
                    </UnstyledButton>
                  ) : (
                    <TrustMeter score={null} />
                  )}
                </Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>
                  <Text size="sm" fw={600}>
                    {money(r.wonValue)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {r.wonDeals} deal{r.wonDeals === 1 ? '' : 's'}
                  </Text>
                </Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>
                  {r.revenuePerCycleDay ? (
                    <Badge variant="light" color="moss" size="lg" fw={600}>
                      {money(r.revenuePerCycleDay)}
                    </Badge>
                  ) : (
                    <Text size="sm" c="dimmed">
                      —
                    </Text>
                  )}
                </Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>
                  <Text size="sm">{money(r.revenuePerTouch)}</Text>
                </Table.Td>
                <Table.Td>
                  <DateText value={r.lastDealAt} format="relative" fallback="no deals" />
                </Table.Td>
              </Table.Tr>
            ))}
          </ListTable>
        </div>
      </QueryStates>
      <div style={{ paddingBottom: partners.hasNextPage ? 'var(--mantine-spacing-md)' : 0 }}>
        <LoadMore {...partners} />
      </div>
    </Card>
  );
}
