import { Avatar, Badge, Card, Divider, Group, Skeleton, Stack, Text } from '@mantine/core';
import { IconUsersGroup } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { isRole, ROLE_LABELS, ROLES } from '../../../../common/permissions.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { RoleBadge } from '../../components/RoleBadge.tsx';
import { firstName } from '../../lib/format.ts';
import { rollupQuery } from '../../lib/queries.ts';
import type { Rollup } from '../../lib/types.ts';

type Report = Rollup['reports'][number];

/** Everyone reporting to one member, directly or through others, with counts by role. */
export function RollupPanel({ memberId }: { memberId: string }) {
  const rollup = useQuery(rollupQuery(memberId));
  if (rollup.isPending) {
    return (
      <Card padding="lg">
        <Stack>
          <Skeleton height={44} />
          <Skeleton height={60} />
          <Skeleton height={120} />
        </Stack>
      </Card>
    );
  }
  if (rollup.isError) return <ErrorAlert error={rollup.error} onRetry={() => rollup.refetch()} />;
  const { manager, total, byRole, reports } = rollup.data;
  const direct = reports.filter((r) => r.depth === 1).length;
  return (
    <Card padding="lg" aria-label={`Roll-up for ${manager.name}`} component="section">
      <Group gap="md" wrap="nowrap" mb="md">
        <Avatar color="initials" name={manager.name} radius="xl" size={48} />
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Text fw={600} truncate>
            {manager.name}
          </Text>
          <Group gap={6}>
            <RoleBadge role={manager.role} />
            <Text size="xs" c="dimmed" truncate>
              {manager.email}
            </Text>
          </Group>
        </Stack>
      </Group>
      <Group grow gap="sm" mb="md">
        <Stack gap={0} p="sm" style={{ background: 'var(--mantine-color-gray-0)', borderRadius: 8 }}>
          <Text fz={24} fw={700}>
            {total}
          </Text>
          <Text size="xs" c="dimmed">
            in their organization
          </Text>
        </Stack>
        <Stack gap={0} p="sm" style={{ background: 'var(--mantine-color-gray-0)', borderRadius: 8 }}>
          <Text fz={24} fw={700}>
            {direct}
          </Text>
          <Text size="xs" c="dimmed">
            direct {direct === 1 ? 'report' : 'reports'}
          </Text>
        </Stack>
      </Group>
      {total === 0 ? (
        <Stack align="center" gap={6} py="lg" ta="center">
          <IconUsersGroup size={32} stroke={1.4} color="var(--mantine-color-gray-5)" />
          <Text size="sm" c="dimmed">
            No one reports to {firstName(manager.name) ?? manager.name}.
          </Text>
        </Stack>
      ) : (
        <>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600} mb={6}>
            By role
          </Text>
          <Group gap={6} mb="md">
            {ROLES.filter((r) => byRole[r]).map((r) => (
              <Badge key={r} variant="default">
                {ROLE_LABELS[r]} · {byRole[r]}
              </Badge>
            ))}
            {Object.keys(byRole)
              .filter((r) => !isRole(r))
              .map((r) => (
                <Badge key={r} variant="default">
                  {r} · {byRole[r]}
                </Badge>
              ))}
          </Group>
          <Divider mb="sm" />
          <Text size="xs" c="dimmed" tt="uppercase" fw={600} mb={6}>
            Everyone reporting to {firstName(manager.name) ?? manager.name}
          </Text>
          <ReportList reports={reports} parentId={manager.id} />
        </>
      )}
    </Card>
  );
}

function ReportList({ reports, parentId }: { reports: Report[]; parentId: string }) {
  const children = reports.filter((r) => r.managerMemberId === parentId);
  if (children.length === 0) return null;
  return (
    <Stack gap={2}>
      {children.map((r) => (
        <div key={r.id}>
          <Group gap="sm" wrap="nowrap" py={6} pl={(r.depth - 1) * 20}>
            <Avatar color="initials" name={r.name} radius="xl" size={28} />
            <Text size="sm" style={{ flex: 1 }} truncate>
              {r.name}
            </Text>
            <RoleBadge role={r.role} size="xs" />
          </Group>
          <ReportList reports={reports} parentId={r.id} />
        </div>
      ))}
    </Stack>
  );
}
