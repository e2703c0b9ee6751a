import {
  ActionIcon,
  Alert,
  Button,
  Card,
  FileButton,
  Group,
  List,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconAlertTriangle,
  IconArrowRight,
  IconFileImport,
  IconPlus,
  IconTrash,
  IconWorld,
} from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { CURRENCIES } from '../../../../common/deals.ts';
import { can } from '../../../../common/permissions.ts';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { DateText } from '../../components/DateText.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { QueryStates } from '../../components/QueryStates.tsx';
import { todayIso } from '../../lib/deals.ts';
import { errorMessage, fieldErrors } from '../../lib/errors.ts';
import {
  createFxRate,
  deleteFxRate,
  type FxRate,
  formatDay,
  fxRatesQuery,
  importErrors,
  importFxRates,
  moneyChanged,
  rateProblem,
} from '../../lib/money.ts';
import { useSession } from '../../lib/session.ts';

const CURRENCY_OPTIONS = [...CURRENCIES];
const MAX_FILE = 2_000_000;

/** Dated exchange rates: enter one, import a CSV (all rows or none), delete one. */
export function FxRatesCard() {
  const { role } = useSession();
  const editable = can(role, 'money.settings');
  const rates = useInfiniteQuery(fxRatesQuery);
  const rows = rates.data?.pages.flatMap((p) => p.data) ?? [];
  const [deleting, setDeleting] = useState<FxRate | null>(null);
  const queryClient = useQueryClient();
  const importCsv = useImportRates();
  return (
    <Card padding={0} component="section" aria-label="Exchange rates" id="exchange-rates">
      <Stack gap="lg" p="xl" pb="md">
        <Group justify="space-between" align="flex-start" gap="md">
          <div>
            <Title order={3} fz="md" mb={4}>
              Exchange rates
            </Title>
            <Text size="sm" c="dimmed" maw={620}>
              1 base = rate quote, for a day. A report converts each entry at the latest rate on or before its
              date; amounts themselves are never rewritten.
            </Text>
          </div>
          {editable && <ImportButton importCsv={importCsv} />}
        </Group>
        <ImportErrors importCsv={importCsv} />
        {editable && <AddRateForm />}
      </Stack>
      <QueryStates
        query={rates}
        skeletonRows={3}
        isEmpty={rows.length === 0}
        empty={{
          icon: <IconWorld size={28} />,
          title: 'No exchange rates yet',
          description: editable
            ? 'Add rates one by one above, or import a CSV with the columns base, quote, date and rate.'
            : 'Owners, admins and finance add the rates your reports use.',
        }}
      >
        <ListTable
          minWidth={560}
          aria-label="Exchange rates"
          horizontalSpacing="lg"
          actionsWidth={editable ? 60 : undefined}
          head={
            <>
              <Table.Th>Pair</Table.Th>
              <Table.Th w={160}>Date</Table.Th>
              <Table.Th w={180} style={{ textAlign: 'right' }}>
                Rate
              </Table.Th>
              <Table.Th w={150}>Entered</Table.Th>
            </>
          }
        >
          {rows.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>
                <Group gap={6} wrap="nowrap">
                  <Text size="sm" fw={600}>
                    {r.base}
                  </Text>
                  <IconArrowRight size={14} aria-label="to" color="var(--mantine-color-gray-6)" />
                  <Text size="sm" fw={600}>
                    {r.quote}
                  </Text>
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{formatDay(r.rateDate)}</Text>
              </Table.Td>
              <Table.Td style={{ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }}>{r.rate}</Table.Td>
              <Table.Td>
                <DateText value={r.createdAt} format="relative" />
              </Table.Td>
              {editable && (
                <Table.Td>
                  <ActionIcon
                    variant="subtle"
                    color="gray"
                    aria-label={`Delete the ${r.base}→${r.quote} rate of ${r.rateDate}`}
                    onClick={() => setDeleting(r)}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </ListTable>
      </QueryStates>
      <div style={{ paddingBottom: 'var(--mantine-spacing-md)' }}>
        <LoadMore {...rates} />
      </div>
      <ConfirmModal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title="Delete this rate?"
        confirmLabel="Delete rate"
        onConfirm={() => (deleting ? deleteFxRate(deleting.id) : Promise.resolve())}
        onDone={() => {
          moneyChanged(queryClient);
          notifications.show({ color: 'moss', message: 'The rate is deleted.' });
        }}
      >
        {deleting
          ? `${deleting.base}→${deleting.quote} ${deleting.rate} on ${formatDay(deleting.rateDate)}. Reports will use the latest earlier rate instead.`
          : ''}
      </ConfirmModal>
    </Card>
  );
}

interface RateValues {
  base: string | null;
  quote: string | null;
  rateDate: string;
  rate: string;
}

const emptyRate = (): RateValues => ({ base: 'EUR', quote: null, rateDate: todayIso(), rate: '' });

function AddRateForm() {
  const queryClient = useQueryClient();
  const [values, setValues] = useState<RateValues>(emptyRate);
  const [errors, setErrors] = useState<Partial<Record<keyof RateValues, string>>>({});
  const set = (patch: Partial<RateValues>) => setValues((v) => ({ ...v, ...patch }));
  const add = useMutation({
    mutationFn: (input: { base: string; quote: string; rateDate: string; rate: string }) =>
      createFxRate(input),
    onSuccess: (saved) => {
      moneyChanged(queryClient);
      notifications.show({
        color: 'moss',
        message: `Saved: 1 ${saved.base} = ${saved.rate} ${saved.quote} on ${formatDay(saved.rateDate)}.`,
      });
      setValues((v) => ({ ...v, rate: '' }));
    },
    onError: (err) => setErrors(fieldErrors(err)),
  });
  const submit = () => {
    const next: typeof errors = {};
    if (!values.base) next.base = 'Choose a currency';
    if (!values.quote) next.quote = 'Choose a currency';
    else if (values.quote === values.base) next.quote = 'Pick another currency than the base';
    if (!values.rateDate) next.rateDate = 'Choose the day';
    const problem = rateProblem(values.rate);
    if (problem) next.rate = problem;
    setErrors(next);
    if (Object.keys(next).length === 0 && values.base && values.quote)
      add.mutate({
        base: values.base,
        quote: values.quote,
        rateDate: values.rateDate,
        rate: values.rate.trim().replace(',', '.'),
      });
  };
  const placed = Object.keys(fieldErrors(add.error)).some((f) => f in values);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      noValidate
      aria-label="Add an exchange rate"
    >
      <Stack gap="xs">
        <Group gap="sm" align="flex-start">
          <Select
            label="Base"
            data={CURRENCY_OPTIONS}
            searchable
            nothingFoundMessage="No such currency"
            value={values.base}
            onChange={(v) => set({ base: v })}
            error={errors.base}
            w={110}
            comboboxProps={{ withinPortal: true }}
          />
          <Select
            label="Quote"
            data={CURRENCY_OPTIONS}
            searchable
            nothingFoundMessage="No such currency"
            value={values.quote}
            onChange={(v) => set({ quote: v })}
            error={errors.quote}
            w={110}
            comboboxProps={{ withinPortal: true }}
          />
          <TextInput
            label="Date"
            type="date"
            value={values.rateDate}
            onChange={(e) => set({ rateDate: e.currentTarget.value })}
            error={errors.rateDate}
            w={170}
          />
          <TextInput
            label="Rate"
            placeholder="1.0850"
            inputMode="decimal"
            autoComplete="off"
            value={values.rate}
            onChange={(e) => set({ rate: e.currentTarget.value })}
            error={errors.rate}
            w={160}
          />
          <Button type="submit" leftSection={<IconPlus size={16} />} loading={add.isPending} mt={25}>
            Add rate
          </Button>
        </Group>
        {add.error && !placed && <ErrorAlert error={add.error} title="Could not save the rate" />}
      </Stack>
    </form>
  );
}

/** The CSV import: the file chosen, and its answer. */
function useImportRates() {
  const queryClient = useQueryClient();
  const [fileName, setFileName] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: async (file: File) => {
      setFileName(file.name);
      if (file.size > MAX_FILE)
        throw new Error('The file is larger than 2 MB: split it into several imports.');
      return importFxRates(await file.text());
    },
    onSuccess: (result) => {
      moneyChanged(queryClient);
      notifications.show({
        color: 'moss',
        title: `${result.imported} rate${result.imported === 1 ? '' : 's'} imported`,
        message: `${result.created} new, ${result.updated} replaced.`,
      });
    },
  });
  return { ...mutation, fileName };
}

type ImportState = ReturnType<typeof useImportRates>;

function ImportButton({ importCsv }: { importCsv: ImportState }) {
  return (
    <Stack gap={4} align="flex-end">
      <FileButton
        accept=".csv,text/csv"
        onChange={(file) => {
          if (file) importCsv.mutate(file);
        }}
      >
        {(props) => (
          <Button
            {...props}
            variant="default"
            leftSection={<IconFileImport size={16} />}
            loading={importCsv.isPending}
          >
            Import CSV
          </Button>
        )}
      </FileButton>
      <Text size="xs" c="dimmed">
        Header row: base,quote,date,rate
      </Text>
    </Stack>
  );
}

/** Why an import was refused: every bad row by its line number (the header is line 1). */
function ImportErrors({ importCsv }: { importCsv: ImportState }) {
  if (!importCsv.error) return null;
  const rowErrors = importErrors(importCsv.error);
  return (
    <Alert
      color="red"
      variant="light"
      title={`${importCsv.fileName ?? 'The file'} was not imported`}
      icon={<IconAlertTriangle size={18} />}
      role="alert"
      withCloseButton
      closeButtonLabel="Dismiss"
      onClose={() => importCsv.reset()}
    >
      {rowErrors.length === 0 ? (
        <Text size="sm">{errorMessage(importCsv.error)}</Text>
      ) : (
        <Stack gap={4}>
          <Text size="sm">
            Nothing was stored. Fix {rowErrors.length === 1 ? 'this row' : `these ${rowErrors.length} rows`}{' '}
            and import the file again:
          </Text>
          <List size="sm" spacing={2} mah={220} style={{ overflowY: 'auto' }}>
            {rowErrors.slice(0, 100).map((e) => (
              <List.Item key={`${e.row}:${e.message}`}>
                <Text span fw={600} size="sm">
                  Row {e.row}:
                </Text>{' '}
                {e.message}
              </List.Item>
            ))}
          </List>
          {rowErrors.length > 100 && (
            <Text size="xs" c="dimmed">
              … and {rowErrors.length - 100} more.
            </Text>
          )}
        </Stack>
      )}
    </Alert>
  );
}
