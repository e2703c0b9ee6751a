import { Card, Group, Progress, SimpleGrid, Skeleton, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconArrowRight, IconArrowsExchange } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatMoney, type Money } from '../../lib/deals.ts';
import {
  formatHours,
  formatRate,
  type LedgerSide,
  type PairLedger,
  partnershipLedgerQuery,
} from '../../lib/partnerships.ts';

/** What flows between you and the partner: one card per direction, and how balanced it is. */
export function PairLedgerPanel({ partnershipId }: { partnershipId: string }) {
  const ledger = useQuery(partnershipLedgerQuery(partnershipId));
  if (ledger.isPending) {
    return (
      <Stack gap="lg" aria-busy="true" aria-label="Loading the pair ledger">
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Skeleton height={190} radius="lg" />
          <Skeleton height={190} radius="lg" />
        </SimpleGrid>
        <Skeleton height={96} radius="lg" />
      </Stack>
    );
  }
  if (ledger.isError) {
    return (
      <ErrorAlert
        error={ledger.error}
        title="Could not load the pair ledger"
        onRetry={() => ledger.refetch()}
      />
    );
  }
  const l = ledger.data;
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <SideCard from="You" to={l.partner.name} side={l.sent} answeredBy={l.partner.name} />
        <SideCard from={l.partner.name} to="You" side={l.received} answeredBy="You" />
      </SimpleGrid>
      <ReciprocityCard ledger={l} />
    </Stack>
  );
}

function SideCard({
  from,
  to,
  side,
  answeredBy,
}: {
  from: string;
  to: string;
  side: LedgerSide;
  answeredBy: string;
}) {
  return (
    <Card padding="lg" component="section" aria-label={`${from} to ${to}`}>
      <Group gap={6} mb="md" wrap="nowrap">
        <Text component="h3" fw={650} fz="md" m={0} truncate>
          {from}
        </Text>
        <IconArrowRight
          size={16}
          color="var(--mantine-color-gray-6)"
          aria-label="to"
          style={{ flex: 'none' }}
        />
        <Text component="h3" fw={650} fz="md" m={0} truncate>
          {to}
        </Text>
      </Group>
      <SimpleGrid cols={2} spacing="md" verticalSpacing="md">
        <Figure label="Deals" value={side.deals} />
        <Figure label="Value" value={<MoneyFigure amounts={side.value} />} />
        <Figure label="Won" value={side.won} />
        <Figure label="Won value" value={<MoneyFigure amounts={side.wonValue} />} />
        <Figure label="Win rate" value={formatRate(side.winRate)} hint="Of the deals decided" />
        <Figure
          label="Median answer"
          value={formatHours(side.medianResponseHours)}
          hint={`${answeredBy === 'You' ? 'Your' : `${answeredBy}’s`} time to respond`}
        />
      </SimpleGrid>
    </Card>
  );
}

/** Totals per currency, compact ("SEK 2.4M"), one currency a line; the exact amounts on hover. */
function MoneyFigure({ amounts }: { amounts: readonly Money[] }) {
  if (amounts.length === 0) return '—';
  return amounts.map((m) => (
    <span key={m.currency} title={formatMoney(m)} style={{ display: 'block' }}>
      {formatMoney(m, true)}
    </span>
  ));
}

function Figure({ label, value, hint }: { label: string; value: ReactNode; hint?: string }) {
  return (
    <Stack gap={2} style={{ minWidth: 0 }}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: '0.04em' }}>
        {label}
      </Text>
      <Text fw={650} fz="lg" lh={1.25} component="div">
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Stack>
  );
}

function ReciprocityCard({ ledger: l }: { ledger: PairLedger }) {
  const value = l.reciprocity;
  const pct = value === null ? 0 : Math.round(value * 100);
  const lean =
    l.sent.deals === l.received.deals
      ? 'Deals flow as much each way.'
      : l.sent.deals > l.received.deals
        ? `You send ${l.partner.name} more deals than you get back.`
        : `${l.partner.name} sends you more deals than you send back.`;
  return (
    <Card padding="lg" component="section" aria-label="Reciprocity">
      <Group justify="space-between" align="flex-start" wrap="nowrap" mb="sm">
        <Group gap="sm" wrap="nowrap">
          <ThemeIcon variant="light" size={34} radius="md">
            <IconArrowsExchange size={18} />
          </ThemeIcon>
          <div>
            <Title order={3} fz="md">
              Reciprocity
            </Title>
            <Text size="xs" c="dimmed">
              100% when as many deals go each way, 0% when they all go one way.
            </Text>
          </div>
        </Group>
        <Text fz={26} fw={700} lh={1}>
          {value === null ? '—' : `${pct}%`}
        </Text>
      </Group>
      <Progress
        value={pct}
        size="lg"
        radius="xl"
        color={pct >= 60 ? 'moss' : pct >= 30 ? 'yellow' : 'orange'}
        aria-label="Reciprocity"
        aria-valuetext={value === null ? 'No deals yet' : `${pct}%`}
      />
      <Text size="sm" c="dimmed" mt="sm">
        {value === null ? 'No deals yet either way.' : lean}
      </Text>
    </Card>
  );
}
