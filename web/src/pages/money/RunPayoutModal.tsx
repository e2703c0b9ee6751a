import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { todayIso } from '../../lib/deals.ts';
import { errorMessage, fieldErrors } from '../../lib/errors.ts';
import {
  formatPeriod,
  hasCode,
  moneyChanged,
  periodProblem,
  previousMonth,
  runPayout,
} from '../../lib/money.ts';
import { PeriodFields } from './MoneyParts.tsx';

/** Runs a payout for a period (the previous calendar month unless changed) and opens it. */
export function RunPayoutModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={600}>Run a payout</Text>}>
      {opened && <RunPayoutForm onClose={onClose} />}
    </Modal>
  );
}

function RunPayoutForm({ onClose }: { onClose: () => void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [period, setPeriod] = useState(previousMonth);
  const [errors, setErrors] = useState<{ start?: string; end?: string }>({});
  const run = useMutation({
    mutationFn: () => runPayout({ periodStart: period.start, periodEnd: period.end }),
    onSuccess: (payout) => {
      moneyChanged(queryClient);
      notifications.show({
        color: 'moss',
        title: 'Payout run',
        message: `${payout.statementCount} statement${payout.statementCount === 1 ? '' : 's'} for ${formatPeriod(payout.periodStart, payout.periodEnd)}. Pay them, then mark each one paid.`,
      });
      onClose();
      navigate({ to: '/payouts/$payoutId', params: { payoutId: payout.id } });
    },
    onError: (err) => {
      const fields = fieldErrors(err);
      setErrors({ start: fields.periodStart, end: fields.periodEnd });
    },
  });
  const submit = () => {
    const problem = periodProblem(period.start, period.end, todayIso());
    setErrors(problem ?? {});
    if (!problem) run.mutate();
  };
  const refused = hasCode(run.error, 'nothing_to_pay')
    ? 'Nothing to pay'
    : hasCode(run.error, 'already_exists')
      ? 'Already run'
      : 'Could not run the payout';
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      noValidate
    >
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          Every partner gets one statement with each entry that is payable by the end of the last day. Amounts
          below your payout minimum, and negative balances, roll over to a later payout.
        </Text>
        <PeriodFields period={period} onChange={setPeriod} errors={errors} />
        {run.error &&
          !errors.start &&
          !errors.end &&
          (hasCode(run.error, 'nothing_to_pay') || hasCode(run.error, 'already_exists') ? (
            <Alert
              color="yellow"
              variant="light"
              title={refused}
              icon={<IconInfoCircle size={18} />}
              role="alert"
            >
              {errorMessage(run.error)}
            </Alert>
          ) : (
            <ErrorAlert error={run.error} title={refused} />
          ))}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={run.isPending}>
            Run payout
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
