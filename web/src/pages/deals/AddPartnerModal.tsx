import { Button, Group, Modal, Radio, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { DEAL_ATTRIBUTIONS } from '../../../../common/deals.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { api, body } from '../../lib/api.ts';
import {
  type Attribution,
  type Deal,
  dealQuery,
  dealsChanged,
  partnerOptions,
  partnershipChoicesQuery,
} from '../../lib/deals.ts';
import { fieldErrors } from '../../lib/errors.ts';
import { ATTRIBUTIONS } from './options.ts';

/** Adds a partner you co-sell with to the deal, with what it does for it. */
export function AddPartnerModal({
  deal,
  opened,
  onClose,
}: {
  deal: Deal;
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={600}>Add a co-selling partner</Text>}>
      {opened && <AddPartnerForm deal={deal} onClose={onClose} />}
    </Modal>
  );
}

function AddPartnerForm({ deal, onClose }: { deal: Deal; onClose: () => void }) {
  const queryClient = useQueryClient();
  const partnerships = useQuery(partnershipChoicesQuery);
  const onDeal = new Set(deal.parties.map((p) => p.organization.id));
  const options = partnerOptions(partnerships.data?.data ?? [], ['co_sells']).filter(
    (o) => !onDeal.has(o.value),
  );
  const [partner, setPartner] = useState<string | null>(null);
  const [attribution, setAttribution] = useState<Attribution>('influenced');
  const [missing, setMissing] = useState(false);
  const add = useMutation({
    mutationFn: () =>
      body(
        api.POST('/api/v1/deals/{id}/partners', {
          params: { path: { id: deal.id } },
          body: { organizationId: partner ?? '', attribution },
        }),
      ),
    onSuccess: (updated) => {
      queryClient.setQueryData(dealQuery(deal.id).queryKey, updated);
      dealsChanged(queryClient);
      notifications.show({
        color: 'moss',
        message: `${options.find((o) => o.value === partner)?.label ?? 'The partner'} is on the deal.`,
      });
      onClose();
    },
  });
  const serverField = fieldErrors(add.error).organizationId;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        if (!partner) return setMissing(true);
        add.mutate();
      }}
      noValidate
    >
      <Stack gap="md">
        <Select
          label="Partner"
          description="Partners with an active co-selling partnership"
          placeholder={partnerships.isPending ? 'Loading…' : 'Choose a partner'}
          data={options}
          value={partner}
          onChange={(v) => {
            setPartner(v);
            setMissing(false);
          }}
          searchable
          withAsterisk
          nothingFoundMessage={
            partnerships.isSuccess && options.length === 0 ? 'No co-selling partners' : 'No such partner'
          }
          error={missing ? 'Choose a partner' : serverField}
          comboboxProps={{ withinPortal: true }}
          data-autofocus
        />
        {partnerships.isSuccess && options.length === 0 && (
          <Text size="sm" c="dimmed">
            Co-selling partners are those with an active partnership that includes co-selling.
          </Text>
        )}
        <Radio.Group
          label="Attribution"
          value={attribution}
          onChange={(v) => setAttribution(v as Attribution)}
        >
          <Stack gap="xs" mt={6}>
            {DEAL_ATTRIBUTIONS.map((a) => (
              <Radio key={a} value={a} label={ATTRIBUTIONS[a].label} description={ATTRIBUTIONS[a].hint} />
            ))}
          </Stack>
        </Radio.Group>
        {add.error && !serverField && <ErrorAlert error={add.error} title="Could not add the partner" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={add.isPending}>
            Add partner
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
