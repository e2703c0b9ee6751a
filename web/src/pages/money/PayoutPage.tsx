import {
  Breadcrumbs,
  Button,
  Card,
  Group,
  Modal,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconCheck, IconDownload, IconListDetails, IconX } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { can } from '../../../../common/permissions.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { AnchorLink } from '../../components/links.tsx';
import { OrgAvatar } from '../../components/OrgAvatar.tsx';
import { formatDateTime } from '../../lib/format.ts';
import {
  formatPeriod,
  type Payout,
  type PayoutStatement,
  payoutExportHref,
  payoutQuery,
  payoutStatementQuery,
} from '../../lib/money.ts';
import { useSession } from '../../lib/session.ts';
import { Amounts, Figure, StatementOutcome, StatementStatusBadge } from './MoneyParts.tsx';
import { StatusCounts } from './PayoutsPage.tsx';
import { type Decision, StatementDecisionModal } from './StatementDecisionModal.tsx';
import { StatementLines } from './StatementLines.tsx';

const route = getRouteApi('/authed/app/payouts/$payoutId');

/** One payout: its totals, a statement per partner to pay and mark paid or failed, and the CSV. */
export function PayoutPage() {
  const { payoutId } = route.useParams();
  const payout = useQuery(payoutQuery(payoutId));
  return (
    <Stack gap="lg">
      <Breadcrumbs separatorMargin={6} fz="sm">
        <AnchorLink to="/payouts" size="sm" c="dimmed">
          Payouts
        </AnchorLink>
        <Text size="sm" c="dimmed" aria-current="page">
          {payout.data ? formatPeriod(payout.data.periodStart, payout.data.periodEnd) : '…'}
        </Text>
      </Breadcrumbs>
      {payout.isPending ? (
        <Stack gap="lg" aria-busy="true" aria-label="Loading">
          <Skeleton height={40} width="50%" />
          <Skeleton height={110} radius="lg" />
          <Skeleton height={280} radius="lg" />
        </Stack>
      ) : payout.isError ? (
        <ErrorAlert error={payout.error} onRetry={() => payout.refetch()} />
      ) : (
        <PayoutView payout={payout.data} />
      )}
    </Stack>
  );
}

function PayoutView({ payout: p }: { payout: Payout }) {
  const { role } = useSession();
  const mayDecide = can(role, 'payouts.run');
  const [viewing, setViewing] = useState<PayoutStatement | null>(null);
  const [deciding, setDeciding] = useState<{ statement: PayoutStatement; decision: Decision } | null>(null);
  // The open modal follows the payout's fresh data (a decision changes the statement).
  const current = (s: PayoutStatement | null | undefined) =>
    s ? (p.statements.find((x) => x.id === s.id) ?? s) : null;
  const shown = current(viewing);
  return (
    <>
      <Group justify="space-between" align="flex-end" gap="md">
        <Stack gap={4}>
          <Title order={2} fz={26}>
            Payout {formatPeriod(p.periodStart, p.periodEnd)}
          </Title>
          <Text size="sm" c="dimmed" title={formatDateTime(p.createdAt)}>
            Run on {formatDateTime(p.createdAt)}
            {p.runBy ? ` by ${p.runBy.name}` : ''}
          </Text>
        </Stack>
        <Button
          component="a"
          href={payoutExportHref(p.id)}
          download
          variant="default"
          leftSection={<IconDownload size={16} />}
        >
          Export CSV
        </Button>
      </Group>
      <Card padding="lg">
        <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="lg">
          <Figure
            label="Total"
            value={<Amounts amounts={p.totals} fw={700} />}
            hint="Open and paid statements"
          />
          <Figure label="Statements" value={p.statementCount} />
          <Figure label="Status" value={<StatusCounts counts={p.statusCounts} />} />
        </SimpleGrid>
      </Card>
      <Card padding={0} component="section" aria-label="Statements">
        <Group px="lg" pt="lg" pb="sm">
          <Title order={3} fz="md">
            Statements
          </Title>
        </Group>
        <ListTable
          minWidth={940}
          aria-label="Statements of this payout"
          horizontalSpacing="md"
          actionsWidth={mayDecide ? 300 : 120}
          head={
            <>
              <Table.Th>Partner</Table.Th>
              <Table.Th w={140} style={{ textAlign: 'right' }}>
                Total
              </Table.Th>
              <Table.Th w={70}>Lines</Table.Th>
              <Table.Th w={100}>Status</Table.Th>
              <Table.Th w={200}>Reference</Table.Th>
            </>
          }
        >
          {p.statements.map((s) => (
            <Table.Tr key={s.id}>
              <Table.Td>
                <Group gap="sm" wrap="nowrap">
                  <OrgAvatar name={s.beneficiary.name} size={28} />
                  <Text size="sm" fw={600} truncate>
                    {s.beneficiary.name}
                  </Text>
                </Group>
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
                <Group gap={6} justify="flex-end" wrap="nowrap">
                  <Button
                    size="xs"
                    variant="default"
                    leftSection={<IconListDetails size={14} />}
                    onClick={() => setViewing(s)}
                    aria-label={`View the lines of ${s.beneficiary.name}’s statement`}
                  >
                    Lines
                  </Button>
                  {mayDecide && s.status === 'open' && (
                    <DecisionButtons
                      onDecide={(decision) => setDeciding({ statement: s, decision })}
                      name={s.beneficiary.name}
                    />
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      </Card>
      <Modal
        opened={shown !== null}
        onClose={() => setViewing(null)}
        size="xl"
        title={
          <Text fw={600}>
            {shown ? `${shown.beneficiary.name} · ${formatPeriod(shown.periodStart, shown.periodEnd)}` : ''}
          </Text>
        }
      >
        {shown && (
          <StatementDetail
            statement={shown}
            onDecide={
              mayDecide
                ? (decision) => {
                    setViewing(null);
                    setDeciding({ statement: shown, decision });
                  }
                : undefined
            }
          />
        )}
      </Modal>
      {deciding && (
        <StatementDecisionModal
          statement={deciding.statement}
          decision={deciding.decision}
          onClose={() => setDeciding(null)}
        />
      )}
    </>
  );
}

function DecisionButtons({ onDecide, name }: { onDecide: (d: Decision) => void; name: string }) {
  return (
    <>
      <Button
        size="xs"
        variant="light"
        color="red"
        leftSection={<IconX size={14} />}
        onClick={() => onDecide('failed')}
        aria-label={`Mark ${name}’s statement failed`}
      >
        Mark failed
      </Button>
      <Button
        size="xs"
        leftSection={<IconCheck size={14} />}
        onClick={() => onDecide('paid')}
        aria-label={`Mark ${name}’s statement paid`}
      >
        Mark paid
      </Button>
    </>
  );
}

function StatementDetail({
  statement: s,
  onDecide,
}: {
  statement: PayoutStatement;
  onDecide?: (d: Decision) => void;
}) {
  const detail = useQuery(payoutStatementQuery(s.payoutId, s.id));
  return (
    <Stack gap="md">
      <Group justify="space-between" gap="md">
        <Group gap="lg">
          <StatementStatusBadge status={s.status} size="lg" />
          <Amounts amounts={s.totals} fw={700} />
          <StatementOutcome statement={s} />
        </Group>
        {onDecide && s.status === 'open' && (
          <Group gap={6}>
            <DecisionButtons onDecide={onDecide} name={s.beneficiary.name} />
          </Group>
        )}
      </Group>
      {detail.isPending ? (
        <Stack aria-busy="true" aria-label="Loading">
          <Skeleton height={18} />
          <Skeleton height={18} />
          <Skeleton height={18} />
        </Stack>
      ) : detail.isError ? (
        <ErrorAlert error={detail.error} onRetry={() => detail.refetch()} />
      ) : (
        <StatementLines lines={detail.data.lines} />
      )}
    </Stack>
  );
}
