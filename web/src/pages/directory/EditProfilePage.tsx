import {
  Alert,
  Button,
  Card,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Switch,
  TagsInput,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useHotkeys } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconExternalLink, IconInfoCircle } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useEffect, useId } from 'react';
import { can } from '../../../../common/permissions.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ButtonLink } from '../../components/links.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { api, body } from '../../lib/api.ts';
import { errorMessage, formErrors, hasStatus } from '../../lib/errors.ts';
import { type ProfileFormValues, profileChanges, profileFormValues } from '../../lib/profile-form.ts';
import { myProfileQuery } from '../../lib/queries.ts';
import { useSession } from '../../lib/session.ts';
import type { ProfilePatch } from '../../lib/types.ts';
import { FACET_OPTIONS } from './options.ts';

const EMPTY: ProfileFormValues = {
  name: '',
  domain: '',
  description: '',
  logoUrl: '',
  hqCountry: null,
  countries: [],
  languages: [],
  sizeBand: null,
  foundedYear: '',
  roles: [],
  industries: [],
  technologies: [],
  practices: [],
  certifications: [],
  services: [],
  listed: true,
};

const thisYear = new Date().getFullYear();

/** Edits the active organization's directory profile (owners and admins); sends only what changed. */
export function EditProfilePage() {
  const { role, organization } = useSession();
  const queryClient = useQueryClient();
  const profile = useQuery(myProfileQuery);
  const editable = can(role, 'organization.update');
  const form = useForm<ProfileFormValues>({
    initialValues: EMPTY,
    validate: {
      name: (v) => (v.trim() ? null : 'Enter the organization’s name'),
      logoUrl: (v) => (!v.trim() || /^https:\/\/\S+$/.test(v.trim()) ? null : 'Use an https:// address'),
      services: (v) => (v.length > 20 ? 'At most 20 services' : null),
    },
  });
  const { setInitialValues, setValues } = form;
  useEffect(() => {
    if (!profile.data) return;
    const values = profileFormValues(profile.data);
    setInitialValues(values);
    setValues(values);
  }, [profile.data, setInitialValues, setValues]);

  const save = useMutation({
    mutationFn: (patch: ProfilePatch) => body(api.PATCH('/api/v1/directory/profile', { body: patch })),
    onSuccess: (updated, patch) => {
      const values = profileFormValues(updated);
      queryClient.setQueryData(myProfileQuery.queryKey, updated);
      setInitialValues(values);
      setValues(values);
      notifications.show({ color: 'moss', message: 'Profile saved.' });
      queryClient.invalidateQueries({ queryKey: ['directory'] });
      if (patch.name !== undefined) {
        queryClient.invalidateQueries({ queryKey: ['me'] });
        queryClient.invalidateQueries({ queryKey: ['organization'] });
      }
    },
    // A domain that belongs to another organization is a conflict, shown on the domain field.
    onError: (err) => form.setErrors(hasStatus(err, 409) ? { domain: errorMessage(err) } : formErrors(err)),
  });
  const submit = form.onSubmit((values) => {
    const patch = profileChanges(form.getInitialValues(), values);
    if (Object.keys(patch).length) save.mutate(patch);
  });
  useHotkeys([['mod+S', () => editable && submit()]], []);

  const issues = hasStatus(save.error, 409) ? { domain: '' } : formErrors(save.error);
  const unplaced = save.error && !Object.keys(issues).some((field) => field in EMPTY);
  const dirty = form.isDirty();
  const disabled = !editable || save.isPending;

  return (
    <>
      <PageHeader
        title="Profile"
        description={`How ${organization?.name ?? 'your organization'} appears in Find a partner: what you do, where and with which technologies.`}
        actions={
          profile.data && (
            <ButtonLink
              to="/directory/$id"
              params={{ id: profile.data.slug }}
              variant="default"
              leftSection={<IconExternalLink size={16} />}
            >
              View profile
            </ButtonLink>
          )
        }
      />
      {!editable && (
        <Alert color="gray" variant="light" icon={<IconInfoCircle size={18} />} mb="lg" maw={880}>
          Only owners and admins can change the profile.
        </Alert>
      )}
      {profile.isPending ? (
        <Stack maw={880}>
          <Skeleton height={320} radius="lg" />
          <Skeleton height={240} radius="lg" />
        </Stack>
      ) : profile.isError ? (
        <ErrorAlert error={profile.error} onRetry={() => profile.refetch()} />
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack gap="lg" maw={880}>
            <Section title="Basics" description="Who you are.">
              <TextInput label="Organization name" disabled={disabled} {...form.getInputProps('name')} />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <TextInput
                  label="Web domain"
                  placeholder="fabrikam.com"
                  description="People with an email address there belong to you."
                  disabled={disabled}
                  {...form.getInputProps('domain')}
                />
                <TextInput
                  label="Logo address"
                  placeholder="https://fabrikam.com/logo.png"
                  description="An https:// image, shown square."
                  disabled={disabled}
                  {...form.getInputProps('logoUrl')}
                />
              </SimpleGrid>
              <Textarea
                label="Description"
                description={`What you do, for whom and where (${form.values.description.length}/2,000).`}
                autosize
                minRows={4}
                maxRows={12}
                maxLength={2000}
                disabled={disabled}
                {...form.getInputProps('description')}
              />
              <SimpleGrid cols={{ base: 1, sm: 3 }}>
                <Select
                  label="Headquarters"
                  placeholder="Country"
                  data={FACET_OPTIONS.country}
                  searchable
                  clearable
                  nothingFoundMessage="No such country"
                  disabled={disabled}
                  {...form.getInputProps('hqCountry')}
                />
                <Select
                  label="Company size"
                  placeholder="Employees"
                  data={FACET_OPTIONS.size}
                  clearable
                  disabled={disabled}
                  {...form.getInputProps('sizeBand')}
                />
                <NumberInput
                  label="Founded"
                  placeholder="Year"
                  min={1800}
                  max={thisYear}
                  allowDecimal={false}
                  allowNegative={false}
                  thousandSeparator={false}
                  clampBehavior="none"
                  hideControls
                  disabled={disabled}
                  {...form.getInputProps('foundedYear')}
                />
              </SimpleGrid>
              <Switch
                label="List in Find a partner"
                description="Unlisted, only your organization sees the profile."
                disabled={disabled}
                {...form.getInputProps('listed', { type: 'checkbox' })}
              />
            </Section>

            <Section title="What you do" description="Partners filter by these.">
              <FacetMultiSelect
                label="Organization type"
                placeholder="Reseller, MSP, systems integrator…"
                facet="role"
                disabled={disabled}
                inputProps={form.getInputProps('roles')}
              />
              <FacetMultiSelect
                label="Technologies"
                placeholder="Microsoft 365, AWS, Fortinet…"
                facet="technology"
                disabled={disabled}
                inputProps={form.getInputProps('technologies')}
              />
              <SimpleGrid cols={{ base: 1, sm: 2 }}>
                <FacetMultiSelect
                  label="Practices"
                  placeholder="Managed security, migration…"
                  facet="practice"
                  disabled={disabled}
                  inputProps={form.getInputProps('practices')}
                />
                <FacetMultiSelect
                  label="Industries"
                  placeholder="Health care, finance…"
                  facet="industry"
                  disabled={disabled}
                  inputProps={form.getInputProps('industries')}
                />
              </SimpleGrid>
              <FacetMultiSelect
                label="Certifications"
                placeholder="Partner designations and standards"
                facet="certification"
                disabled={disabled}
                inputProps={form.getInputProps('certifications')}
              />
              <TagsInput
                label="Services"
                description="In your own words; press Enter after each (up to 20). Search finds them."
                placeholder={form.values.services.length ? undefined : 'Copilot readiness, SOC as a service…'}
                maxTags={20}
                clearable
                disabled={disabled}
                {...form.getInputProps('services')}
              />
            </Section>

            <Section title="Where you work" description="Countries you serve and languages you work in.">
              <FacetMultiSelect
                label="Countries served"
                placeholder="Countries"
                facet="country"
                disabled={disabled}
                inputProps={form.getInputProps('countries')}
              />
              <FacetMultiSelect
                label="Languages"
                placeholder="Languages"
                facet="language"
                disabled={disabled}
                inputProps={form.getInputProps('languages')}
              />
            </Section>

            {unplaced && <ErrorAlert error={save.error} title="Could not save the profile" />}
            {editable && (
              // Unsaved changes keep the save bar in view while scrolling.
              <Card
                padding="md"
                shadow={dirty ? 'md' : undefined}
                style={dirty ? { position: 'sticky', bottom: 16, zIndex: 2 } : undefined}
              >
                <Group justify="space-between">
                  <Text size="sm" c="dimmed">
                    {dirty ? 'You have unsaved changes.' : 'All changes saved.'}
                  </Text>
                  <Group gap="sm">
                    <Button
                      variant="default"
                      onClick={() => form.reset()}
                      disabled={!dirty || save.isPending}
                    >
                      Discard
                    </Button>
                    <Button type="submit" loading={save.isPending} disabled={!dirty}>
                      Save profile
                    </Button>
                  </Group>
                </Group>
              </Card>
            )}
          </Stack>
        </form>
      )}
    </>
  );
}

function Section({
  title,
  description,
  children,
}: {
  title: string;
  description: string;
  children: ReactNode;
}) {
  const id = useId();
  return (
    <Card padding="xl" component="section" aria-labelledby={id}>
      <Text id={id} fw={600}>
        {title}
      </Text>
      <Text size="sm" c="dimmed" mb="lg">
        {description}
      </Text>
      <Stack gap="md">{children}</Stack>
    </Card>
  );
}

function FacetMultiSelect({
  label,
  placeholder,
  facet,
  disabled,
  inputProps,
}: {
  label: string;
  placeholder: string;
  facet: keyof typeof FACET_OPTIONS;
  disabled: boolean;
  inputProps: ReturnType<ReturnType<typeof useForm<ProfileFormValues>>['getInputProps']>;
}) {
  const chosen = Array.isArray(inputProps.value) ? inputProps.value.length : 0;
  return (
    <MultiSelect
      label={label}
      placeholder={chosen ? undefined : placeholder}
      data={FACET_OPTIONS[facet]}
      searchable
      clearable
      hidePickedOptions
      nothingFoundMessage="Nothing matches"
      maxDropdownHeight={280}
      disabled={disabled}
      {...inputProps}
    />
  );
}
