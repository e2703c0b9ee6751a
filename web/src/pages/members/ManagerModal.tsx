import { Alert, Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ROLE_LABELS } from '../../../../common/permissions.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { api, body } from '../../lib/api.ts';
import { fieldErrors } from '../../lib/errors.ts';
import { flattenChart } from '../../lib/org-chart.ts';
import { orgChartQuery } from '../../lib/queries.ts';
import type { Member } from '../../lib/types.ts';

const NONE = 'none';

/** Sets whom a member reports to (alliance managers report to a CPO). */
export function ManagerModal({ member, onClose }: { member: Member | null; onClose: () => void }) {
  return (
    <Modal opened={member !== null} onClose={onClose} title={<Text fw={600}>Set manager</Text>}>
      {member && <ManagerForm member={member} onClose={onClose} />}
    </Modal>
  );
}

function ManagerForm({ member, onClose }: { member: Member; onClose: () => void }) {
  const queryClient = useQueryClient();
  const chart = useQuery(orgChartQuery);
  const form = useForm({ initialValues: { managerMemberId: member.managerMemberId ?? NONE } });
  const needsCpo = member.role === 'alliance_manager';
  const candidates = (chart.data ? flattenChart(chart.data.data) : [])
    .filter((p) => p.id !== member.id && (!needsCpo || p.role === 'cpo'))
    .sort((a, b) => a.name.localeCompare(b.name));
  const save = useMutation({
    mutationFn: (managerMemberId: string | null) =>
      body(
        api.PUT('/api/v1/members/{id}/manager', {
          params: { path: { id: member.id } },
          body: { managerMemberId },
        }),
      ),
    onSuccess: (_, managerMemberId) => {
      const manager = candidates.find((c) => c.id === managerMemberId);
      notifications.show({
        color: 'moss',
        message: manager
          ? `${member.name} now reports to ${manager.name}.`
          : `${member.name} reports to no one.`,
      });
      queryClient.invalidateQueries({ queryKey: ['members'] });
      onClose();
    },
    onError: (err) => form.setErrors(fieldErrors(err)),
  });
  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v.managerMemberId === NONE ? null : v.managerMemberId))}>
      <Stack gap="md">
        <Text size="sm">
          Whom does <b>{member.name}</b> report to?
        </Text>
        {needsCpo && (
          <Alert variant="light" color="blue" icon={<IconInfoCircle size={18} />} p="sm">
            Alliance managers report to a Chief Partner Officer, so only CPOs are listed.
          </Alert>
        )}
        <Select
          label="Manager"
          searchable
          openOnFocus={false}
          allowDeselect={false}
          disabled={chart.isPending}
          nothingFoundMessage="No one matches"
          data={[
            { value: NONE, label: 'No manager' },
            ...candidates.map((c) => ({ value: c.id, label: `${c.name} · ${ROLE_LABELS[c.role]}` })),
          ]}
          data-autofocus
          {...form.getInputProps('managerMemberId')}
        />
        {save.error && !fieldErrors(save.error).managerMemberId && (
          <ErrorAlert error={save.error} title="Could not set the manager" />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
