import { Button, Divider, Group, Modal, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { api, body } from '../../lib/api.ts';
import { type Deal, type DealPatch, dealQuery, dealsChanged, moneyInput } from '../../lib/deals.ts';
import { ContactFields, CustomerFields, DealDetailsFields } from './DealFields.tsx';
import { DEAL_FIELDS, type DealValues, dealFormErrors, dealPayload, dealValidation } from './deal-form.ts';

// The customer is what the other side answered (or the conflict engine checked): fixed once sent.
const CUSTOMER_EDITABLE = ['draft', 'open'];

/** Edits a deal's details (its creator, while open); the customer only before it is sent. */
export function EditDealModal({
  deal,
  opened,
  onClose,
}: {
  deal: Deal;
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} size="lg" title={<Text fw={600}>Edit {deal.customerName}</Text>}>
      {opened && <EditDealForm deal={deal} onClose={onClose} />}
    </Modal>
  );
}

function valuesOf(d: Deal): DealValues {
  return {
    partnerId: null,
    customerName: d.customerName,
    customerDomain: d.customerDomain ?? '',
    customerCountry: d.customerCountry,
    title: d.title,
    contactName: d.contactName,
    contactEmail: d.contactEmail,
    need: d.need,
    amount: moneyInput(d.amount.amountMinor, d.amount.currency),
    currency: d.amount.currency,
    expectedClose: d.expectedClose ?? '',
    subscription: d.subscription,
  };
}

function EditDealForm({ deal, onClose }: { deal: Deal; onClose: () => void }) {
  const queryClient = useQueryClient();
  const customerEditable = CUSTOMER_EDITABLE.includes(deal.status);
  const initial = valuesOf(deal);
  const validation = dealValidation(false);
  const form = useForm<DealValues>({
    initialValues: initial,
    validate: {
      ...validation,
      title: (v) => (v.trim() ? null : 'Give it a title'),
      // An old expected close date may stay as it is; only a changed one must be in the future.
      expectedClose: (v) => (v === initial.expectedClose ? null : validation.expectedClose(v)),
    },
  });
  const save = useMutation({
    mutationFn: (v: DealValues) => {
      const next = dealPayload(v);
      const before = dealPayload(initial);
      const patch: DealPatch = {};
      if (next.title !== before.title) patch.title = next.title ?? '';
      if (next.contactName !== before.contactName) patch.contactName = next.contactName;
      if (next.contactEmail !== before.contactEmail) patch.contactEmail = next.contactEmail;
      if (next.need !== before.need) patch.need = next.need;
      if (next.amountMinor !== before.amountMinor) patch.amountMinor = next.amountMinor;
      if (next.currency !== before.currency) patch.currency = next.currency;
      if (next.expectedClose !== before.expectedClose) patch.expectedClose = next.expectedClose;
      if (next.subscription !== before.subscription) patch.subscription = next.subscription;
      if (customerEditable) {
        if (next.customerName !== before.customerName) patch.customerName = next.customerName;
        if (next.customerDomain !== before.customerDomain) patch.customerDomain = next.customerDomain;
        if (next.customerCountry !== before.customerCountry) patch.customerCountry = next.customerCountry;
      }
      return body(api.PATCH('/api/v1/deals/{id}', { params: { path: { id: deal.id } }, body: patch }));
    },
    onSuccess: (updated) => {
      queryClient.setQueryData(dealQuery(deal.id).queryKey, updated);
      dealsChanged(queryClient);
      notifications.show({ color: 'moss', message: 'The deal is updated.' });
      onClose();
    },
    onError: (err) => form.setErrors(dealFormErrors(err)),
  });
  const issues = dealFormErrors(save.error);
  const unplaced = save.error && !Object.keys(issues).some((f) => DEAL_FIELDS.includes(f));
  return (
    <form onSubmit={form.onSubmit((v) => save.mutate(v))} noValidate>
      <Stack gap="md">
        {customerEditable ? (
          <CustomerFields form={form} />
        ) : (
          <Text size="sm" c="dimmed">
            The customer cannot change once the deal has been sent; withdraw it and send a new one instead.
          </Text>
        )}
        <Divider />
        <DealDetailsFields form={form} />
        <Divider />
        <ContactFields form={form} />
        {unplaced && <ErrorAlert error={save.error} title="Could not save the deal" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={save.isPending} disabled={!form.isDirty()}>
            Save changes
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
