import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import { DateText } from '../../components/DateText.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { AnchorLink } from '../../components/links.tsx';
import type { PayoutLine } from '../../lib/money.ts';
import { Amount, KindBadge } from './MoneyParts.tsx';

/** The lines of a payout statement: each entry it pays, with a link to its deal. */
export function StatementLines({ lines }: { lines: readonly PayoutLine[] }) {
  if (lines.length === 0)
    return (
      <Text size="sm" c="dimmed">
        This statement has no lines.
      </Text>
    );
  return (
    <ListTable
      minWidth={640}
      aria-label="Statement lines"
      horizontalSpacing="sm"
      head={
        <>
          <Table.Th w={120}>Earned</Table.Th>
          <Table.Th w={110}>Kind</Table.Th>
          <Table.Th>Description</Table.Th>
          <Table.Th w={130} style={{ textAlign: 'right' }}>
            Amount
          </Table.Th>
        </>
      }
    >
      {lines.map((l) => (
        <Table.Tr key={l.id} opacity={l.released ? 0.6 : 1}>
          <Table.Td>
            <DateText value={l.earnedAt} format="date" style={{ whiteSpace: 'nowrap' }} />
          </Table.Td>
          <Table.Td>
            <KindBadge kind={l.kind} />
          </Table.Td>
          <Table.Td>
            <Stack gap={2}>
              <Text size="sm" lineClamp={2}>
                {l.description}
              </Text>
              <Group gap={6}>
                {l.dealId && (
                  <AnchorLink to="/deals/$dealId" params={{ dealId: l.dealId }} size="xs">
                    Open the deal
                  </AnchorLink>
                )}
                {l.released && (
                  <Badge size="xs" color="gray" variant="light">
                    Released: payable again
                  </Badge>
                )}
              </Group>
            </Stack>
          </Table.Td>
          <Table.Td style={{ textAlign: 'right' }}>
            <Amount money={l} />
          </Table.Td>
        </Table.Tr>
      ))}
    </ListTable>
  );
}
