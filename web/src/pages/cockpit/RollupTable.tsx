import { Avatar, Card, Group, Progress, Stack, Table, Text, Title } from '@mantine/core';
import { IconUsersGroup } from '@tabler/icons-react';
import { ROLE_LABELS, type Role } from '../../../../common/permissions.ts';
import { ListTable } from '../../components/ListTable.tsx';
import { AnchorLink } from '../../components/links.tsx';
import { type Cockpit, formatAmount, formatRatio, minorOf } from '../../lib/cockpit.ts';
import { initials } from '../../lib/format.ts';

/** Every alliance manager in the roll-up: their partners, what those partners brought, their win rate. */
export function RollupTable({ cockpit }: { cockpit: Cockpit }) {
  const rows = [...cockpit.rollup].sort(
    (a, b) => minorOf(b.sourced) + minorOf(b.influenced) - (minorOf(a.sourced) + minorOf(a.influenced)),
  );
  const max = rows.reduce((m, r) => Math.max(m, minorOf(r.sourced) + minorOf(r.influenced)), 0);
  return (
    <Card padding={0} component="section" aria-label="Alliance managers">
      <Stack gap={2} px="lg" pt="lg" pb="sm">
        <Title order={3} fz="md">
          Alliance managers
        </Title>
        <Text size="xs" c="dimmed">
          {cockpit.scope === 'portfolio'
            ? 'You and the people reporting to you, with the partnerships each owns'
            : 'Everyone owning partnerships, with the partnerships each owns (and their reports’)'}
        </Text>
      </Stack>
      {rows.length === 0 ? (
        <Group gap="sm" px="lg" pb="lg" c="dimmed">
          <IconUsersGroup size={18} />
          <Text size="sm">No partnerships have an owning alliance manager yet.</Text>
        </Group>
      ) : (
        <ListTable
          minWidth={760}
          aria-label="Alliance manager roll-up"
          horizontalSpacing="md"
          head={
            <>
              <Table.Th>Alliance manager</Table.Th>
              <Table.Th w={90} style={{ textAlign: 'right' }}>
                Partners
              </Table.Th>
              <Table.Th w={220}>Partner revenue</Table.Th>
              <Table.Th w={90} style={{ textAlign: 'right' }}>
                Won
              </Table.Th>
              <Table.Th w={110} style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
                Win rate
              </Table.Th>
            </>
          }
        >
          {rows.map((r) => {
            const total = minorOf(r.sourced) + minorOf(r.influenced);
            return (
              <Table.Tr key={r.user.id}>
                <Table.Td>
                  <Group gap="sm" wrap="nowrap">
                    <Avatar color="initials" name={r.user.name} radius="xl" size={32}>
                      {initials(r.user.name)}
                    </Avatar>
                    <div style={{ minWidth: 0 }}>
                      <AnchorLink to="/cockpit/me" search={{ userId: r.user.id }} size="sm" fw={600} c="dark">
                        {r.user.name}
                      </AnchorLink>
                      <Text size="xs" c="dimmed">
                        {ROLE_LABELS[r.user.role as Role] ?? r.user.role}
                      </Text>
                    </div>
                  </Group>
                </Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>{r.partners}</Table.Td>
                <Table.Td>
                  <Stack gap={4}>
                    <Progress.Root size={8} aria-label={`${r.user.name}: partner revenue`}>
                      <Progress.Section value={max ? (minorOf(r.sourced) / max) * 100 : 0} color="moss.7" />
                      <Progress.Section
                        value={max ? (minorOf(r.influenced) / max) * 100 : 0}
                        color="moss.3"
                      />
                    </Progress.Root>
                    <Text size="xs" c="dimmed">
                      {formatAmount(total, cockpit.currency)} · {formatAmount(r.sourced, cockpit.currency)}{' '}
                      sourced
                    </Text>
                  </Stack>
                </Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>{r.wonDeals}</Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>{formatRatio(r.winRate)}</Table.Td>
              </Table.Tr>
            );
          })}
        </ListTable>
      )}
    </Card>
  );
}
