import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { OrganizationPicker } from '../../components/OrganizationPicker.tsx';
import { api, body } from '../../lib/api.ts';
import { fieldErrors } from '../../lib/errors.ts';
import type { DirectoryHit, Ecosystem } from '../../lib/types.ts';

/** Invites an organization found by name (managers); one that asked to join is approved instead. */
export function InviteOrganizationModal({
  ecosystem,
  opened,
  onClose,
}: {
  ecosystem: Ecosystem;
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={600}>Invite an organization</Text>}>
      {opened && <InviteForm ecosystem={ecosystem} onClose={onClose} />}
    </Modal>
  );
}

function InviteForm({ ecosystem: e, onClose }: { ecosystem: Ecosystem; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [chosen, setChosen] = useState<DirectoryHit | null>(null);

  const invite = useMutation({
    mutationFn: (org: DirectoryHit) =>
      body(
        api.POST('/api/v1/ecosystems/{id}/invitations', {
          params: { path: { id: e.id } },
          body: { organizationId: org.id },
        }),
      ),
    onSuccess: ({ status }, org) => {
      notifications.show({
        color: 'moss',
        message:
          status === 'member'
            ? `${org.name} had asked to join, so it is a member now.`
            : `${org.name} is invited. It joins once someone there accepts.`,
      });
      queryClient.invalidateQueries({ queryKey: ['ecosystems'] });
      onClose();
    },
  });
  const problem = fieldErrors(invite.error).organizationId;

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (chosen) invite.mutate(chosen);
      }}
    >
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          Find the organization by name. Once someone there accepts, it is a member of {e.name}.
        </Text>
        <OrganizationPicker
          value={chosen}
          onChange={(org) => {
            setChosen(org);
            invite.reset();
          }}
          exclude={e.owner?.id}
          error={problem}
        />
        {invite.error && !problem && <ErrorAlert error={invite.error} title="Could not invite" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={!chosen} loading={invite.isPending}>
            Send invitation
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
