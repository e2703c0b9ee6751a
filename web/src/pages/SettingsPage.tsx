import { Button, Card, Group, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { can } from '../../../common/permissions.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { api, body } from '../lib/api.ts';
import { fieldErrors } from '../lib/errors.ts';
import { formatDate } from '../lib/format.ts';
import { organizationQuery } from '../lib/queries.ts';
import { useSession } from '../lib/session.ts';

/** The organization's settings: its name (owners and admins). */
export function SettingsPage() {
  const { role } = useSession();
  const queryClient = useQueryClient();
  const org = useQuery(organizationQuery);
  const editable = can(role, 'organization.update');
  const form = useForm({
    initialValues: { name: '' },
    validate: { name: (v) => (v.trim().length < 2 ? 'At least 2 characters' : null) },
  });
  const { setInitialValues, setValues } = form;
  useEffect(() => {
    if (org.data) {
      setInitialValues({ name: org.data.name });
      setValues({ name: org.data.name });
    }
  }, [org.data, setInitialValues, setValues]);
  const rename = useMutation({
    mutationFn: (name: string) => body(api.PATCH('/api/v1/organization', { body: { name } })),
    onSuccess: (updated) => {
      notifications.show({ color: 'moss', message: `The organization is now called ${updated.name}.` });
      queryClient.invalidateQueries({ queryKey: ['organization'] });
      queryClient.invalidateQueries({ queryKey: ['me'] });
    },
    onError: (err) => form.setErrors(fieldErrors(err)),
  });
  return (
    <>
      <PageHeader title="Settings" description="How your organization appears across Mycelium." />
      <Card padding="xl" maw={720}>
        <Text fw={600} mb={4}>
          Organization profile
        </Text>
        <Text size="sm" c="dimmed" mb="lg">
          {editable
            ? 'The name your members and partners see.'
            : 'Only owners and admins can change these settings.'}
        </Text>
        {org.isPending ? (
          <Stack>
            <Skeleton height={36} />
            <Skeleton height={36} />
          </Stack>
        ) : org.isError ? (
          <ErrorAlert error={org.error} onRetry={() => org.refetch()} />
        ) : (
          <form onSubmit={form.onSubmit((v) => rename.mutate(v.name.trim()))} noValidate>
            <Stack gap="md">
              <TextInput
                label="Organization name"
                disabled={!editable}
                autoFocus={editable}
                {...form.getInputProps('name')}
              />
              <Group grow>
                <TextInput
                  label="Handle"
                  value={org.data.slug}
                  readOnly
                  variant="filled"
                  description="Used in URLs"
                />
                <TextInput label="Created" value={formatDate(org.data.createdAt)} readOnly variant="filled" />
              </Group>
              {rename.error && !fieldErrors(rename.error).name && (
                <ErrorAlert error={rename.error} title="Could not rename" />
              )}
              {editable && (
                <Group justify="flex-end">
                  <Button variant="default" onClick={() => form.reset()} disabled={!form.isDirty()}>
                    Discard
                  </Button>
                  <Button type="submit" loading={rename.isPending} disabled={!form.isDirty()}>
                    Save changes
                  </Button>
                </Group>
              )}
            </Stack>
          </form>
        )}
      </Card>
    </>
  );
}
