import { Button, Card, Group, Modal, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { IconReceipt } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { QueryStates } from '../../components/QueryStates.tsx';
import {
  earningStatementQuery,
  earningStatementsQuery,
  formatPeriod,
  type PayoutStatement,
} from '../../lib/money.ts';
import { Amounts, StatementOutcome, StatementStatusBadge } from './MoneyParts.tsx';
import { StatementLines } from './StatementLines.tsx';

/** Payout statements paying your organization: status, reference, and each one's lines. */
export function EarningStatements({ vendorId }: { vendorId?: string }) {
  const statements = useInfiniteQuery(earningStatementsQuery(vendorId));
  const rows = statements.data?.pages.flatMap((p) => p.data) ?? [];
  const [open, setOpen] = useState<PayoutStatement | null>(null);
  return (
    <Card padding={0} component="section" aria-label="Statements">
      <Group px="lg" pt="lg" pb="sm">
        <Title order={3} fz="md">
          Statements
        </Title>
      </Group>
      <QueryStates
        query={statements}
        skeletonRows={3}
        isEmpty={rows.length === 0}
        empty={{
          icon: <IconReceipt size={28} />,
          title: 'No statements yet',
          description:
            'When a vendor runs a payout that includes your payable earnings, its statement shows up here with the payment reference once paid.',
        }}
      >
        <StatementTable rows={rows} onOpen={setOpen} />
      </QueryStates>
      <div style={{ paddingBottom: statements.hasNextPage ? 'var(--mantine-spacing-md)' : 0 }}>
        <LoadMore {...statements} />
      </div>
      <Modal
        opened={open !== null}
        onClose={() => setOpen(null)}
        size="xl"
        title={
          <Text fw={600}>
            {open ? `${open.payer.name} · ${formatPeriod(open.periodStart, open.periodEnd)}` : ''}
          </Text>
        }
      >
        {open && <EarningStatementDetail id={open.id} />}
      </Modal>
    </Card>
  );
}

function StatementTable({
  rows,
  onOpen,
}: {
  rows: readonly PayoutStatement[];
  onOpen: (s: PayoutStatement) => void;
}) {
  return (
    <ListTable
      minWidth={860}
      aria-label="Statements paying you"
      horizontalSpacing="md"
      actionsWidth={110}
      head={
        <>
          <Table.Th w={230}>Period</Table.Th>
          <Table.Th w={170}>From</Table.Th>
          <Table.Th w={140} style={{ textAlign: 'right' }}>
            Total
          </Table.Th>
          <Table.Th w={70}>Lines</Table.Th>
          <Table.Th w={100}>Status</Table.Th>
          <Table.Th>Reference</Table.Th>
        </>
      }
    >
      {rows.map((s) => (
        <Table.Tr key={s.id}>
          <Table.Td>
            <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
              {formatPeriod(s.periodStart, s.periodEnd)}
            </Text>
          </Table.Td>
          <Table.Td>
            <Text size="sm" truncate>
              {s.payer.name}
            </Text>
          </Table.Td>
          <Table.Td style={{ textAlign: 'right' }}>
            <Amounts amounts={s.totals} />
          </Table.Td>
          <Table.Td>{s.lineCount}</Table.Td>
          <Table.Td>
            <StatementStatusBadge status={s.status} />
          </Table.Td>
          <Table.Td>
            <StatementOutcome statement={s} />
          </Table.Td>
          <Table.Td>
            <Button size="xs" variant="default" onClick={() => onOpen(s)}>
              View lines
            </Button>
          </Table.Td>
        </Table.Tr>
      ))}
    </ListTable>
  );
}

function EarningStatementDetail({ id }: { id: string }) {
  const statement = useQuery(earningStatementQuery(id));
  if (statement.isPending)
    return (
      <Stack aria-busy="true" aria-label="Loading">
        <Skeleton height={20} width="40%" />
        <Skeleton height={160} />
      </Stack>
    );
  if (statement.isError) return <ErrorAlert error={statement.error} onRetry={() => statement.refetch()} />;
  const s = statement.data;
  return (
    <Stack gap="md">
      <Group gap="lg">
        <StatementStatusBadge status={s.status} size="lg" />
        <Amounts amounts={s.totals} fw={700} />
        <StatementOutcome statement={s} />
      </Group>
      <StatementLines lines={s.lines} />
    </Stack>
  );
}
