import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { api, body } from '../lib/api.ts';
import { fieldErrors } from '../lib/errors.ts';
import { organizationChanged } from '../lib/session.ts';
import { ErrorAlert } from './ErrorAlert.tsx';

/** Creates another organization with the user as owner, then acts in it. */
export function CreateOrganizationModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const navigate = useNavigate();
  const form = useForm({
    initialValues: { name: '' },
    validate: { name: (v) => (v.trim().length < 2 ? 'At least 2 characters' : null) },
  });
  const create = useMutation({
    mutationFn: async (name: string) => {
      // The server makes the new organization the session's active one.
      const org = await body(api.POST('/api/v1/organizations', { body: { name } }));
      await organizationChanged();
      return org;
    },
    onSuccess: (org) => {
      notifications.show({
        color: 'moss',
        title: 'Organization created',
        message: `You now act in ${org.name}.`,
      });
      form.reset();
      onClose();
      navigate({ to: '/' });
    },
    onError: (err) => form.setErrors(fieldErrors(err)),
  });
  const generalError = create.error && !Object.keys(fieldErrors(create.error)).length ? create.error : null;
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={600}>Create an organization</Text>}>
      <form onSubmit={form.onSubmit((v) => create.mutate(v.name.trim()))}>
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
