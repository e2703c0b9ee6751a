import { Button, Card, Group, NumberInput, Skeleton, Stack, Text, TextInput } from '@mantine/core';
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
import { dealSettingsQuery, organizationQuery } from '../lib/queries.ts';
import { useSession } from '../lib/session.ts';

/** The organization's settings: its name (owners and admins) and its deal rules (owners, admins, CPOs). */
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
      <PageHeader
        title="Settings"
        description="How your organization appears across Mycelium, and the rules its deals follow."
      />
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
      <DealRulesCard />
    </>
  );
}

const DEAL_RULES = {
  protectionDays: { min: 1, max: 730 },
  reviewSlaBusinessDays: { min: 1, max: 60 },
  referralResponseBusinessDays: { min: 1, max: 60 },
} as const;

type DealRules = Record<keyof typeof DEAL_RULES, number | string>;

const inRange = (field: keyof typeof DEAL_RULES) => (v: number | string) => {
  const { min, max } = DEAL_RULES[field];
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max
    ? null
    : `A whole number from ${min} to ${max}`;
};

/** The organization's deal rules (everyone reads them; owners, admins and CPOs change them). */
function DealRulesCard() {
  const { role } = useSession();
  const queryClient = useQueryClient();
  const settings = useQuery(dealSettingsQuery);
  const editable = can(role, 'deals.settings');
  const form = useForm<DealRules>({
    initialValues: { protectionDays: '', reviewSlaBusinessDays: '', referralResponseBusinessDays: '' },
    validate: {
      protectionDays: inRange('protectionDays'),
      reviewSlaBusinessDays: inRange('reviewSlaBusinessDays'),
      referralResponseBusinessDays: inRange('referralResponseBusinessDays'),
    },
  });
  const { setInitialValues, setValues } = form;
  useEffect(() => {
    if (settings.data) {
      setInitialValues(settings.data);
      setValues(settings.data);
    }
  }, [settings.data, setInitialValues, setValues]);
  const save = useMutation({
    mutationFn: (values: DealRules) =>
      body(
        api.PATCH('/api/v1/deal-settings', {
          body: {
            protectionDays: Number(values.protectionDays),
            reviewSlaBusinessDays: Number(values.reviewSlaBusinessDays),
            referralResponseBusinessDays: Number(values.referralResponseBusinessDays),
          },
        }),
      ),
    onSuccess: (saved) => {
      notifications.show({ color: 'moss', message: 'Deal rules saved. They apply to deals from now on.' });
      queryClient.setQueryData(dealSettingsQuery.queryKey, saved);
    },
    onError: (err) => form.setErrors(fieldErrors(err)),
  });
  const issues = fieldErrors(save.error);
  return (
    <Card padding="xl" maw={720} mt="lg" component="section" aria-label="Deal rules">
      <Text fw={600} mb={4}>
        Deal rules
      </Text>
      <Text size="sm" c="dimmed" mb="lg">
        {editable
          ? 'How long partners’ approved registrations are protected, and how quickly your team answers. Changes apply to deals from now on.'
          : 'How long approved registrations are protected and how quickly your team answers. Only owners, admins and CPOs can change them.'}
      </Text>
      {settings.isPending ? (
        <Stack>
          <Skeleton height={36} />
          <Skeleton height={36} />
          <Skeleton height={36} />
        </Stack>
      ) : settings.isError ? (
        <ErrorAlert error={settings.error} onRetry={() => settings.refetch()} />
      ) : (
        <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate>
          <Stack gap="md">
            <NumberInput
              label="Protection window"
              description="Days an approved deal registration keeps the customer for its partner"
              suffix=" days"
              min={DEAL_RULES.protectionDays.min}
              max={DEAL_RULES.protectionDays.max}
              allowDecimal={false}
              allowNegative={false}
              clampBehavior="none"
              disabled={!editable}
              {...form.getInputProps('protectionDays')}
            />
            <Group grow align="flex-start">
              <NumberInput
                label="Registration review SLA"
                description="Business days to approve or reject a registration"
                suffix=" business days"
                min={DEAL_RULES.reviewSlaBusinessDays.min}
                max={DEAL_RULES.reviewSlaBusinessDays.max}
                allowDecimal={false}
                allowNegative={false}
                clampBehavior="none"
                disabled={!editable}
                {...form.getInputProps('reviewSlaBusinessDays')}
              />
              <NumberInput
                label="Referral response time"
                description="Business days to accept or decline a referral"
                suffix=" business days"
                min={DEAL_RULES.referralResponseBusinessDays.min}
                max={DEAL_RULES.referralResponseBusinessDays.max}
                allowDecimal={false}
                allowNegative={false}
                clampBehavior="none"
                disabled={!editable}
                {...form.getInputProps('referralResponseBusinessDays')}
              />
            </Group>
            {save.error && !Object.keys(issues).some((f) => f in DEAL_RULES) && (
              <ErrorAlert error={save.error} title="Could not save the deal rules" />
            )}
            {editable && (
              <Group justify="flex-end">
                <Button variant="default" onClick={() => form.reset()} disabled={!form.isDirty()}>
                  Discard
                </Button>
                <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
                  Save deal rules
                </Button>
              </Group>
            )}
          </Stack>
        </form>
      )}
    </Card>
  );
}
