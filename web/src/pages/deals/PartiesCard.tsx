import { ActionIcon, Badge, Button, Card, Group, Stack, Text, Title, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { CLOSED_DEAL_STATUSES } from '../../../../common/deals.ts';
import { can } from '../../../../common/permissions.ts';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { AnchorLink } from '../../components/links.tsx';
import { OrgAvatar } from '../../components/OrgAvatar.tsx';
import { api, body } from '../../lib/api.ts';
import { type Deal, dealQuery, dealsChanged } from '../../lib/deals.ts';
import { useSession } from '../../lib/session.ts';
import { AddPartnerModal } from './AddPartnerModal.tsx';
import { ATTRIBUTIONS } from './options.ts';

type Party = Deal['parties'][number];

function sideLabel(deal: Deal, party: Party) {
  if (party.side === 'co_seller') return 'Co-selling';
  if (deal.kind === 'opportunity') return 'Owner';
  if (deal.kind === 'registration') return party.side === 'from' ? 'Registering partner' : 'Vendor';
  return party.side === 'from' ? 'Sender' : 'Receiver';
}

/** Who is on the deal and why; the sender and receiver add and remove co-selling partners. */
export function PartiesCard({ deal }: { deal: Deal }) {
  const { organization, role } = useSession();
  const queryClient = useQueryClient();
  const [adding, add] = useDisclosure(false);
  const [removing, setRemoving] = useState<Party | null>(null);
  const manage =
    deal.mySide !== 'co_seller' && can(role, 'deals.create') && !CLOSED_DEAL_STATUSES.includes(deal.status);
  return (
    <Card padding="lg">
      <Group justify="space-between" mb="sm">
        <Title order={3} fz="md">
          Parties
        </Title>
        {manage && deal.kind !== 'opportunity' && (
          <Button size="xs" variant="light" leftSection={<IconPlus size={14} />} onClick={add.open}>
            Add co-selling partner
          </Button>
        )}
      </Group>
      <Stack gap="sm">
        {deal.parties.map((p) => (
          <Group key={p.organization.id} gap="sm" wrap="nowrap" justify="space-between">
            <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
              <OrgAvatar name={p.organization.name} size={36} />
              <Stack gap={2} style={{ minWidth: 0 }}>
                <Group gap={6} wrap="nowrap">
                  <AnchorLink
                    to="/directory/$id"
                    params={{ id: p.organization.slug }}
                    size="sm"
                    fw={600}
                    c="dark"
                    truncate
                  >
                    {p.organization.name}
                  </AnchorLink>
                  {p.organization.id === organization?.id && (
                    <Text size="xs" c="dimmed">
                      (you)
                    </Text>
                  )}
                </Group>
                <Group gap={6}>
                  <Text size="xs" c="dimmed">
                    {sideLabel(deal, p)}
                  </Text>
                  {p.attribution && (
                    <Tooltip label={ATTRIBUTIONS[p.attribution].hint} withArrow>
                      <Badge size="xs" variant="light" color={ATTRIBUTIONS[p.attribution].color}>
                        {ATTRIBUTIONS[p.attribution].label}
                      </Badge>
                    </Tooltip>
                  )}
                </Group>
              </Stack>
            </Group>
            {manage && p.side === 'co_seller' && (
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={`Remove ${p.organization.name}`}
                onClick={() => setRemoving(p)}
              >
                <IconX size={16} />
              </ActionIcon>
            )}
          </Group>
        ))}
      </Stack>
      {manage && (
        <>
          <AddPartnerModal deal={deal} opened={adding} onClose={add.close} />
          <ConfirmModal
            opened={removing !== null}
            onClose={() => setRemoving(null)}
            title={`Remove ${removing?.organization.name ?? ''}?`}
            confirmLabel="Remove partner"
            onConfirm={async () => {
              if (!removing) return;
              const updated = await body(
                api.DELETE('/api/v1/deals/{id}/partners/{orgId}', {
                  params: { path: { id: deal.id, orgId: removing.organization.id } },
                }),
              );
              queryClient.setQueryData(dealQuery(deal.id).queryKey, updated);
            }}
            onDone={() => {
              notifications.show({
                color: 'moss',
                message: `${removing?.organization.name} is off the deal.`,
              });
              dealsChanged(queryClient);
            }}
          >
            They no longer see the deal or count toward its attribution.
          </ConfirmModal>
        </>
      )}
    </Card>
  );
}
