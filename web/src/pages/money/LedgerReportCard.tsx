import {
  Alert,
  Anchor,
  Button,
  Card,
  Group,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { errorMessage } from '../../lib/errors.ts';
import {
  formatMoney,
  formatPeriod,
  hasCode,
  type LedgerReport,
  ledgerReportQuery,
  yearToDate,
} from '../../lib/money.ts';

type Side = LedgerReport['asBeneficiary'];

/** Earned, reversed and paid per currency for a range of days, and in the reporting currency. */
export function LedgerReportCard() {
  const [range, setRange] = useState(yearToDate);
  const [shown, setShown] = useState(range);
  const [error, setError] = useState<string | undefined>();
  const report = useQuery({ ...ledgerReportQuery(shown.from, shown.to), placeholderData: (prev) => prev });
  const submit = () => {
    if (!range.from || !range.to) return setError('Choose both days');
    if (range.from > range.to) return setError('The last day is before the first');
    setError(undefined);
    if (range.from === shown.from && range.to === shown.to) report.refetch();
    else setShown(range);
  };
  return (
    <Card padding="xl" component="section" aria-label="Report">
      <Text fw={600} mb={4}>
        Report
      </Text>
      <Text size="sm" c="dimmed" mb="lg">
        What your organization earned as a partner and owes as a vendor, by the day entries were earned, in
        each original currency and converted to your reporting currency at the rate of each entry’s date.
      </Text>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
        noValidate
      >
        <Group gap="sm" align="flex-end" mb="lg">
          <TextInput
            label="From"
            type="date"
            value={range.from}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setRange((r) => ({ ...r, from: value }));
            }}
            w={170}
          />
          <TextInput
            label="To"
            type="date"
            value={range.to}
            onChange={(e) => {
              const value = e.currentTarget.value;
              setRange((r) => ({ ...r, to: value }));
            }}
            error={error}
            w={170}
          />
          <Button type="submit" variant="default" loading={report.isFetching}>
            Show report
          </Button>
        </Group>
      </form>
      {report.isPending ? (
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          <Skeleton height={160} />
          <Skeleton height={160} />
        </SimpleGrid>
      ) : report.isError ? (
        hasCode(report.error, 'fx_rate_missing') ? (
          <Alert
            color="orange"
            variant="light"
            title="An exchange rate is missing"
            icon={<IconAlertTriangle size={18} />}
            role="alert"
          >
            <Text size="sm">{errorMessage(report.error)}.</Text>
            <Text size="sm" mt={4}>
              Add it under{' '}
              <Anchor href="#exchange-rates" size="sm" inherit>
                Exchange rates
              </Anchor>{' '}
              below (a rate on or before that date), then show the report again.
            </Text>
          </Alert>
        ) : (
          <ErrorAlert
            error={report.error}
            title="Could not make the report"
            onRetry={() => report.refetch()}
          />
        )
      ) : (
        <Stack gap="lg" style={{ opacity: report.isPlaceholderData ? 0.6 : 1 }}>
          <Text size="sm" c="dimmed">
            {formatPeriod(report.data.from, report.data.to)} · totals in {report.data.reportingCurrency}
          </Text>
          <SideTable title="Earned as a partner" side={report.data.asBeneficiary} />
          <SideTable title="Owed to your partners" side={report.data.asPayer} />
        </Stack>
      )}
    </Card>
  );
}

function SideTable({ title, side }: { title: string; side: Side }) {
  const m = (amountMinor: number, currency: string) => formatMoney({ amountMinor, currency });
  return (
    <Stack gap="xs">
      <Title order={4} fz="sm">
        {title}
      </Title>
      {side.byCurrency.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing in this period.
        </Text>
      ) : (
        <ListTable
          minWidth={620}
          aria-label={title}
          horizontalSpacing="md"
          head={
            <>
              <Table.Th w={140}>Currency</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>Earned</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>Reversed</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>Net</Table.Th>
              <Table.Th style={{ textAlign: 'right' }}>Paid</Table.Th>
            </>
          }
        >
          {[...side.byCurrency, side.total].map((row, i) => {
            const total = i === side.byCurrency.length;
            return (
              <Table.Tr
                key={total ? 'total' : row.currency}
                fw={total ? 700 : undefined}
                bg={total ? 'gray.0' : undefined}
              >
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  {total ? `Total (${row.currency})` : row.currency}
                </Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>{m(row.earnedMinor, row.currency)}</Table.Td>
                <Table.Td style={{ textAlign: 'right' }} c={row.reversedMinor < 0 ? 'red.7' : undefined}>
                  {m(row.reversedMinor, row.currency)}
                </Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>{m(row.netMinor, row.currency)}</Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>{m(row.paidMinor, row.currency)}</Table.Td>
              </Table.Tr>
            );
          })}
        </ListTable>
      )}
    </Stack>
  );
}
