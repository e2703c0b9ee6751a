import { Badge, Group, Text, Timeline } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconCircleDot, IconClock } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { formatDateTime, formatRelative } from '../../lib/format.ts';
import { type Enrollment, TIER_CHANGE_LABELS, type TierChange } from '../../lib/programs.ts';
import { SectionCard } from './parts.tsx';

const ICONS: Partial<Record<TierChange['kind'], ReactNode>> = {
  initial: <IconArrowUp size={12} />,
  upgrade: <IconArrowUp size={12} />,
  downgrade: <IconArrowDown size={12} />,
  grace_started: <IconClock size={12} />,
};

/** Every tier change, newest first, with the numbers that caused it. */
export function TierHistory({ enrollment: e }: { enrollment: Enrollment }) {
  return (
    <SectionCard title="Tier history">
      {e.history.length === 0 ? (
        <Text size="sm" c="dimmed">
          No tier changes yet: the first evaluation sets the tier.
        </Text>
      ) : (
        <Timeline bulletSize={22} lineWidth={2} active={0}>
          {e.history.map((c) => {
            const meta = TIER_CHANGE_LABELS[c.kind];
            return (
              <Timeline.Item
                key={c.id}
                bullet={ICONS[c.kind] ?? <IconCircleDot size={12} />}
                color={meta.color}
                title={
                  <Group gap="xs">
                    <Badge size="sm" variant="light" color={meta.color}>
                      {meta.label}
                    </Badge>
                    <Text size="sm" fw={500}>
                      {c.fromTier?.name ?? 'No tier'} → {c.toTier?.name ?? 'No tier'}
                    </Text>
                  </Group>
                }
              >
                <Text size="sm" mt={4}>
                  {c.reason}
                </Text>
                <Text size="xs" c="dimmed" mt={2} title={formatDateTime(c.createdAt)}>
                  {formatRelative(c.createdAt)}
                </Text>
              </Timeline.Item>
            );
          })}
        </Timeline>
      )}
    </SectionCard>
  );
}
