import { Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { fieldErrors } from '../../lib/errors.ts';
import {
  formatMoney,
  markStatementFailed,
  markStatementPaid,
  moneyChanged,
  type PayoutStatement,
} from '../../lib/money.ts';

/** Whether a statement is being marked paid or failed. */
export type Decision = 'paid' | 'failed';

/**
 * Confirms marking an open statement paid (with the payment's reference, which the partner sees)
 * or failed (with the reason; its amounts become payable again).
 */
export function StatementDecisionModal({
  statement,
  decision,
  onClose,
}: {
  statement: PayoutStatement;
  /** The decision to confirm; closed without one. */
  decision: Decision | null;
  onClose: () => void;
}) {
  return (
    <Modal
      opened={decision !== null}
      onClose={onClose}
      title={
        <Text fw={600}>
          {decision === 'paid'
            ? `Mark ${statement.beneficiary.name}’s statement paid?`
            : `Mark ${statement.beneficiary.name}’s statement failed?`}
        </Text>
      }
    >
      {decision && (
        <DecisionForm key={decision} statement={statement} decision={decision} onClose={onClose} />
      )}
    </Modal>
  );
}

function DecisionForm({
  statement: s,
  decision,
  onClose,
}: {
  statement: PayoutStatement;
  decision: Decision;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>();
  const total = s.totals.map((m) => formatMoney(m)).join(' + ');
  const save = useMutation({
    mutationFn: (value: string) =>
      decision === 'paid'
        ? markStatementPaid(s.payoutId, s.id, value)
        : markStatementFailed(s.payoutId, s.id, value),
    onSuccess: () => {
      moneyChanged(queryClient);
      notifications.show({
        color: decision === 'paid' ? 'moss' : 'orange',
        message:
          decision === 'paid'
            ? `${s.beneficiary.name}’s statement is paid (${total}). They see the reference.`
            : `${s.beneficiary.name}’s statement failed; its amounts are payable again in the next payout.`,
      });
      onClose();
    },
    onError: (err) => {
      const fields = fieldErrors(err);
      setError(fields.externalReference ?? fields.reason);
    },
  });
  const submit = () => {
    const value = text.trim();
    if (!value) {
      setError(decision === 'paid' ? 'Enter the payment’s reference' : 'Say why the payment failed');
      return;
    }
    setError(undefined);
    save.mutate(value);
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      noValidate
    >
      <Stack gap="md">
        <Text size="sm">
          {decision === 'paid'
            ? `Record that you paid ${s.beneficiary.name} ${total}. This posts the payment to the ledger and cannot be undone.`
            : `Nothing was paid: the ${s.lineCount} line${s.lineCount === 1 ? '' : 's'} of this statement return to payable and go into the next payout.`}
        </Text>
        {decision === 'paid' ? (
          <TextInput
            label="Payment reference"
            description="The bank transfer or payment reference; the partner sees it"
            placeholder="SEPA-2026-03-0042"
            maxLength={200}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            error={error}
            withAsterisk
            data-autofocus
          />
        ) : (
          <Textarea
            label="Reason"
            description="The partner sees it"
            placeholder="The bank returned the transfer: account closed."
            autosize
            minRows={3}
            maxLength={2000}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            error={error}
            withAsterisk
            data-autofocus
          />
        )}
        {save.error && !error && (
          <ErrorAlert
            error={save.error}
            title={decision === 'paid' ? 'Could not mark it paid' : 'Could not mark it failed'}
          />
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" color={decision === 'paid' ? 'moss' : 'red'} loading={save.isPending}>
            {decision === 'paid' ? 'Mark paid' : 'Mark failed'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
