import { Stack, Table, Text } from '@mantine/core';
import { formatMoney, formatRate } from '../../../../common/money.ts';
import { ListTable } from '../../components/ListTable.tsx';
import { formatMetric, METRIC_LABELS, METRICS, type Program, ruleSummary } from '../../lib/programs.ts';
import { TierBadge } from './ProgramBadges.tsx';

/** The tiers, lowest first, as a table: what each requires and what it gives. */
export function TierLadder({
  program: p,
  currentTierId,
}: {
  program: Program;
  currentTierId?: string | null;
}) {
  if (p.tiers.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {p.mine ? 'No tiers yet: add them in the builder.' : 'This program has no tiers yet.'}
      </Text>
    );
  // Only requirements some tier uses are columns.
  const metrics = METRICS.filter((m) => p.tiers.some((t) => t.requirements[m] > 0));
  const everyTier = p.rules.filter((r) => r.tierId === null);
  return (
    <Stack gap="sm">
      <ListTable
        minWidth={640}
        aria-label="Tier ladder"
        head={
          <>
            <Table.Th>Tier</Table.Th>
            {metrics.map((m) => (
              <Table.Th key={m}>{METRIC_LABELS[m]}</Table.Th>
            ))}
            <Table.Th>Discount</Table.Th>
            <Table.Th>MDF per year</Table.Th>
            <Table.Th miw={200}>Commissions</Table.Th>
          </>
        }
      >
        {p.tiers.map((t) => {
          const own = t.benefits.rules.filter((r) => r.tierId === t.id);
          return (
            <Table.Tr key={t.id} bg={t.id === currentTierId ? 'grape.0' : undefined}>
              <Table.Td>
                <Stack gap={2}>
                  <TierBadge tier={t} />
                  {t.id === currentTierId && (
                    <Text size="xs" c="grape.8">
                      Your tier
                    </Text>
                  )}
                </Stack>
              </Table.Td>
              {metrics.map((m) => (
                <Table.Td key={m}>
                  <Text size="sm" c={t.requirements[m] ? undefined : 'dimmed'}>
                    {t.requirements[m] ? formatMetric(m, t.requirements[m], p.currency) : '—'}
                  </Text>
                </Table.Td>
              ))}
              <Table.Td>
                <Text size="sm">{t.benefits.discountBp ? formatRate(t.benefits.discountBp) : '—'}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {t.benefits.mdfBudgetMinor
                    ? formatMoney({ amountMinor: t.benefits.mdfBudgetMinor, currency: p.currency })
                    : '—'}
                </Text>
              </Table.Td>
              <Table.Td>
                {own.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {everyTier.length ? 'Program-wide only' : '—'}
                  </Text>
                ) : (
                  <Stack gap={2}>
                    {own.map((r) => (
                      <Text key={r.id} size="sm">
                        {ruleSummary(r)}
                      </Text>
                    ))}
                  </Stack>
                )}
              </Table.Td>
            </Table.Tr>
          );
        })}
      </ListTable>
      {everyTier.length > 0 && (
        <Stack gap={2} px="lg">
          <Text size="sm" fw={600}>
            At every tier
          </Text>
          {everyTier.map((r) => (
            <Text key={r.id} size="sm">
              {ruleSummary(r)}
            </Text>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
