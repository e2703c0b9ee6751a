import {
  Button,
  Fieldset,
  Group,
  Modal,
  MultiSelect,
  NumberInput,
  Radio,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { FACET_LABELS, type Facet } from '../../../../common/taxonomy/index.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { api, body } from '../../lib/api.ts';
import { FACET_NAMES } from '../../lib/directory.ts';
import { builderValues, filterOf, JOIN_POLICIES, sameFilter, VISIBILITIES } from '../../lib/ecosystems.ts';
import { formErrors } from '../../lib/errors.ts';
import { ecosystemChoicesQuery } from '../../lib/queries.ts';
import { useSession } from '../../lib/session.ts';
import type { Ecosystem, EcosystemPatch, JoinPolicy, NewEcosystem, Visibility } from '../../lib/types.ts';
import { FACET_OPTIONS } from '../directory/options.ts';

const NO_HUB = 'none';

interface Values {
  name: string;
  description: string;
  parentId: string | null;
  visibility: Visibility;
  joinPolicy: JoinPolicy;
  filter: Record<Facet, string[]>;
  hubOrganizationId: string;
  activityWindowDays: number | string;
}

const FIELDS = [
  'name',
  'description',
  'parentId',
  'visibility',
  'joinPolicy',
  'filter',
  'hubOrganizationId',
  'activityWindowDays',
];

const FILTER_PLACEHOLDERS: Record<Facet, string> = {
  country: 'Any country',
  region: 'Any region',
  language: 'Any language',
  industry: 'Any industry',
  technology: 'Any technology',
  practice: 'Any practice',
  role: 'Any type',
  size: 'Any size',
  certification: 'Any certification',
};

/** Creates an ecosystem run by your organization, or (given one) changes its settings. */
export function EcosystemFormModal({
  opened,
  onClose,
  ecosystem,
}: {
  opened: boolean;
  onClose: () => void;
  ecosystem?: Ecosystem;
}) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      size="xl"
      title={<Text fw={600}>{ecosystem ? 'Ecosystem settings' : 'Create an ecosystem'}</Text>}
    >
      {opened && <EcosystemForm ecosystem={ecosystem} onClose={onClose} />}
    </Modal>
  );
}

function initialValues(e: Ecosystem | undefined, ownOrganizationId: string): Values {
  return {
    name: e?.name ?? '',
    description: e?.description ?? '',
    parentId: e?.parentId ?? null,
    visibility: e?.visibility ?? 'public',
    joinPolicy: e?.joinPolicy ?? 'open',
    filter: builderValues(e?.filter ?? null),
    hubOrganizationId: e ? (e.hub?.id ?? NO_HUB) : ownOrganizationId,
    activityWindowDays: e?.activityWindowDays ?? 90,
  };
}

function EcosystemForm({ ecosystem, onClose }: { ecosystem?: Ecosystem; onClose: () => void }) {
  const { organization } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const choices = useQuery(ecosystemChoicesQuery);
  const initial = initialValues(ecosystem, organization?.id ?? NO_HUB);
  const form = useForm<Values>({
    initialValues: initial,
    validate: {
      name: (v) => (v.trim().length < 2 ? 'At least 2 characters' : null),
      activityWindowDays: (v) =>
        v === '' || Number(v) < 1 || Number(v) > 3650 ? 'Between 1 and 3,650 days' : null,
    },
  });

  const save = useMutation({
    mutationFn: async (v: Values) => {
      const hub = v.hubOrganizationId === NO_HUB ? null : v.hubOrganizationId;
      if (!ecosystem) {
        const input: NewEcosystem = {
          name: v.name.trim(),
          description: v.description.trim(),
          parentId: v.parentId,
          visibility: v.visibility,
          joinPolicy: v.joinPolicy,
          filter: filterOf(v.filter),
          hubOrganizationId: hub,
          activityWindowDays: Number(v.activityWindowDays),
        };
        return body(api.POST('/api/v1/ecosystems', { body: input }));
      }
      const patch: EcosystemPatch = {};
      if (v.name.trim() !== initial.name) patch.name = v.name.trim();
      if (v.description.trim() !== initial.description) patch.description = v.description.trim();
      if (v.parentId !== initial.parentId) patch.parentId = v.parentId;
      if (v.visibility !== initial.visibility) patch.visibility = v.visibility;
      if (v.joinPolicy !== initial.joinPolicy) patch.joinPolicy = v.joinPolicy;
      if (!sameFilter(filterOf(v.filter), filterOf(initial.filter))) patch.filter = filterOf(v.filter);
      if (v.hubOrganizationId !== initial.hubOrganizationId) patch.hubOrganizationId = hub;
      if (Number(v.activityWindowDays) !== Number(initial.activityWindowDays))
        patch.activityWindowDays = Number(v.activityWindowDays);
      return body(
        api.PATCH('/api/v1/ecosystems/{id}', { params: { path: { id: ecosystem.id } }, body: patch }),
      );
    },
    onSuccess: (saved) => {
      queryClient.invalidateQueries({ queryKey: ['ecosystems'] });
      notifications.show({
        color: 'moss',
        message: ecosystem
          ? `${saved.name} is updated.`
          : `${saved.name} is ready. Invite organizations to it.`,
      });
      onClose();
      if (!ecosystem) navigate({ to: '/ecosystems/$id', params: { id: saved.slug } });
    },
    onError: (err) => form.setErrors(formErrors(err, ['filter'])),
  });

  const issues = formErrors(save.error, ['filter']);
  const unplaced = save.error && !Object.keys(issues).some((f) => FIELDS.includes(f.split('.')[0] ?? ''));
  const parents = (choices.data?.data ?? [])
    .filter((e) => e.id !== ecosystem?.id)
    .map((e) => ({ value: e.id, label: e.name }));
  const hubs = [
    ...(organization ? [{ value: organization.id, label: `${organization.name} (your organization)` }] : []),
    ...(ecosystem?.hub && ecosystem.hub.id !== organization?.id
      ? [{ value: ecosystem.hub.id, label: ecosystem.hub.name }]
      : []),
    { value: NO_HUB, label: 'No hub' },
  ];
  const filtered = filterOf(form.values.filter) !== null;

  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate>
      <Stack gap="md">
        <TextInput
          label="Name"
          placeholder="Contoso Nordic partners"
          withAsterisk
          data-autofocus
          {...form.getInputProps('name')}
        />
        <Textarea
          label="Description"
          placeholder="What it is for and who belongs"
          autosize
          minRows={2}
          maxRows={6}
          maxLength={4000}
          {...form.getInputProps('description')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Select
            label="Part of"
            description="A parent ecosystem this one nests under"
            placeholder={choices.isPending ? 'Loading…' : 'None'}
            data={parents}
            searchable
            clearable
            nothingFoundMessage="No such ecosystem"
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('parentId')}
          />
          <Select
            label="Hub"
            description="The organization at its centre"
            data={hubs}
            allowDeselect={false}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('hubOrganizationId')}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <Radio.Group label="Who sees it" {...form.getInputProps('visibility')}>
            <Stack gap="xs" mt={6}>
              {(Object.keys(VISIBILITIES) as Visibility[]).map((v) => (
                <Radio key={v} value={v} label={VISIBILITIES[v].label} description={VISIBILITIES[v].hint} />
              ))}
            </Stack>
          </Radio.Group>
          <Radio.Group label="Who can join" {...form.getInputProps('joinPolicy')}>
            <Stack gap="xs" mt={6}>
              {(Object.keys(JOIN_POLICIES) as JoinPolicy[]).map((p) => (
                <Radio key={p} value={p} label={JOIN_POLICIES[p].label} description={JOIN_POLICIES[p].hint} />
              ))}
            </Stack>
          </Radio.Group>
        </SimpleGrid>
        <Fieldset legend="Membership by filter" variant="filled" radius="md">
          <Text size="sm" c="dimmed" mb="sm">
            {filtered
              ? 'Organizations whose profile matches every facet chosen here (any value within one) belong automatically, besides those who join.'
              : 'Leave empty to have only the organizations that join or you invite. Choose values to let every matching organization belong automatically.'}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="xs">
            {FACET_NAMES.map((facet) => (
              <MultiSelect
                key={facet}
                label={FACET_LABELS[facet]}
                placeholder={form.values.filter[facet].length ? undefined : FILTER_PLACEHOLDERS[facet]}
                data={FACET_OPTIONS[facet]}
                searchable
                clearable
                hidePickedOptions
                nothingFoundMessage="Nothing matches"
                comboboxProps={{ withinPortal: true }}
                {...form.getInputProps(`filter.${facet}`)}
              />
            ))}
          </SimpleGrid>
          {issues.filter && (
            <Text size="sm" c="red" mt="xs">
              {issues.filter}
            </Text>
          )}
        </Fieldset>
        <NumberInput
          label="Active means activity in the last"
          description="Members with activity in this window count as active."
          suffix=" days"
          min={1}
          max={3650}
          allowDecimal={false}
          allowNegative={false}
          maw={280}
          {...form.getInputProps('activityWindowDays')}
        />
        {unplaced && (
          <ErrorAlert
            error={save.error}
            title={ecosystem ? 'Could not save the settings' : 'Could not create the ecosystem'}
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending} disabled={ecosystem && !form.isDirty()}>
            {ecosystem ? 'Save settings' : 'Create ecosystem'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
