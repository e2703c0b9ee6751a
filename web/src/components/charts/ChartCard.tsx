import { Card, Center, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** Axis tick style shared by the charts. */
export const AXIS = { fontSize: 12, fill: '#868e96' };
/** Tooltip box style shared by the charts. */
export const TOOLTIP = { borderRadius: 8, fontSize: 13, border: '1px solid #dee2e6' };

/** The series colours of channel revenue: partner-sourced, partner-influenced, direct. */
export const SERIES = { sourced: '#1f7d51', influenced: '#83c4a4', direct: '#c4cad0', line: '#1c7ed6' };

/** Legend entries in dark grey text (Recharts colours them like their series, too faint for light ones). */
export const legendText = (value: string) => <span style={{ color: '#495057', fontSize: 13 }}>{value}</span>;

/** A category label on one line, shortened, with the whole label on hover (Recharts would wrap it). */
export function CategoryTick({
  x,
  y,
  payload,
  max = 22,
}: {
  x?: number | string;
  y?: number | string;
  payload?: { value: unknown };
  max?: number;
}) {
  const label = String(payload?.value ?? '');
  return (
    <text x={x} y={y} dy={4} textAnchor="end" fontSize={12} fill="#495057">
      <title>{label}</title>
      {label.length > max ? `${label.slice(0, max - 1)}…` : label}
    </text>
  );
}

/** A chart in a card: title, one line saying what it shows, the chart (or why there is none). */
export function ChartCard({
  title,
  description,
  actions,
  empty,
  height,
  children,
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  /** Shown instead of the chart when set (there is nothing to chart). */
  empty?: string | false;
  height: number;
  children: ReactNode;
}) {
  return (
    <Card padding="lg" component="section" aria-label={title}>
      <Group justify="space-between" align="flex-start" mb="md" wrap="nowrap">
        <Stack gap={2}>
          <Title order={3} fz="md">
            {title}
          </Title>
          {description && (
            <Text size="xs" c="dimmed">
              {description}
            </Text>
          )}
        </Stack>
        {actions}
      </Group>
      {empty ? (
        <Center h={height}>
          <Text size="sm" c="dimmed" ta="center" maw={320}>
            {empty}
          </Text>
        </Center>
      ) : (
        children
      )}
    </Card>
  );
}
