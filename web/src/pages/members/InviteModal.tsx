import { Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { ROLE_LABELS, type Role } from '../../../../common/permissions.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { api, body } from '../../lib/api.ts';
import { fieldErrors } from '../../lib/errors.ts';
import { useSession } from '../../lib/session.ts';
import { grantableRoleOptions, ROLE_HINTS } from './role-options.ts';

/** Invites someone by email with a role the inviter may grant; `again` prefills an earlier invitation. */
export function InviteModal({
  opened,
  onClose,
  again,
}: {
  opened: boolean;
  onClose: () => void;
  again?: { email: string; role: Role };
}) {
  const { role, organization } = useSession();
  const queryClient = useQueryClient();
  const form = useForm<{ email: string; role: Role }>({
    initialValues: { email: '', role: 'member' },
    validate: { email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter a valid email address') },
  });
  const { setValues } = form;
  useEffect(() => {
    if (opened && again) setValues({ email: again.email, role: again.role });
  }, [opened, again, setValues]);
  const invite = useMutation({
    mutationFn: (v: { email: string; role: Role }) =>
      body(api.POST('/api/v1/invitations', { body: { email: v.email.trim(), role: v.role } })),
    onSuccess: (inv) => {
      notifications.show({
        color: 'moss',
        title: 'Invitation sent',
        message: `${inv.email} is invited as ${ROLE_LABELS[inv.role]}.`,
      });
      queryClient.invalidateQueries({ queryKey: ['invitations'] });
      close();
    },
    onError: (err) => form.setErrors(fieldErrors(err)),
  });
  const close = () => {
    form.reset();
    invite.reset();
    onClose();
  };
  const issues = fieldErrors(invite.error);
  return (
    <Modal
      opened={opened}
      onClose={close}
      title={<Text fw={600}>{again ? 'Invite again' : 'Invite a member'}</Text>}
    >
      <form onSubmit={form.onSubmit((v) => invite.mutate(v))} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            We email them a link to join {organization?.name}. The invitation is valid for a week.
          </Text>
          <TextInput
            label="Email address"
            type="email"
            placeholder="colleague@company.com"
            data-autofocus
            {...form.getInputProps('email')}
          />
          <Select
            label="Role"
            data={grantableRoleOptions(role)}
            allowDeselect={false}
            description={ROLE_HINTS[form.values.role]}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('role')}
          />
          {invite.error && !issues.email && !issues.role && (
            <ErrorAlert error={invite.error} title="Could not send the invitation" />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={invite.isPending}>
              Send invitation
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
