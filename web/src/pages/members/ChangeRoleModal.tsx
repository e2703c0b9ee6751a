import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ROLE_LABELS, type Role } from '../../../../common/permissions.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { api, body } from '../../lib/api.ts';
import { fieldErrors } from '../../lib/errors.ts';
import { useSession } from '../../lib/session.ts';
import type { Member } from '../../lib/types.ts';
import { grantableRoleOptions, ROLE_HINTS } from './role-options.ts';

/** Gives a member another role. */
export function ChangeRoleModal({ member, onClose }: { member: Member | null; onClose: () => void }) {
  return (
    <Modal opened={member !== null} onClose={onClose} title={<Text fw={600}>Change role</Text>}>
      {member && <ChangeRoleForm member={member} onClose={onClose} />}
    </Modal>
  );
}

function ChangeRoleForm({ member, onClose }: { member: Member; onClose: () => void }) {
  const { role } = useSession();
  const queryClient = useQueryClient();
  const form = useForm<{ role: Role }>({ initialValues: { role: member.role } });
  const change = useMutation({
    mutationFn: (next: Role) =>
      body(api.PATCH('/api/v1/members/{id}', { params: { path: { id: member.id } }, body: { role: next } })),
    onSuccess: (updated) => {
      notifications.show({ color: 'moss', message: `${member.name} is now ${ROLE_LABELS[updated.role]}.` });
      queryClient.invalidateQueries({ queryKey: ['members'] });
      queryClient.invalidateQueries({ queryKey: ['me'] });
      onClose();
    },
    onError: (err) => form.setErrors(fieldErrors(err)),
  });
  return (
    <form onSubmit={form.onSubmit((v) => change.mutate(v.role))}>
      <Stack gap="md">
        <Text size="sm">
          Choose what <b>{member.name}</b> can do in this organization.
        </Text>
        <Select
          label="Role"
          data={grantableRoleOptions(role)}
          allowDeselect={false}
          description={ROLE_HINTS[form.values.role]}
          data-autofocus
          {...form.getInputProps('role')}
        />
        {change.error && !fieldErrors(change.error).role && (
          <ErrorAlert error={change.error} title="Could not change the role" />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={change.isPending} disabled={form.values.role === member.role}>
            Save role
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
