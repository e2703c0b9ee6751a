import { Anchor, Badge, Card, CloseButton, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconDownload, IconUsersGroup } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { ListTable } from '../../components/ListTable.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { QueryStates } from '../../components/QueryStates.tsx';
import {
  type CellRef,
  formatCount,
  type OverlapRow,
  overlapCsvUrl,
  overlapListQuery,
  possessive,
} from '../../lib/accounts.ts';

/** The accounts of one matrix cell: yours beside the partner's, with the partner's fields at full; CSV export. */
export function CellList({
  cell,
  title,
  count,
  partnerName,
  onClose,
}: {
  cell: CellRef;
  title: string;
  count: number | null;
  partnerName: string;
  onClose: () => void;
}) {
  const list = useInfiniteQuery(overlapListQuery(cell));
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  const level = list.data?.pages[0]?.level;
  // At full the partner shares extra fields: one column each, in the order first seen.
  const fieldNames = [...new Set(rows.flatMap((r) => r.theirs.flatMap((t) => Object.keys(t.fields))))];
  return (
    <Card padding={0} component="section" aria-label="Overlapping accounts">
      <Group justify="space-between" px="lg" pt="lg" pb="sm" wrap="nowrap" align="flex-start">
        <Stack gap={2}>
          <Group gap="sm">
            <Title order={3} fz="md">
              {title}
            </Title>
            {count !== null && (
              <Badge variant="light" size="sm">
                {formatCount(count)} accounts
              </Badge>
            )}
            {level === 'full' && (
              <Badge variant="light" color="moss" size="sm">
                With {possessive(partnerName)} fields
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            Your accounts and {possessive(partnerName)} matching ones. Several of yours on one line are
            duplicates of one company.
          </Text>
        </Stack>
        <Group gap="sm" wrap="nowrap">
          <Anchor href={overlapCsvUrl(cell)} download size="sm">
            <Group gap={4} wrap="nowrap">
              <IconDownload size={16} />
              Export CSV
            </Group>
          </Anchor>
          <CloseButton aria-label="Close the list" onClick={onClose} />
        </Group>
      </Group>
      <QueryStates
        query={list}
        isEmpty={rows.length === 0}
        empty={{
          icon: <IconUsersGroup size={28} />,
          title: 'No accounts in common',
          description: `None of these accounts of yours are among ${partnerName}’s.`,
        }}
      >
        <ListTable
          minWidth={760 + fieldNames.length * 140}
          aria-label="Accounts in common"
          horizontalSpacing="md"
          head={
            <>
              <Table.Th>Your account</Table.Th>
              <Table.Th w={90}>Country</Table.Th>
              <Table.Th>{possessive(partnerName)} account</Table.Th>
              {fieldNames.map((f) => (
                <Table.Th key={f}>{f}</Table.Th>
              ))}
            </>
          }
        >
          {rows.map((r) => (
            <Row key={rowKey(r)} row={r} fieldNames={fieldNames} />
          ))}
        </ListTable>
      </QueryStates>
      <div style={{ paddingBottom: list.hasNextPage ? 'var(--mantine-spacing-md)' : 0 }}>
        <LoadMore {...list} />
      </div>
    </Card>
  );
}

const rowKey = (r: OverlapRow) => r.mine.map((a) => a.id).join(',') || r.theirs.map((t) => t.name).join(',');

function Row({ row, fieldNames }: { row: OverlapRow; fieldNames: string[] }) {
  return (
    <Table.Tr>
      <Table.Td>
        <Stack gap={4}>
          {row.mine.map((a) => (
            <div key={a.id}>
              <Text size="sm" fw={600}>
                {a.name}
              </Text>
              <Text size="xs" c="dimmed">
                {a.domain ?? 'no domain'} · {a.externalId}
              </Text>
            </div>
          ))}
        </Stack>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{row.mine[0]?.country ?? '—'}</Text>
      </Table.Td>
      <Table.Td>
        <Stack gap={4}>
          {row.theirs.map((t, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the partner's accounts carry no id
            <div key={i}>
              <Text size="sm" fw={600}>
                {t.name}
              </Text>
              <Text size="xs" c="dimmed">
                {t.domain ?? 'no domain'}
              </Text>
            </div>
          ))}
        </Stack>
      </Table.Td>
      {fieldNames.map((f) => (
        <Table.Td key={f}>
          <Text size="sm">
            {row.theirs
              .map((t) => t.fields[f])
              .filter(Boolean)
              .join(' / ') || '—'}
          </Text>
        </Table.Td>
      ))}
    </Table.Tr>
  );
}
