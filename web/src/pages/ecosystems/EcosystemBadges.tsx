import { Badge, Group, Tooltip } from '@mantine/core';
import { IconFilter, IconLock, IconWorld } from '@tabler/icons-react';
import { JOIN_POLICIES, STATUS_LABELS, VISIBILITIES } from '../../lib/ecosystems.ts';
import type { EcosystemSummary } from '../../lib/types.ts';

const STATUS_COLORS = {
  owner: 'grape',
  member: 'moss',
  matched: 'teal',
  requested: 'yellow',
  invited: 'blue',
} as const;

/** Visibility, join policy, dynamic filter, network-wide and your organization's status, as badges. */
export function EcosystemBadges({
  ecosystem: e,
  size = 'sm',
}: {
  ecosystem: EcosystemSummary;
  size?: 'sm' | 'md';
}) {
  return (
    <Group gap={6}>
      {e.myStatus !== 'none' && (
        <Badge size={size} color={STATUS_COLORS[e.myStatus]} variant="filled">
          {STATUS_LABELS[e.myStatus]}
        </Badge>
      )}
      <Tooltip label={VISIBILITIES[e.visibility].hint} withArrow>
        <Badge
          size={size}
          variant="default"
          fw={500}
          leftSection={e.visibility === 'public' ? <IconWorld size={12} /> : <IconLock size={12} />}
        >
          {VISIBILITIES[e.visibility].label}
        </Badge>
      </Tooltip>
      <Tooltip label={JOIN_POLICIES[e.joinPolicy].hint} withArrow>
        <Badge size={size} variant="light" color={e.joinPolicy === 'open' ? 'moss' : 'gray'}>
          {e.joinPolicy === 'open' ? 'Open to join' : JOIN_POLICIES[e.joinPolicy].label}
        </Badge>
      </Tooltip>
      {e.dynamic && (
        <Tooltip label="Organizations whose profile matches its filter belong automatically" withArrow>
          <Badge size={size} variant="light" color="indigo" leftSection={<IconFilter size={12} />}>
            Filter-based
          </Badge>
        </Tooltip>
      )}
      {e.networkWide && (
        <Badge size={size} variant="light" color="orange">
          Network-wide
        </Badge>
      )}
    </Group>
  );
}
