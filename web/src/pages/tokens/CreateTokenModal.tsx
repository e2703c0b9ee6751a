import { Alert, Button, Code, CopyButton, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle, IconCheck, IconCopy } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { can } from '../../../../common/permissions.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { api, body } from '../../lib/api.ts';
import { fieldErrors } from '../../lib/errors.ts';
import { displayName } from '../../lib/format.ts';
import { flattenChart } from '../../lib/org-chart.ts';
import { orgChartQuery } from '../../lib/queries.ts';
import { useSession } from '../../lib/session.ts';
import type { CreatedToken } from '../../lib/types.ts';

const EXPIRY = [
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: '1 year' },
  { value: 'never', label: 'Never (not recommended)' },
];

/** Creates a token, then shows its secret exactly once. */
export function CreateTokenModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const create = useMutation({
    mutationFn: (input: { name: string; expiresInDays: number | null; userId?: string }) =>
      body(api.POST('/api/v1/tokens', { body: input })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['tokens'] }),
  });
  const close = () => {
    // Forget the secret as soon as the dialog closes: it is never shown again.
    create.reset();
    onClose();
  };
  return (
    <Modal
      opened={opened}
      onClose={close}
      size="lg"
      closeOnClickOutside={!create.data}
      title={<Text fw={600}>{create.data ? 'Copy your new token' : 'Create an API token'}</Text>}
    >
      {create.data ? (
        <TokenSecret token={create.data} onDone={close} />
      ) : (
        <CreateTokenForm create={create} onCancel={close} />
      )}
    </Modal>
  );
}

function CreateTokenForm({
  create,
  onCancel,
}: {
  create: ReturnType<
    typeof useMutation<CreatedToken, Error, { name: string; expiresInDays: number | null; userId?: string }>
  >;
  onCancel: () => void;
}) {
  const { me, role } = useSession();
  const forOthers = can(role, 'tokens.manage_all');
  const chart = useQuery({ ...orgChartQuery, enabled: forOthers });
  const people = chart.data ? flattenChart(chart.data.data).sort((a, b) => a.name.localeCompare(b.name)) : [];
  const form = useForm({
    initialValues: { name: '', expiry: '90', userId: me.user.id },
    validate: { name: (v) => (v.trim() ? null : 'Give the token a name, e.g. what uses it') },
  });
  const submit = form.onSubmit((v) =>
    create.mutate(
      {
        name: v.name.trim(),
        expiresInDays: v.expiry === 'never' ? null : Number(v.expiry),
        userId: v.userId === me.user.id ? undefined : v.userId,
      },
      { onError: (err) => form.setErrors({ ...fieldErrors(err), expiry: fieldErrors(err).expiresInDays }) },
    ),
  );
  const issues = fieldErrors(create.error);
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <TextInput
          label="Name"
          description="What will use this token? You will see the name in the list and the audit log."
          placeholder="CRM sync"
          data-autofocus
          {...form.getInputProps('name')}
        />
        <Select label="Expires after" data={EXPIRY} allowDeselect={false} {...form.getInputProps('expiry')} />
        {forOthers && (
          <Select
            label="Acts as"
            description="The token can do what this member can do."
            searchable
            openOnFocus={false}
            allowDeselect={false}
            data={
              people.length
                ? people.map((p) => ({
                    value: p.userId,
                    label: p.userId === me.user.id ? `${p.name} (you)` : p.name,
                  }))
                : [{ value: me.user.id, label: `${displayName(me.user.name, me.user.email)} (you)` }]
            }
            {...form.getInputProps('userId')}
          />
        )}
        {create.error && !issues.name && !issues.userId && !issues.expiresInDays && (
          <ErrorAlert error={create.error} title="Could not create the token" />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel}>
            Cancel
          </Button>
          <Button type="submit" loading={create.isPending}>
            Create token
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function TokenSecret({ token, onDone }: { token: CreatedToken; onDone: () => void }) {
  return (
    <Stack gap="md">
      <Alert color="yellow" variant="light" icon={<IconAlertTriangle size={18} />} title="Shown only once">
        Copy the token now and keep it somewhere safe, such as a secret manager. Mycelium stores only a hash:
        once you close this dialog, nobody can show it again.
      </Alert>
      <Stack gap={6}>
        <Text size="sm" fw={500}>
          {token.name}
        </Text>
        <Group gap="sm" wrap="nowrap" align="stretch">
          <Code
            block
            aria-label="New API token"
            data-testid="token-secret"
            style={{ flex: 1, wordBreak: 'break-all', whiteSpace: 'pre-wrap', fontSize: 13 }}
          >
            {token.token}
          </Code>
          <CopyButton value={token.token}>
            {({ copied, copy }) => (
              <Button
                onClick={copy}
                variant={copied ? 'light' : 'filled'}
                leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                style={{ height: 'auto' }}
              >
                {copied ? 'Copied' : 'Copy'}
              </Button>
            )}
          </CopyButton>
        </Group>
      </Stack>
      <Stack gap={6}>
        <Text size="sm" c="dimmed">
          Try it:
        </Text>
        <Code block style={{ fontSize: 12 }}>
          {`curl -H "Authorization: Bearer ${token.prefix}…" ${window.location.origin}/api/v1/me`}
        </Code>
      </Stack>
      <Group justify="flex-end">
        <Button onClick={onDone} data-autofocus>
          I have copied it
        </Button>
      </Group>
    </Stack>
  );
}
