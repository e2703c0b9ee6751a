import { ActionIcon, Card, Group, Popover, SimpleGrid, Skeleton, Stack, Text } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { type Cockpit, formatAmount, formatDays, formatRatio } from '../../lib/cockpit.ts';

/** A headline number: its label, value, a line under it, and the key of its definition. */
interface Kpi {
  label: string;
  value: string;
  hint?: string;
  definition: string;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/** The cockpit's headline numbers, in the order the page shows them. */
export function kpisOf(c: Cockpit): Kpi[] {
  const k = c.kpis;
  const money = (m: { amountMinor: number; currency: string } | null) =>
    m ? formatAmount(m, c.currency) : '—';
  return [
    {
      label: 'Partner-sourced revenue',
      value: money(k.partnerSourced.revenue),
      hint: `${plural(k.partnerSourced.deals, 'won deal')} partners brought`,
      definition: 'partnerSourced',
    },
    {
      label: 'Partner-influenced revenue',
      value: money(k.partnerInfluenced.revenue),
      hint: `${plural(k.partnerInfluenced.deals, 'won deal')} with a partner on it`,
      definition: 'partnerInfluenced',
    },
    {
      label: 'Channel share',
      value: formatRatio(k.channelShare),
      hint: k.direct
        ? `of won revenue · direct ${money(k.direct.revenue)}`
        : 'organization-wide only: direct deals belong to no portfolio',
      definition: 'channelShare',
    },
    {
      label: 'Active partners',
      value: k.activePartners.active.toLocaleString(),
      hint: `of ${k.activePartners.total.toLocaleString()} partners (${formatRatio(k.activePartners.ratio)}), trailing 12 months`,
      definition: 'activePartners',
    },
    {
      label: 'Activation rate',
      value: formatRatio(k.activation.rate),
      hint: `${k.activation.activated} of ${plural(k.activation.joined, 'partner')} who joined have a deal`,
      definition: 'activation',
    },
    {
      label: 'Time to first deal',
      value: formatDays(k.timeToFirstDeal.medianDays),
      hint: `median over ${plural(k.timeToFirstDeal.partners, 'partner')}`,
      definition: 'timeToFirstDeal',
    },
    {
      label: 'Partner win rate',
      value: formatRatio(k.winRate.partner),
      hint: `direct ${formatRatio(k.winRate.direct)}`,
      definition: 'winRate',
    },
    {
      label: 'Average deal size',
      value: money(k.avgDealSize.partner),
      hint: `with partners · direct ${money(k.avgDealSize.direct)}`,
      definition: 'avgDealSize',
    },
    {
      label: 'Time to close',
      value: formatDays(k.timeToClose.partner),
      hint: `with partners · ${formatDays(k.timeToClose.direct)} direct`,
      definition: 'timeToClose',
    },
    {
      label: 'Top-10 concentration',
      value: formatRatio(k.concentration.top10Share),
      hint: `of sourced revenue · HHI ${k.concentration.hhi === null ? '—' : k.concentration.hhi.toLocaleString()}`,
      definition: 'concentration',
    },
    {
      label: 'Cost of indirect selling',
      value: k.costOfIndirect.costBps === null ? '—' : `${(k.costOfIndirect.costBps / 100).toFixed(1)} %`,
      hint: `of partner revenue · direct costs ${(k.costOfIndirect.directCostOfSaleBps / 100).toFixed(1)} %`,
      definition: 'costOfIndirect',
    },
    {
      label: 'P2P share',
      value: formatRatio(k.p2p.share),
      hint: `${money(k.p2p.revenue)} from referrals`,
      definition: 'p2p',
    },
  ];
}

/** The headline numbers as cards, each with its definition behind an (i). */
export function KpiGrid({ cockpit }: { cockpit: Cockpit | undefined }) {
  if (!cockpit)
    return (
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
        {Array.from({ length: 8 }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
          <Skeleton key={i} height={116} radius="lg" />
        ))}
      </SimpleGrid>
    );
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} aria-label="Key figures">
      {kpisOf(cockpit).map((kpi) => (
        <KpiCard
          key={kpi.label}
          label={kpi.label}
          value={kpi.value}
          hint={kpi.hint}
          definition={cockpit.definitions[kpi.definition]}
        />
      ))}
    </SimpleGrid>
  );
}

/** One headline number with its definition. */
export function KpiCard({
  label,
  value,
  hint,
  definition,
}: {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
  definition?: string;
}) {
  return (
    <Card padding="lg" role="group" aria-label={label}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" gap={4}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: '0.04em' }}>
            {label}
          </Text>
          {definition && (
            <Popover width={300} position="bottom-end" withArrow shadow="md">
              <Popover.Target>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  size="sm"
                  aria-label={`How ${label.toLowerCase()} is counted`}
                >
                  <IconInfoCircle size={16} />
                </ActionIcon>
              </Popover.Target>
              <Popover.Dropdown>
                <Text size="xs" fw={600} mb={4}>
                  {label}
                </Text>
                <Text size="xs">{definition}</Text>
              </Popover.Dropdown>
            </Popover>
          )}
        </Group>
        <Text fz={26} fw={700} lh={1.1}>
          {value}
        </Text>
        {hint && (
          <Text size="xs" c="dimmed" lineClamp={2}>
            {hint}
          </Text>
        )}
      </Stack>
    </Card>
  );
}
