import { Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { DEAL_STATUS_LABELS, type DealStatus } from '../../../../common/deals.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import {
  type DealSummary,
  isNegativeMove,
  moneyInput,
  moveLabel,
  needsReason,
  parseMoney,
} from '../../lib/deals.ts';
import { fieldErrors } from '../../lib/errors.ts';

/** What a move adds to the state: why, and for a win the final amount. */
export interface MoveDetails {
  reason?: string;
  wonAmountMinor?: number;
}

const HINTS: Partial<Record<DealStatus, string>> = {
  accepted: 'The sender sees that you took the lead on.',
  declined: 'The sender sees your reason.',
  withdrawn: 'The other side is told. A withdrawn deal cannot be reopened.',
  submitted: 'The vendor checks it for conflicts and reviews it.',
  under_review: 'The partner sees that you are reviewing it.',
  approved: 'Approving protects this customer for the partner for your protection window.',
  rejected: 'The partner sees your reason.',
  won: 'Record the final amount the customer signed for.',
  lost: 'The deal closes as lost.',
};

/** Whether a move asks for something before it is made (a reason, or the final amount). */
export const asksDetails = (to: DealStatus) => to === 'won' || needsReason(to);

/**
 * Confirms a move, asking for what it needs: a reason to decline or reject (optional note to
 * withdraw or lose), the final amount to mark won. `onConfirm` may return at once (the board moves
 * the card optimistically) or a promise whose failure is shown here.
 */
export function MoveModal({
  deal,
  to,
  onClose,
  onConfirm,
}: {
  deal: Pick<DealSummary, 'customerName' | 'amount'>;
  /** The state to move to; the modal is closed while there is none. */
  to: DealStatus | null;
  onClose: () => void;
  onConfirm: (details: MoveDetails) => unknown;
}) {
  return (
    <Modal
      opened={to !== null}
      onClose={onClose}
      title={<Text fw={600}>{to ? `${moveLabel(to)}: ${deal.customerName}` : ''}</Text>}
    >
      {to && <MoveForm key={to} deal={deal} to={to} onClose={onClose} onConfirm={onConfirm} />}
    </Modal>
  );
}

function MoveForm({
  deal,
  to,
  onClose,
  onConfirm,
}: {
  deal: Pick<DealSummary, 'customerName' | 'amount'>;
  to: DealStatus;
  onClose: () => void;
  onConfirm: (details: MoveDetails) => unknown;
}) {
  const currency = deal.amount.currency;
  const [reason, setReason] = useState('');
  const [amount, setAmount] = useState(moneyInput(deal.amount.amountMinor, currency));
  const [errors, setErrors] = useState<{ reason?: string; amount?: string }>({});
  const move = useMutation({
    mutationFn: async (details: MoveDetails) => onConfirm(details),
    onSuccess: onClose,
    onError: (err) => {
      const fields = fieldErrors(err);
      setErrors({ reason: fields.reason, amount: fields.wonAmountMinor });
    },
  });
  const required = needsReason(to);
  const optionalNote = to === 'lost' || to === 'withdrawn';

  const submit = () => {
    const next: typeof errors = {};
    const details: MoveDetails = {};
    if (required && reason.trim().length === 0) next.reason = 'Say why, so the other side knows';
    if (reason.trim()) details.reason = reason.trim();
    if (to === 'won') {
      const parsed = parseMoney(amount, currency);
      if (parsed.ok) details.wonAmountMinor = parsed.minor;
      else next.amount = parsed.error;
    }
    setErrors(next);
    if (Object.keys(next).length === 0) move.mutate(details);
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      noValidate
    >
      <Stack gap="md">
        {HINTS[to] && (
          <Text size="sm" c="dimmed">
            {HINTS[to]}
          </Text>
        )}
        {to === 'won' && (
          <TextInput
            label="Final amount"
            inputMode="decimal"
            rightSection={
              <Text size="xs" c="dimmed">
                {currency}
              </Text>
            }
            rightSectionWidth={48}
            value={amount}
            onChange={(e) => setAmount(e.currentTarget.value)}
            error={errors.amount}
            withAsterisk
            data-autofocus
          />
        )}
        {(required || optionalNote) && (
          <Textarea
            label={required ? 'Reason' : 'Note'}
            description={required ? undefined : 'Optional'}
            placeholder={
              to === 'declined'
                ? 'Not our region, no capacity this quarter…'
                : to === 'rejected'
                  ? 'Already in our pipeline, customer outside your territory…'
                  : undefined
            }
            autosize
            minRows={3}
            maxLength={2000}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={errors.reason}
            withAsterisk={required}
            data-autofocus
          />
        )}
        {move.error && !errors.reason && !errors.amount ? (
          <ErrorAlert error={move.error} title={`Could not move it to ${DEAL_STATUS_LABELS[to]}`} />
        ) : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" color={isNegativeMove(to) ? 'red' : undefined} loading={move.isPending}>
            {moveLabel(to)}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
