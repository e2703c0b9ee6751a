import { Group, Stack, Table, Text, UnstyledButton } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import {
  cellAt,
  formatCount,
  heat,
  heatColor,
  heatIsDark,
  type Matrix,
  possessive,
} from '../../lib/accounts.ts';
import { LevelBadge } from './parts.tsx';

/** The matrix as a table whose cells are coloured by their count; hidden cells show a lock. */
export function HeatMap({
  matrix,
  open,
  onOpen,
}: {
  matrix: Matrix;
  open: { mine: string; theirs: string } | undefined;
  onOpen: (cell: { mine: string; theirs: string }) => void;
}) {
  const max = matrix.totals.maxKeys;
  return (
    <Table.ScrollContainer minWidth={220 + matrix.columns.length * 150}>
      <Table
        withColumnBorders
        withRowBorders
        verticalSpacing={0}
        horizontalSpacing={0}
        aria-label={`Overlap with ${matrix.partner.name}`}
        style={{ borderTop: '1px solid var(--mantine-color-default-border)' }}
      >
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={220} px="md" py="sm">
              <Text size="xs" c="dimmed" fw={500}>
                Yours ↓ · {possessive(matrix.partner.name)} →
              </Text>
            </Table.Th>
            {matrix.columns.map((c) => (
              <Table.Th key={c.id} px="md" py="sm" style={{ verticalAlign: 'bottom' }}>
                <Stack gap={4}>
                  <Text size="sm" fw={600}>
                    {c.name}
                  </Text>
                  <LevelBadge level={c.level} prefix="They share" />
                </Stack>
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {matrix.rows.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Th px="md" py="sm" scope="row">
                <Stack gap={4}>
                  <Text size="sm" fw={600}>
                    {r.name}
                  </Text>
                  <LevelBadge level={r.level} prefix="You share" />
                </Stack>
              </Table.Th>
              {matrix.columns.map((c) => {
                const cell = cellAt(matrix, r.id, c.id);
                const label = `${r.name} × ${c.name}`;
                if (!cell?.visible || cell.keys === null)
                  return (
                    <Table.Td key={c.id} bg="var(--mantine-color-gray-0)" aria-label={`${label}: not shared`}>
                      <Group gap={6} justify="center" c="dimmed" py="md">
                        <IconLock size={14} />
                        <Text size="xs">not shared</Text>
                      </Group>
                    </Table.Td>
                  );
                const h = heat(cell.keys, max);
                const dark = heatIsDark(h);
                const selected = open?.mine === r.id && open?.theirs === c.id;
                const listable = cell.level === 'overlap' || cell.level === 'full';
                return (
                  <Table.Td key={c.id} p={0} style={{ background: heatColor(h) }}>
                    <UnstyledButton
                      onClick={() => onOpen({ mine: r.id, theirs: c.id })}
                      aria-label={`${label}: ${formatCount(cell.keys)} accounts${listable ? '' : ', counts only'}`}
                      aria-pressed={selected}
                      w="100%"
                      py="md"
                      px="sm"
                      style={{
                        textAlign: 'center',
                        outline: selected ? '2px solid var(--mantine-color-dark-6)' : undefined,
                        outlineOffset: -2,
                      }}
                    >
                      <Text fw={700} fz={20} c={dark ? 'white' : undefined}>
                        {formatCount(cell.keys)}
                      </Text>
                      <Text size="xs" c={dark ? 'white' : 'dimmed'}>
                        {cell.keys === 0 ? 'none in common' : listable ? 'Open list' : 'counts only'}
                      </Text>
                    </UnstyledButton>
                  </Table.Td>
                );
              })}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
