import { ActionIcon, Button, Card, Group, Select, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { CURRENCIES } from '../../../../common/deals.ts';
import { can } from '../../../../common/permissions.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatDate } from '../../lib/format.ts';
import {
  type MinimumRow,
  minimumRow,
  minimumRows,
  minimumsPayload,
  moneyChanged,
  moneySettingsQuery,
  saveMoneySettings,
} from '../../lib/money.ts';
import { useSession } from '../../lib/session.ts';

const CURRENCY_OPTIONS = [...CURRENCIES];

/** The reporting currency and the payout minimum per currency (owners, admins and finance change them). */
export function PayoutSettingsCard() {
  const { role } = useSession();
  const settings = useQuery(moneySettingsQuery);
  const editable = can(role, 'money.settings');
  return (
    <Card padding="xl" component="section" aria-label="Currency and payout minimums">
      <Text fw={600} mb={4}>
        Currency and payout minimums
      </Text>
      <Text size="sm" c="dimmed" mb="lg">
        {editable
          ? 'Reports convert every amount to the reporting currency. A partner’s payable balance in a currency is paid out only once it reaches the minimum; below it, it rolls over.'
          : 'Reports convert every amount to the reporting currency; balances below a minimum roll over to a later payout. Only owners, admins and finance change these.'}
      </Text>
      {settings.isPending ? (
        <Stack>
          <Skeleton height={36} width={240} />
          <Skeleton height={36} />
        </Stack>
      ) : settings.isError ? (
        <ErrorAlert error={settings.error} onRetry={() => settings.refetch()} />
      ) : (
        <SettingsForm settings={settings.data} editable={editable} />
      )}
    </Card>
  );
}

function SettingsForm({
  settings,
  editable,
}: {
  settings: { reportingCurrency: string; payoutMinimums: Record<string, number>; updatedAt: string | null };
  editable: boolean;
}) {
  const queryClient = useQueryClient();
  const [currency, setCurrency] = useState(settings.reportingCurrency);
  const [rows, setRows] = useState<MinimumRow[]>(() => minimumRows(settings.payoutMinimums));
  const [rowErrors, setRowErrors] = useState<Record<string, { currency?: string; amount?: string }>>({});
  const [dirty, setDirty] = useState(false);
  // Fresh settings from the server (saved here or elsewhere) replace an untouched form.
  useEffect(() => {
    if (!dirty) {
      setCurrency(settings.reportingCurrency);
      setRows(minimumRows(settings.payoutMinimums));
    }
  }, [settings, dirty]);
  const save = useMutation({
    mutationFn: (payoutMinimums: Record<string, number>) =>
      saveMoneySettings({ reportingCurrency: currency, payoutMinimums }),
    onSuccess: (saved) => {
      queryClient.setQueryData(moneySettingsQuery.queryKey, saved);
      moneyChanged(queryClient);
      setDirty(false);
      notifications.show({ color: 'moss', message: 'Money settings saved.' });
    },
  });
  const edit = (change: () => void) => {
    change();
    setDirty(true);
  };
  const update = (key: string, patch: Partial<MinimumRow>) =>
    edit(() => setRows((rs) => rs.map((r) => (r.key === key ? { ...r, ...patch } : r))));
  const submit = () => {
    const payload = minimumsPayload(rows);
    if (!payload.ok) {
      setRowErrors(payload.errors);
      return;
    }
    setRowErrors({});
    save.mutate(payload.value);
  };
  const reset = () => {
    setCurrency(settings.reportingCurrency);
    setRows(minimumRows(settings.payoutMinimums));
    setRowErrors({});
    setDirty(false);
    save.reset();
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      noValidate
    >
      <Stack gap="lg">
        <Select
          label="Reporting currency"
          description="Reports convert to this currency at the rate of each entry’s date"
          data={CURRENCY_OPTIONS}
          searchable
          allowDeselect={false}
          nothingFoundMessage="No such currency"
          value={currency}
          onChange={(v) => v && edit(() => setCurrency(v))}
          disabled={!editable}
          maw={280}
          comboboxProps={{ withinPortal: true }}
        />
        <Stack gap="xs">
          <Text size="sm" fw={500}>
            Payout minimums
          </Text>
          {rows.length === 0 && (
            <Text size="sm" c="dimmed">
              No minimums: every positive payable balance is paid out.
            </Text>
          )}
          {rows.map((row, i) => (
            <Group key={row.key} gap="sm" align="flex-start" wrap="nowrap">
              <Select
                aria-label={`Currency of minimum ${i + 1}`}
                placeholder="Currency"
                data={CURRENCY_OPTIONS}
                searchable
                nothingFoundMessage="No such currency"
                value={row.currency}
                onChange={(v) => update(row.key, { currency: v })}
                error={rowErrors[row.key]?.currency}
                disabled={!editable}
                w={130}
                comboboxProps={{ withinPortal: true }}
              />
              <TextInput
                aria-label={`Minimum amount ${i + 1}`}
                placeholder="50.00"
                inputMode="decimal"
                autoComplete="off"
                value={row.amount}
                onChange={(e) => update(row.key, { amount: e.currentTarget.value })}
                error={rowErrors[row.key]?.amount}
                disabled={!editable}
                w={180}
              />
              {editable && (
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  size={36}
                  aria-label={`Remove the ${row.currency ?? 'new'} minimum`}
                  onClick={() => edit(() => setRows((rs) => rs.filter((r) => r.key !== row.key)))}
                >
                  <IconTrash size={16} />
                </ActionIcon>
              )}
            </Group>
          ))}
          {editable && (
            <div>
              <Button
                variant="subtle"
                size="xs"
                leftSection={<IconPlus size={14} />}
                onClick={() => edit(() => setRows((rs) => [...rs, minimumRow()]))}
              >
                Add a minimum
              </Button>
            </div>
          )}
        </Stack>
        {save.error && <ErrorAlert error={save.error} title="Could not save the money settings" />}
        <Group justify="space-between">
          <Text size="xs" c="dimmed">
            {settings.updatedAt ? `Last changed ${formatDate(settings.updatedAt)}` : 'On the defaults'}
          </Text>
          {editable && (
            <Group gap="sm">
              <Button variant="default" onClick={reset} disabled={!dirty}>
                Discard
              </Button>
              <Button type="submit" loading={save.isPending} disabled={!dirty}>
                Save money settings
              </Button>
            </Group>
          )}
        </Group>
      </Stack>
    </form>
  );
}
