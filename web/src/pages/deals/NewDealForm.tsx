import { Alert, Button, Card, Divider, Grid, Group, Select, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { type DealKind, REFERRAL_TYPES, REGISTRATION_TYPES } from '../../../../common/deals.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { AnchorLink } from '../../components/links.tsx';
import { api, body } from '../../lib/api.ts';
import {
  conflictCheckQuery,
  dealsChanged,
  partnerOptions,
  partnershipChoicesQuery,
} from '../../lib/deals.ts';
import { hasStatus } from '../../lib/errors.ts';
import { ConflictPreviewPanel } from './ConflictPreviewPanel.tsx';
import { ContactFields, CustomerFields, DealDetailsFields } from './DealFields.tsx';
import {
  DEAL_FIELDS,
  type DealValues,
  dealFormErrors,
  dealPayload,
  dealValidation,
  emptyDeal,
} from './deal-form.ts';

const PARTNER_LABEL: Record<DealKind, string> = {
  referral: 'Partner',
  registration: 'Vendor',
  opportunity: '',
};

/** The form of a new deal; registrations get the conflict check beside it. */
export function NewDealForm({ kind, partnerId }: { kind: DealKind; partnerId: string | null }) {
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const partnerships = useQuery({ ...partnershipChoicesQuery, enabled: kind !== 'opportunity' });
  const options = partnerOptions(
    partnerships.data?.data ?? [],
    kind === 'referral' ? REFERRAL_TYPES : REGISTRATION_TYPES,
  );
  const form = useForm<DealValues>({
    initialValues: emptyDeal(partnerId),
    validate: dealValidation(
      kind === 'referral'
        ? 'Choose the partner to send it to'
        : kind === 'registration'
          ? 'Choose the vendor'
          : false,
    ),
  });

  const save = useMutation({
    mutationFn: ({ values, submit }: { values: DealValues; submit: boolean }) => {
      const fields = dealPayload(values);
      if (kind === 'referral')
        return body(
          api.POST('/api/v1/referrals', { body: { ...fields, partnerId: values.partnerId ?? '' } }),
        );
      if (kind === 'registration')
        return body(
          api.POST('/api/v1/registrations', {
            body: { ...fields, vendorId: values.partnerId ?? '', submit },
          }),
        );
      return body(api.POST('/api/v1/opportunities', { body: fields }));
    },
    onSuccess: (deal, { submit }) => {
      dealsChanged(queryClient);
      notifications.show({
        color: 'moss',
        message:
          kind === 'referral'
            ? `Referral sent to ${deal.to?.name ?? 'your partner'}.`
            : kind === 'registration'
              ? submit
                ? `Registration submitted to ${deal.to?.name ?? 'the vendor'}.`
                : 'Draft saved. Submit it when you are ready.'
              : 'Opportunity added to your pipeline.',
      });
      navigate({ to: '/deals/$dealId', params: { dealId: deal.id } });
    },
    onError: (err) => form.setErrors(dealFormErrors(err)),
  });

  // The conflict check follows the customer as typed, once typing pauses.
  const [checked] = useDebouncedValue(
    {
      vendorId: form.values.partnerId ?? '',
      customerName: form.values.customerName.trim(),
      customerDomain: form.values.customerDomain.trim() || null,
      customerCountry: form.values.customerCountry,
    },
    350,
  );
  const ready = kind === 'registration' && Boolean(checked.vendorId) && checked.customerName.length >= 2;
  const preview = useQuery({ ...conflictCheckQuery(checked), enabled: ready });
  const blocked = ready && preview.data?.outcome === 'blocked';

  const issues = dealFormErrors(save.error);
  const unplaced = save.error && !Object.keys(issues).some((f) => DEAL_FIELDS.includes(f));
  const vendorName = options.find((o) => o.value === form.values.partnerId)?.label;
  const noPartners = kind !== 'opportunity' && partnerships.isSuccess && options.length === 0;

  const saveDraft = () => {
    if (!form.validate().hasErrors) save.mutate({ values: form.values, submit: false });
  };

  const fields = (
    <form onSubmit={form.onSubmit((values) => save.mutate({ values, submit: true }))} noValidate>
      <Card padding="lg">
        <Stack gap="lg">
          {kind !== 'opportunity' && (
            <Select
              label={PARTNER_LABEL[kind]}
              description={
                kind === 'referral'
                  ? 'Partners you refer leads to (active partnerships that refer, co-sell or resell)'
                  : 'Vendors you resell, refer or co-sell for (active partnerships)'
              }
              placeholder={
                partnerships.isPending ? 'Loading…' : `Choose a ${PARTNER_LABEL[kind].toLowerCase()}`
              }
              data={options}
              searchable
              withAsterisk
              nothingFoundMessage="No such partner"
              comboboxProps={{ withinPortal: true }}
              data-autofocus
              {...form.getInputProps('partnerId')}
            />
          )}
          {noPartners && (
            <Alert color="blue" variant="light" icon={<IconInfoCircle size={18} />}>
              Your organization has no active partnership that allows{' '}
              {kind === 'referral' ? 'referrals' : 'deal registration'} yet. Partnerships that refer, co-sell
              or resell show up here once both sides have accepted them.{' '}
              <AnchorLink to="/directory" size="sm">
                Find a partner
              </AnchorLink>
            </Alert>
          )}
          <CustomerFields form={form} autoFocus={kind === 'opportunity'} />
          <Divider />
          <DealDetailsFields form={form} />
          <Divider />
          <ContactFields form={form} />
          {unplaced && (
            <ErrorAlert
              error={save.error}
              title={
                hasStatus(save.error, 409)
                  ? 'The vendor cannot take this registration'
                  : 'Could not save the deal'
              }
            />
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="subtle" color="gray" onClick={() => navigate({ to: '/deals' })}>
              Cancel
            </Button>
            {kind === 'registration' ? (
              <>
                <Button
                  variant="default"
                  onClick={saveDraft}
                  loading={save.isPending && !save.variables?.submit}
                >
                  Save draft
                </Button>
                <Button type="submit" disabled={blocked} loading={save.isPending && save.variables?.submit}>
                  Submit registration
                </Button>
              </>
            ) : (
              <Button type="submit" loading={save.isPending}>
                {kind === 'referral' ? 'Send referral' : 'Add opportunity'}
              </Button>
            )}
          </Group>
          {blocked && (
            <Text size="xs" c="dimmed" ta="right" mt={-8}>
              Submitting is closed while the customer is protected; you can save a draft.
            </Text>
          )}
        </Stack>
      </Card>
    </form>
  );

  if (kind !== 'registration') return <div style={{ maxWidth: 820 }}>{fields}</div>;
  return (
    <Grid gap="lg">
      <Grid.Col span={{ base: 12, md: 8 }}>{fields}</Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <ConflictPreviewPanel
          preview={ready ? preview.data : undefined}
          checking={preview.isFetching}
          ready={ready}
          vendorName={vendorName}
          error={preview.error}
        />
      </Grid.Col>
    </Grid>
  );
}
