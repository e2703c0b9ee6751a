import { Button, Group, Modal, MultiSelect, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { api, body } from '../../lib/api.ts';
import { errorMessage, formErrors, hasStatus } from '../../lib/errors.ts';
import type { NewOrganization } from '../../lib/types.ts';
import { FACET_OPTIONS } from './options.ts';

interface Values {
  name: string;
  domain: string;
  description: string;
  hqCountry: string | null;
  roles: string[];
}

const FIELDS = ['name', 'domain', 'description', 'hqCountry', 'roles'];

/** Adds an organization that is not on Mycelium yet; its people can claim it later. Opens its profile. */
export function AddOrganizationModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const form = useForm<Values>({
    initialValues: { name: '', domain: '', description: '', hqCountry: null, roles: [] },
    validate: {
      name: (v) => (v.trim() ? null : 'Enter the organization’s name'),
      domain: (v) => (v.trim() ? null : 'Enter its web domain, e.g. fabrikam.com'),
    },
  });
  const addOrganization = useMutation({
    mutationFn: (v: Values) => {
      const input: NewOrganization = { name: v.name.trim(), domain: v.domain.trim(), roles: v.roles };
      if (v.description.trim()) input.description = v.description.trim();
      if (v.hqCountry) input.hqCountry = v.hqCountry;
      return body(api.POST('/api/v1/directory', { body: input }));
    },
    onSuccess: (profile) => {
      notifications.show({
        color: 'moss',
        title: `${profile.name} is in the directory`,
        message: profile.domain
          ? `Anyone with an email address at ${profile.domain} can claim it.`
          : 'Its people can claim it later.',
      });
      queryClient.invalidateQueries({ queryKey: ['directory'] });
      close();
      navigate({ to: '/directory/$id', params: { id: profile.slug } });
    },
    // A domain another organization already has is a conflict, shown on the domain field.
    onError: (err) => form.setErrors(hasStatus(err, 409) ? { domain: errorMessage(err) } : formErrors(err)),
  });
  const close = () => {
    form.reset();
    addOrganization.reset();
    onClose();
  };
  const issues = hasStatus(addOrganization.error, 409) ? { domain: '' } : formErrors(addOrganization.error);
  const unplaced = addOrganization.error && !FIELDS.some((f) => f in issues);
  return (
    <Modal opened={opened} onClose={close} size="lg" title={<Text fw={600}>Add an organization</Text>}>
      <form onSubmit={form.onSubmit((v) => addOrganization.mutate(v))} noValidate>
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            Add a partner that is not on Mycelium yet. It stays claimable: someone with an email address at
            its domain can take it over and keep the profile up to date.
          </Text>
          <TextInput
            label="Name"
            placeholder="Fabrikam Integrators"
            withAsterisk
            data-autofocus
            {...form.getInputProps('name')}
          />
          <TextInput
            label="Web domain"
            placeholder="fabrikam.com"
            description="Its website; people with an email address there can claim it."
            withAsterisk
            {...form.getInputProps('domain')}
          />
          <Textarea
            label="Description"
            placeholder="What they do, for whom, and where"
            autosize
            minRows={3}
            maxRows={8}
            maxLength={2000}
            {...form.getInputProps('description')}
          />
          <Group grow align="flex-start">
            <Select
              label="Headquarters"
              placeholder="Country"
              data={FACET_OPTIONS.country}
              searchable
              clearable
              nothingFoundMessage="No such country"
              comboboxProps={{ withinPortal: true }}
              {...form.getInputProps('hqCountry')}
            />
            <MultiSelect
              label="Organization type"
              placeholder={form.values.roles.length ? undefined : 'Reseller, MSP…'}
              data={FACET_OPTIONS.role}
              searchable
              comboboxProps={{ withinPortal: true }}
              {...form.getInputProps('roles')}
            />
          </Group>
          {unplaced && <ErrorAlert error={addOrganization.error} title="Could not add the organization" />}
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              Cancel
            </Button>
            <Button type="submit" loading={addOrganization.isPending}>
              Add organization
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
