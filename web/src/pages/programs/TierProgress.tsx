import { Alert, Group, Progress, Stack, Text } from '@mantine/core';
import { IconAlertTriangle, IconTrophy } from '@tabler/icons-react';
import { formatDay } from '../../lib/deals.ts';
import { type Enrollment, formatMetric, metricLabel, progressPercent } from '../../lib/programs.ts';
import { TierBadge } from './ProgramBadges.tsx';

/** An enrollment's tier and how far it is from the next one, a bar per requirement. */
export function TierProgress({ enrollment: e }: { enrollment: Enrollment }) {
  const currency = e.program.currency;
  const { progress } = e;
  return (
    <Stack gap="md">
      <Group gap="sm">
        <Text size="sm" c="dimmed">
          Current tier
        </Text>
        <TierBadge tier={e.tier} size="md" />
      </Group>
      {progress.headline && (
        <Group gap="xs" wrap="nowrap">
          <IconTrophy size={18} color="var(--mantine-color-grape-6)" aria-hidden />
          <Text fw={600}>{progress.headline}</Text>
        </Group>
      )}
      {progress.requirements.length > 0 && progress.nextTier && (
        <Stack gap="sm" aria-label={`Requirements for ${progress.nextTier.name}`}>
          {progress.requirements.map((r) => (
            <div key={r.metric}>
              <Group justify="space-between" gap="xs" mb={4}>
                <Text size="sm">{metricLabel(r.metric)}</Text>
                <Text size="sm" c={r.met ? 'moss.7' : 'dimmed'} fw={r.met ? 600 : 400}>
                  {formatMetric(r.metric, r.current, currency)} of{' '}
                  {formatMetric(r.metric, r.target, currency)}
                  {r.met ? ' ✓' : ''}
                </Text>
              </Group>
              <Progress
                value={progressPercent(r.current, r.target)}
                color={r.met ? 'moss' : 'grape'}
                size="md"
                radius="xl"
                aria-label={`${metricLabel(r.metric)}: ${formatMetric(r.metric, r.current, currency)} of ${formatMetric(r.metric, r.target, currency)}`}
              />
            </div>
          ))}
        </Stack>
      )}
      {!progress.headline && (
        <Text size="sm" c="dimmed">
          The program has no tiers yet.
        </Text>
      )}
      {e.downgradeOn && (
        <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />}>
          Below {e.tier?.name ?? 'its tier'}’s requirements since {formatDay(e.belowSince ?? e.downgradeOn)}:
          it moves down on {formatDay(e.downgradeOn)} unless the numbers catch up.
        </Alert>
      )}
      {e.metrics && (
        <Text size="xs" c="dimmed">
          Numbers of the 12 months since {formatDay(e.metrics.since)}
          {e.evaluatedAt ? `, last evaluated ${formatDay(e.evaluatedAt)}` : ''}
          {e.metrics.otherCurrencyDeals > 0 &&
            `. ${e.metrics.otherCurrencyDeals} won deal(s) in other currencies count as deals, not revenue`}
          .
        </Text>
      )}
    </Stack>
  );
}
