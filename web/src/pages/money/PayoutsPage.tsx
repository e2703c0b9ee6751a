import { Badge, Button, Card, Group, Loader, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCash, IconPlayerPlay, IconReceipt } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { can } from '../../../../common/permissions.ts';
import { DateText } from '../../components/DateText.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { AnchorLink } from '../../components/links.tsx';
import { OrgAvatar } from '../../components/OrgAvatar.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryStates } from '../../components/QueryStates.tsx';
import {
  formatMoney,
  formatPeriod,
  type PayoutSummary,
  payableQuery,
  payoutsQuery,
} from '../../lib/money.ts';
import { useSession } from '../../lib/session.ts';
import { Amounts } from './MoneyParts.tsx';
import { RunPayoutModal } from './RunPayoutModal.tsx';

/** The paying side's payouts: what it owes each partner now, running a payout, and past payouts. */
export function PayoutsPage() {
  const { role } = useSession();
  const [running, run] = useDisclosure(false);
  const mayRun = can(role, 'payouts.run');
  return (
    <>
      <PageHeader
        title="Payouts"
        description="Pay your partners what they earned: run a payout for a period, pay each statement, and mark it paid with the payment reference."
        actions={
          mayRun && (
            <Button leftSection={<IconPlayerPlay size={16} />} onClick={run.open}>
              Run payout
            </Button>
          )
        }
      />
      <Stack gap="lg">
        <PayableCard />
        <PayoutList />
      </Stack>
      {mayRun && <RunPayoutModal opened={running} onClose={run.close} />}
    </>
  );
}

function PayableCard() {
  const payable = useQuery(payableQuery);
  const rows = payable.data?.data ?? [];
  return (
    <Card padding={0} component="section" aria-label="Payable now">
      <Stack gap={2} px="lg" pt="lg" pb="sm">
        <Title order={3} fz="md">
          Payable now
        </Title>
        <Text size="xs" c="dimmed">
          What you owe each partner by state; a payout run today would pay the payable amounts marked below.
        </Text>
      </Stack>
      <QueryStates
        query={payable}
        skeletonRows={3}
        isEmpty={rows.length === 0}
        empty={{
          icon: <IconCash size={28} />,
          title: 'You owe your partners nothing yet',
          description:
            'Commissions appear here when partners’ deals are won under your programs, and become payable after the program’s holding period.',
        }}
      >
        <ListTable
          minWidth={900}
          aria-label="Payable per partner"
          horizontalSpacing="md"
          head={
            <>
              <Table.Th>Partner</Table.Th>
              <Table.Th w={120} style={{ textAlign: 'right' }}>
                Pending
              </Table.Th>
              <Table.Th w={130} style={{ textAlign: 'right' }}>
                Payable
              </Table.Th>
              <Table.Th w={120} style={{ textAlign: 'right' }}>
                In payout
              </Table.Th>
              <Table.Th w={120} style={{ textAlign: 'right' }}>
                Paid
              </Table.Th>
              <Table.Th w={170}>Next payout</Table.Th>
            </>
          }
        >
          {rows.map((b) => {
            const m = (amountMinor: number) => formatMoney({ amountMinor, currency: b.currency });
            return (
              <Table.Tr key={`${b.partner.id}:${b.currency}`}>
                <Table.Td>
                  <Group gap="sm" wrap="nowrap">
                    <OrgAvatar name={b.partner.name} size={28} />
                    <Text size="sm" fw={600} truncate>
                      {b.partner.name}
                    </Text>
                    <Badge variant="outline" color="gray" size="sm">
                      {b.currency}
                    </Badge>
                  </Group>
                </Table.Td>
                <Money value={m(b.pendingMinor)} dim={b.pendingMinor === 0} />
                <Money value={m(b.payableMinor)} dim={b.payableMinor === 0} strong />
                <Money value={m(b.inPayoutMinor)} dim={b.inPayoutMinor === 0} />
                <Money value={m(b.paidMinor)} dim={b.paidMinor === 0} />
                <Table.Td>
                  {b.wouldPay ? (
                    <Badge color="moss" variant="light">
                      Would pay {m(b.payableMinor)}
                    </Badge>
                  ) : b.payableMinor > 0 ? (
                    <Tooltip label={`Your minimum payout in ${b.currency} is ${m(b.minimumMinor)}`} withArrow>
                      <Badge color="gray" variant="light">
                        Below minimum
                      </Badge>
                    </Tooltip>
                  ) : b.payableMinor < 0 ? (
                    <Tooltip label="Clawbacks exceed what is payable: deducted from later earnings" withArrow>
                      <Badge color="red" variant="light">
                        Negative: rolls over
                      </Badge>
                    </Tooltip>
                  ) : (
                    <Text size="sm" c="dimmed">
                      Nothing payable
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </ListTable>
      </QueryStates>
    </Card>
  );
}

function Money({ value, dim, strong }: { value: string; dim?: boolean; strong?: boolean }) {
  return (
    <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>
      <Text size="sm" fw={strong ? 650 : 400} c={dim ? 'dimmed' : undefined}>
        {value}
      </Text>
    </Table.Td>
  );
}

function PayoutList() {
  const payouts = useInfiniteQuery(payoutsQuery);
  const rows = payouts.data?.pages.flatMap((p) => p.data) ?? [];
  const navigate = useNavigate();
  const refreshing = payouts.isFetching && !payouts.isFetchingNextPage && !payouts.isPending;
  return (
    <Card padding={0} component="section" aria-label="Payouts">
      <Group px="lg" pt="lg" pb="sm" gap="sm">
        <Title order={3} fz="md">
          Payouts
        </Title>
        {refreshing && <Loader size={14} aria-label="Refreshing" />}
      </Group>
      <QueryStates
        query={payouts}
        isEmpty={rows.length === 0}
        empty={{
          icon: <IconReceipt size={28} />,
          title: 'No payouts yet',
          description: 'Run a payout for a period to create one statement per partner with what is payable.',
        }}
      >
        <ListTable
          minWidth={860}
          aria-label="Payouts run"
          horizontalSpacing="md"
          head={
            <>
              <Table.Th>Period</Table.Th>
              <Table.Th w={110}>Statements</Table.Th>
              <Table.Th w={150} style={{ textAlign: 'right' }}>
                Total
              </Table.Th>
              <Table.Th w={220}>Status</Table.Th>
              <Table.Th w={170}>Run</Table.Th>
            </>
          }
        >
          {rows.map((p) => (
            <Table.Tr
              key={p.id}
              style={{ cursor: 'pointer' }}
              onClick={(e) => {
                if ((e.target as HTMLElement).closest('a')) return;
                navigate({ to: '/payouts/$payoutId', params: { payoutId: p.id } });
              }}
            >
              <Table.Td>
                <AnchorLink to="/payouts/$payoutId" params={{ payoutId: p.id }} size="sm" fw={600} c="dark">
                  {formatPeriod(p.periodStart, p.periodEnd)}
                </AnchorLink>
              </Table.Td>
              <Table.Td>{p.statementCount}</Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>
                <Amounts amounts={p.totals} />
              </Table.Td>
              <Table.Td>
                <StatusCounts counts={p.statusCounts} />
              </Table.Td>
              <Table.Td>
                <DateText value={p.createdAt} format="date" />
                {p.runBy && (
                  <Text size="xs" c="dimmed" truncate>
                    by {p.runBy.name}
                  </Text>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      </QueryStates>
      <div style={{ paddingBottom: payouts.hasNextPage ? 'var(--mantine-spacing-md)' : 0 }}>
        <LoadMore {...payouts} />
      </div>
    </Card>
  );
}

/** "2 open · 3 paid · 1 failed", as badges (states with none left out). */
export function StatusCounts({ counts }: { counts: PayoutSummary['statusCounts'] }) {
  const parts = [
    { n: counts.open, label: 'open', color: 'blue' },
    { n: counts.paid, label: 'paid', color: 'moss' },
    { n: counts.failed, label: 'failed', color: 'red' },
  ].filter((p) => p.n > 0);
  if (parts.length === 0)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  return (
    <Group gap={4}>
      {parts.map((p) => (
        <Badge key={p.label} variant="light" color={p.color} size="sm">
          {p.n} {p.label}
        </Badge>
      ))}
    </Group>
  );
}
