import { Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconCircleCheck } from '@tabler/icons-react';
import { DEAL_STATUS_LABELS } from '../../../../common/deals.ts';
import { ListTable } from '../../components/ListTable.tsx';
import { AnchorLink } from '../../components/links.tsx';
import type { Deal } from '../../lib/deals.ts';
import { formatDate } from '../../lib/format.ts';
import { KIND_LABELS } from './options.ts';

/** The matches the conflict engine found for this registration (the vendor's reviewers only). */
export function ConflictsPanel({ conflicts }: { conflicts: NonNullable<Deal['conflicts']> }) {
  return (
    <Card padding={0}>
      <Group px="lg" pt="lg" pb="sm" gap="sm">
        <Title order={3} fz="md">
          Conflicts
        </Title>
        {conflicts.length > 0 && (
          <Badge color="yellow" variant="filled" size="sm" circle={conflicts.length < 10}>
            {conflicts.length}
          </Badge>
        )}
      </Group>
      {conflicts.length === 0 ? (
        <Group gap="sm" px="lg" pb="lg" c="moss.8">
          <IconCircleCheck size={18} />
          <Text size="sm">
            No other deal in your pipeline or partners’ registrations matches this customer.
          </Text>
        </Group>
      ) : (
        <ListTable
          minWidth={640}
          aria-label="Conflicts"
          horizontalSpacing="md"
          head={
            <>
              <Table.Th>Partner</Table.Th>
              <Table.Th>Customer</Table.Th>
              <Table.Th w={150}>Deal</Table.Th>
              <Table.Th w={100}>Matched by</Table.Th>
              <Table.Th w={70}>Score</Table.Th>
              <Table.Th w={120}>Protected until</Table.Th>
            </>
          }
        >
          {conflicts.map((c) => (
            <Table.Tr key={c.dealId}>
              <Table.Td>
                <AnchorLink to="/directory/$id" params={{ id: c.partner.slug }} size="sm" fw={500} c="dark">
                  {c.partner.name}
                </AnchorLink>
              </Table.Td>
              <Table.Td>
                <Stack gap={0}>
                  <AnchorLink to="/deals/$dealId" params={{ dealId: c.dealId }} size="sm">
                    {c.customerName}
                  </AnchorLink>
                  <Text size="xs" c="dimmed">
                    {[c.customerDomain, c.customerCountry].filter(Boolean).join(' · ') || '—'}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {KIND_LABELS[c.kind].one} · {DEAL_STATUS_LABELS[c.status]}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={c.matchedBy === 'domain' ? 'red' : 'yellow'} size="sm">
                  {c.matchedBy === 'domain' ? 'Domain' : 'Name'}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{Math.round(c.score * 100)}%</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" c={c.protectedUntil ? undefined : 'dimmed'}>
                  {c.protectedUntil ? formatDate(c.protectedUntil) : '—'}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      )}
    </Card>
  );
}
