import {
  Badge,
  Divider,
  Drawer,
  Group,
  Progress,
  RingProgress,
  Skeleton,
  Stack,
  Text,
  Tooltip,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatRelative } from '../../lib/format.ts';
import {
  rawEntries,
  rawLabel,
  rawValue,
  type TrustExplanation,
  trustBand,
  trustQuery,
} from '../../lib/insights.ts';

/** Why a partner's trust score is what it is: each factor's points out of its weight, and the numbers behind it. */
export function TrustDrawer({ partnerId, onClose }: { partnerId: string | undefined; onClose: () => void }) {
  const trust = useQuery({ ...trustQuery(partnerId ?? ''), enabled: Boolean(partnerId) });
  return (
    <Drawer
      opened={Boolean(partnerId)}
      onClose={onClose}
      position="right"
      size={520}
      title={<Text fw={650}>{trust.data ? `Trust with ${trust.data.partner.name}` : 'Trust'}</Text>}
    >
      {trust.isPending ? (
        <Stack>
          <Skeleton height={120} />
          <Skeleton height={60} />
          <Skeleton height={60} />
          <Skeleton height={60} />
        </Stack>
      ) : trust.isError ? (
        <ErrorAlert error={trust.error} onRetry={() => trust.refetch()} />
      ) : (
        <Explanation trust={trust.data} />
      )}
    </Drawer>
  );
}

function Explanation({ trust }: { trust: TrustExplanation }) {
  const band = trustBand(trust.score);
  const factors = [...trust.factors].sort((a, b) => b.weight - a.weight);
  const halfLife = trust.model.halfLifeDays;
  // Bars share one scale: a factor worth 20 points is twice as long as one worth 10.
  const maxWeight = Math.max(1, ...factors.map((f) => f.weight));
  return (
    <Stack gap="lg">
      <Group gap="lg" wrap="nowrap">
        <RingProgress
          size={120}
          thickness={12}
          roundCaps
          sections={factors.map((f, i) => ({
            value: f.contribution,
            color: `moss.${Math.max(3, 9 - i)}`,
            tooltip: `${f.label}: ${f.contribution.toFixed(1)} points`,
          }))}
          label={
            <Text ta="center" fz={28} fw={700} lh={1}>
              {Math.round(trust.score)}
            </Text>
          }
        />
        <Stack gap={6}>
          <Badge variant="light" color={band.color} size="lg">
            {band.label} trust
          </Badge>
          <Text size="sm" c="dimmed">
            The score is the sum of the points below: each factor is worth up to its weight, and scores how
            far this pair has proven it, from 0 to 1.
          </Text>
          <Text size="xs" c="dimmed">
            {trust.computedAt ? `Computed ${formatRelative(trust.computedAt)}; ` : ''}Updated on every deal
            event between you.
          </Text>
        </Stack>
      </Group>
      <Divider />
      <Stack gap="lg" aria-label="Factors">
        {factors.map((f) => (
          <Stack key={f.key} gap={6} role="group" aria-label={f.label}>
            <Group justify="space-between" wrap="nowrap">
              <Tooltip label={f.description} multiline w={320} withArrow>
                <Text size="sm" fw={600} style={{ cursor: 'help' }}>
                  {f.label}
                </Text>
              </Tooltip>
              <Text size="sm">
                <Text span fw={700}>
                  {f.contribution.toFixed(1)}
                </Text>{' '}
                <Text span c="dimmed" size="xs">
                  / {f.weight} points
                </Text>
              </Text>
            </Group>
            <Progress.Root
              size={12}
              aria-label={`${f.label}: ${f.contribution.toFixed(1)} of ${f.weight} points`}
            >
              <Progress.Section value={(f.contribution / maxWeight) * 100} color="moss.6" />
              <Progress.Section
                value={(Math.max(0, f.weight - f.contribution) / maxWeight) * 100}
                color="moss.1"
              />
            </Progress.Root>
            <Text size="xs" c="dimmed">
              {f.description}
            </Text>
            {rawEntries(f.raw).length > 0 && (
              <Group gap={6}>
                {rawEntries(f.raw).map(([k, v]) => (
                  <Badge key={k} variant="default" size="sm" fw={500}>
                    {rawLabel(k)}: {rawValue(v)}
                  </Badge>
                ))}
              </Group>
            )}
          </Stack>
        ))}
      </Stack>
      {typeof halfLife === 'number' && (
        <Text size="xs" c="dimmed">
          Recency counts positive interactions (won, accepted, approved) with a half-life of {halfLife} days.
        </Text>
      )}
    </Stack>
  );
}
