import { Button, Group, Modal, Stack, Text, Textarea, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconFilter, IconLock, IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { can } from '../../../../common/permissions.ts';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { api, body } from '../../lib/api.ts';
import { membershipAction } from '../../lib/ecosystems.ts';
import { errorMessage } from '../../lib/errors.ts';
import { useSession } from '../../lib/session.ts';
import type { Ecosystem } from '../../lib/types.ts';

/**
 * What your organization can do here, by its status and the join policy: join, ask to join, answer
 * an invitation, withdraw a request or leave; or why there is nothing to do.
 */
export function MembershipActions({ ecosystem: e }: { ecosystem: Ecosystem }) {
  const { role } = useSession();
  const queryClient = useQueryClient();
  const [asking, ask] = useDisclosure(false);
  const [leaving, leaveDialog] = useDisclosure(false);
  const action = membershipAction(e.myStatus, e.joinPolicy);
  const allowed = can(role, 'ecosystems.join');
  const path = { params: { path: { id: e.id } } };
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['ecosystems'] });

  const join = useMutation({
    mutationFn: (message?: string) =>
      body(api.POST('/api/v1/ecosystems/{id}/join', { ...path, body: message ? { message } : {} })),
    onSuccess: ({ status }) => {
      notifications.show({
        color: 'moss',
        message:
          status === 'requested'
            ? `Request sent. The managers of ${e.name} will decide.`
            : `Your organization is now a member of ${e.name}.`,
      });
      ask.close();
      return refresh();
    },
    onError: (err) => {
      if (!asking) notifications.show({ color: 'red', title: 'Could not join', message: errorMessage(err) });
    },
  });
  const leave = useMutation({
    mutationFn: () => body(api.POST('/api/v1/ecosystems/{id}/leave', path)),
    onSuccess: () => {
      notifications.show({
        color: 'moss',
        message:
          e.myStatus === 'requested'
            ? 'Request withdrawn.'
            : e.myStatus === 'invited'
              ? 'Invitation declined.'
              : `Your organization left ${e.name}.`,
      });
      return refresh();
    },
    onError: (err) =>
      notifications.show({ color: 'red', title: 'Could not do that', message: errorMessage(err) }),
  });

  const note = !allowed && ['join', 'request', 'respond', 'withdraw', 'leave'].includes(action) && (
    <Text size="xs" c="dimmed" maw={220}>
      Owners, admins, CPOs and alliance managers decide on ecosystems.
    </Text>
  );

  switch (action) {
    case 'owner':
      return null;
    case 'matched':
      return (
        <Tooltip
          label="Your profile matches this ecosystem's filter, so your organization belongs without joining."
          multiline
          w={260}
          withArrow
        >
          <Group gap={6} c="teal.8" wrap="nowrap">
            <IconFilter size={16} />
            <Text size="sm" fw={500}>
              Member through its filter
            </Text>
          </Group>
        </Tooltip>
      );
    case 'invite-only':
      return (
        <Group gap={6} c="dimmed" wrap="nowrap">
          <IconLock size={16} />
          <Text size="sm">Invitation only: its managers invite organizations</Text>
        </Group>
      );
    case 'join':
      return (
        <Stack gap={4} align="flex-end">
          <Button
            leftSection={<IconPlus size={16} />}
            loading={join.isPending}
            disabled={!allowed}
            onClick={() => join.mutate(undefined)}
          >
            Join
          </Button>
          {note}
        </Stack>
      );
    case 'request':
      return (
        <Stack gap={4} align="flex-end">
          <Button disabled={!allowed} onClick={ask.open}>
            Request to join
          </Button>
          {note}
          <RequestModal
            opened={asking}
            onClose={() => {
              join.reset();
              ask.close();
            }}
            name={e.name}
            pending={join.isPending}
            error={join.error}
            onSend={(message) => join.mutate(message)}
          />
        </Stack>
      );
    case 'respond':
      return (
        <Stack gap={4} align="flex-end">
          <Group gap="sm">
            <Button
              variant="default"
              loading={leave.isPending}
              disabled={!allowed || join.isPending}
              onClick={() => leave.mutate()}
            >
              Decline
            </Button>
            <Button
              leftSection={<IconCheck size={16} />}
              loading={join.isPending}
              disabled={!allowed || leave.isPending}
              onClick={() => join.mutate(undefined)}
            >
              Accept invitation
            </Button>
          </Group>
          <Text size="xs" c="dimmed">
            Your organization is invited to join.
          </Text>
          {note}
        </Stack>
      );
    case 'withdraw':
      return (
        <Stack gap={4} align="flex-end">
          <Button
            variant="default"
            loading={leave.isPending}
            disabled={!allowed}
            onClick={() => leave.mutate()}
          >
            Withdraw request
          </Button>
          <Text size="xs" c="dimmed">
            Waiting for the managers to approve.
          </Text>
          {note}
        </Stack>
      );
    case 'leave':
      return (
        <Stack gap={4} align="flex-end">
          <Button variant="default" color="red" disabled={!allowed} onClick={leaveDialog.open}>
            Leave
          </Button>
          {note}
          <ConfirmModal
            opened={leaving}
            onClose={leaveDialog.close}
            title={`Leave ${e.name}?`}
            confirmLabel="Leave ecosystem"
            onConfirm={() => body(api.POST('/api/v1/ecosystems/{id}/leave', path))}
            onDone={() => {
              notifications.show({ color: 'moss', message: `Your organization left ${e.name}.` });
              refresh();
            }}
          >
            {e.joinPolicy === 'open'
              ? 'Your organization can join again at any time.'
              : e.joinPolicy === 'approval'
                ? 'To come back, your organization will have to ask again.'
                : 'To come back, your organization will need a new invitation.'}
          </ConfirmModal>
        </Stack>
      );
  }
}

function RequestModal({
  opened,
  onClose,
  name,
  pending,
  error,
  onSend,
}: {
  opened: boolean;
  onClose: () => void;
  name: string;
  pending: boolean;
  error: unknown;
  onSend: (message: string | undefined) => void;
}) {
  const [message, setMessage] = useState('');
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={600}>Ask to join {name}</Text>}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          onSend(message.trim() || undefined);
        }}
      >
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            Its managers approve or decline requests. A line about who you are and why helps them decide.
          </Text>
          <Textarea
            label="Note to the managers"
            description="Optional"
            placeholder="We are a Nordic MSP focused on Microsoft security…"
            autosize
            minRows={3}
            maxLength={1000}
            value={message}
            onChange={(event) => setMessage(event.currentTarget.value)}
            data-autofocus
          />
          {error ? <ErrorAlert error={error} title="Could not send the request" /> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={pending}>
              Send request
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
