import { Alert, Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { todayIso } from '../../lib/deals.ts';
import { errorMessage, fieldErrors, hasStatus } from '../../lib/errors.ts';
import {
  formatMoney,
  formatPeriod,
  moneyChanged,
  periodProblem,
  previousMonth,
  settleNetting,
} from '../../lib/money.ts';
import { PeriodFields } from './MoneyParts.tsx';

/** Records that the P2P fee balance with a partner was settled through the end of a period. */
export function SettleModal({
  partnershipId,
  partnerName,
  headline,
  opened,
  onClose,
}: {
  partnershipId: string;
  partnerName: string;
  /** Who owes whom now ("Contoso owes Northwind €1,200.00"). */
  headline: string;
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={600}>Settle with {partnerName}</Text>}>
      {opened && (
        <SettleForm
          partnershipId={partnershipId}
          partnerName={partnerName}
          headline={headline}
          onClose={onClose}
        />
      )}
    </Modal>
  );
}

function SettleForm({
  partnershipId,
  partnerName,
  headline,
  onClose,
}: {
  partnershipId: string;
  partnerName: string;
  headline: string;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const [period, setPeriod] = useState(previousMonth);
  const [reference, setReference] = useState('');
  const [errors, setErrors] = useState<{ start?: string; end?: string; reference?: string }>({});
  const settle = useMutation({
    mutationFn: () =>
      settleNetting(partnershipId, {
        periodStart: period.start,
        periodEnd: period.end,
        externalReference: reference.trim() || undefined,
      }),
    onSuccess: (result) => {
      moneyChanged(queryClient);
      notifications.show({
        color: 'moss',
        title: `Settled with ${partnerName}`,
        message: `${formatPeriod(period.start, period.end)}: ${result.data
          .map((e) => formatMoney(e.amount))
          .join(' + ')} recorded. ${partnerName} is told.`,
      });
      onClose();
    },
    onError: (err) => {
      const fields = fieldErrors(err);
      setErrors({ start: fields.periodStart, end: fields.periodEnd, reference: fields.externalReference });
    },
  });
  const submit = () => {
    const problem = periodProblem(period.start, period.end, todayIso());
    setErrors(problem ?? {});
    if (!problem) settle.mutate();
  };
  const placed = errors.start || errors.end || errors.reference;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      noValidate
    >
      <Stack gap="md">
        <Text size="sm">{headline}.</Text>
        <Text size="sm" c="dimmed">
          Record a payment made outside Mycelium: it settles the whole balance through the last day, amounts
          left open from earlier periods included. Either side may record it, once per period.
        </Text>
        <PeriodFields period={period} onChange={setPeriod} errors={errors} />
        <TextInput
          label="Payment reference"
          description="Optional: the bank transfer’s reference"
          maxLength={200}
          value={reference}
          onChange={(e) => setReference(e.currentTarget.value)}
          error={errors.reference}
        />
        {settle.error &&
          !placed &&
          (hasStatus(settle.error, 409) ? (
            <Alert
              color="yellow"
              variant="light"
              title="Not settled"
              icon={<IconInfoCircle size={18} />}
              role="alert"
            >
              {errorMessage(settle.error)}
            </Alert>
          ) : (
            <ErrorAlert error={settle.error} title="Could not record the settlement" />
          ))}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={settle.isPending}>
            Record settlement
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
