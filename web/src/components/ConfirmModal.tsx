import { Button, Group, type MantineColor, Modal, Stack, Text } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ErrorAlert } from './ErrorAlert.tsx';

/** Asks before a destructive (or otherwise weighty) action; shows the server's answer if it fails. */
export function ConfirmModal({
  opened,
  onClose,
  title,
  children,
  confirmLabel,
  confirmColor = 'red',
  onConfirm,
  onDone,
}: {
  opened: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** The confirm button's colour: red for what cannot be undone. */
  confirmColor?: MantineColor;
  onConfirm: () => Promise<unknown>;
  onDone?: () => void;
}) {
  const action = useMutation({
    mutationFn: onConfirm,
    onSuccess: () => {
      onDone?.();
      onClose();
    },
  });
  const close = () => {
    action.reset();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={<Text fw={600}>{title}</Text>}>
      <Stack gap="md">
        <Text size="sm">{children}</Text>
        {action.error && <ErrorAlert error={action.error} title="Could not do that" />}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={close} data-autofocus>
            Cancel
          </Button>
          <Button color={confirmColor} loading={action.isPending} onClick={() => action.mutate()}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
