import { Button, Group, type MantineColor, Modal, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { fieldErrors } from '../../lib/errors.ts';
import {
  ACTION_DONE,
  type Partnership,
  type PartnershipAction,
  usePartnershipAction,
} from '../../lib/partnerships.ts';
import { useSession } from '../../lib/session.ts';
import { OwnerSelect } from './OwnerSelect.tsx';

interface Copy {
  title: (partner: string) => string;
  body: (partner: string) => string;
  confirm: string;
  color: MantineColor;
  /** Whether a reason can go with the move (shown to the partner). */
  reason: boolean;
}

const COPY: Record<PartnershipAction, Copy> = {
  accept: {
    title: (p) => `Accept ${p}’s proposal?`,
    body: () =>
      'Both sides will have opted in: you can send each other referrals and register deals. Choose who owns the partnership on your side.',
    confirm: 'Accept partnership',
    color: 'moss',
    reason: false,
  },
  decline: {
    title: (p) => `Decline ${p}’s proposal?`,
    body: (p) => `${p} is told. They can propose again later.`,
    confirm: 'Decline',
    color: 'red',
    reason: true,
  },
  withdraw: {
    title: (p) => `Withdraw your proposal to ${p}?`,
    body: (p) => `${p} can no longer accept it. You can propose again later.`,
    confirm: 'Withdraw proposal',
    color: 'red',
    reason: true,
  },
  pause: {
    title: (p) => `Pause the partnership with ${p}?`,
    body: () =>
      'While it is paused, neither side can send new referrals or register new deals. Only your organization can resume it.',
    confirm: 'Pause partnership',
    color: 'orange',
    reason: true,
  },
  resume: {
    title: (p) => `Resume the partnership with ${p}?`,
    body: () => 'Both sides can send referrals and register deals again.',
    confirm: 'Resume partnership',
    color: 'moss',
    reason: false,
  },
  end: {
    title: (p) => `End the partnership with ${p}?`,
    body: () =>
      'This cannot be undone: no new deals can go through it, and working together again needs a new proposal that both sides accept.',
    confirm: 'End partnership',
    color: 'red',
    reason: true,
  },
};

/** Labels of the buttons that open each move. */
export const ACTION_LABELS: Record<PartnershipAction, string> = {
  accept: 'Accept',
  decline: 'Decline',
  withdraw: 'Withdraw',
  pause: 'Pause',
  resume: 'Resume',
  end: 'End partnership',
};

/** Asks before a move on a partnership: a reason for the partner where one fits, the owner on accept. */
export function PartnershipActionModal({
  partnership,
  action,
  onClose,
}: {
  partnership: Partnership;
  /** The move to confirm; the modal is closed without one. */
  action: PartnershipAction | null;
  onClose: () => void;
}) {
  return (
    <Modal
      opened={action !== null}
      onClose={onClose}
      title={action && <Text fw={600}>{COPY[action].title(partnership.partner.name)}</Text>}
    >
      {action && <ActionForm partnership={partnership} action={action} onClose={onClose} />}
    </Modal>
  );
}

function ActionForm({
  partnership: p,
  action,
  onClose,
}: {
  partnership: Partnership;
  action: PartnershipAction;
  onClose: () => void;
}) {
  const { me } = useSession();
  const act = usePartnershipAction();
  const [reason, setReason] = useState('');
  const [owner, setOwner] = useState<string | null>(me.user.id);
  const copy = COPY[action];
  const issues = fieldErrors(act.error);
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        act.mutate(
          {
            id: p.id,
            action,
            reason: copy.reason ? reason.trim() || undefined : undefined,
            ownerUserId: action === 'accept' ? (owner ?? undefined) : undefined,
          },
          {
            onSuccess: () => {
              notifications.show({
                color: 'moss',
                message: `Partnership with ${p.partner.name} ${ACTION_DONE[action]}.`,
              });
              onClose();
            },
          },
        );
      }}
    >
      <Stack gap="md">
        <Text size="sm">{copy.body(p.partner.name)}</Text>
        {copy.reason && (
          <Textarea
            label="Reason"
            description={`Optional; ${p.partner.name} sees it`}
            autosize
            minRows={2}
            maxRows={6}
            maxLength={2000}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={issues.reason}
            data-autofocus
          />
        )}
        {action === 'accept' && (
          <OwnerSelect
            label="Your owning alliance manager"
            meId={me.user.id}
            value={owner}
            onChange={setOwner}
            error={issues.ownerUserId}
            data-autofocus
          />
        )}
        {act.error && !issues.reason && !issues.ownerUserId && (
          <ErrorAlert error={act.error} title="Could not do that" />
        )}
        <Group justify="flex-end" gap="sm">
          <Button
            variant="default"
            onClick={onClose}
            // Focus starts on the first field; without one, on the harmless choice.
            {...(!copy.reason && action !== 'accept' ? { 'data-autofocus': true } : {})}
          >
            Cancel
          </Button>
          <Button type="submit" color={copy.color} loading={act.isPending}>
            {copy.confirm}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
