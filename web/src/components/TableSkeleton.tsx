import { Group, Skeleton, Stack } from '@mantine/core';

/** Placeholder rows while a table loads. */
export function TableSkeleton({ rows = 5 }: { rows?: number }) {
  return (
    <Stack gap="md" p="md" aria-busy="true" aria-label="Loading">
      {Array.from({ length: rows }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
        <Group key={i} gap="md" wrap="nowrap">
          <Skeleton circle height={34} />
          <Stack gap={6} style={{ flex: 1 }}>
            <Skeleton height={10} width="35%" />
            <Skeleton height={8} width="55%" />
          </Stack>
          <Skeleton height={20} width={90} />
        </Group>
      ))}
    </Stack>
  );
}
