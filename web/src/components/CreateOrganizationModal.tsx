import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useCreateOrganization } from '../lib/create-organization.ts';
import { fieldErrors } from '../lib/errors.ts';
import { ErrorAlert } from './ErrorAlert.tsx';

/** Creates another organization with the user as owner, then acts in it. */
export function CreateOrganizationModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  // Held here rather than inside the modal, so a name typed before closing is still there on reopening.
  const { form, create, submit } = useCreateOrganization((org) => {
    notifications.show({
      color: 'moss',
      title: 'Organization created',
      message: `You now act in ${org.name}.`,
    });
    form.reset();
    onClose();
  });
  const generalError = create.error && !Object.keys(fieldErrors(create.error)).length ? create.error : null;
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={600}>Create an organization</Text>}>
      <form onSubmit={submit}>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            You will be its owner. Invite your team once it exists.
          </Text>
          <TextInput
            label="Organization name"
            placeholder="Acme Partners"
            data-autofocus
            {...form.getInputProps('name')}
          />
          {generalError && <ErrorAlert error={generalError} title="Could not create the organization" />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create organization
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
