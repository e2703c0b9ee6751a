import { Badge, Group, RingProgress, Stack, Text, Tooltip } from '@mantine/core';
import type { Community } from '../../lib/insights.ts';
import { formatShare } from '../../lib/insights.ts';
import { formatMoney } from '../../lib/money.ts';

/** The facets a community is mostly made of, as badges with their share. */
export function FacetBadges({ community, max = 4 }: { community: Community; max?: number }) {
  return (
    <Group gap={6}>
      {community.facets.slice(0, max).map((f) => (
        <Tooltip
          key={`${f.facet}:${f.key}`}
          label={`${formatShare(f.share)} of members: ${f.label}`}
          withArrow
        >
          <Badge variant="light" color="gray" fw={500}>
            {f.label} · {formatShare(f.share)}
          </Badge>
        </Tooltip>
      ))}
    </Group>
  );
}

/** How much of the community's deal value stays inside it, as a small ring. */
export function InternalShare({ community, size = 64 }: { community: Community; size?: number }) {
  const share = community.internalDealShare;
  return (
    <Group gap="sm" wrap="nowrap">
      <RingProgress
        size={size}
        thickness={size / 8}
        roundCaps
        sections={share === null ? [] : [{ value: share * 100, color: 'moss.6' }]}
        rootColor="var(--mantine-color-gray-2)"
        label={
          <Text ta="center" fz={size < 64 ? 10 : 'xs'} fw={700} style={{ whiteSpace: 'nowrap' }}>
            {formatShare(share)}
          </Text>
        }
        aria-label={`Internal deal share ${formatShare(share)}`}
      />
      <Stack gap={0}>
        <Text size="xs" c="dimmed">
          {share === null ? 'No won deals between organizations yet' : 'of its won deal value stays inside'}
        </Text>
        {community.internalValue && (
          <Text size="sm" fw={600}>
            {formatMoney(community.internalValue, true)}
          </Text>
        )}
      </Stack>
    </Group>
  );
}
