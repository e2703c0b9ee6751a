import { ActionIcon, Card, CopyButton, Group, SegmentedControl, Table, Text, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCheck, IconLink, IconMailForward, IconSend, IconX } from '@tabler/icons-react';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { can, grantableRoles } from '../../../../common/permissions.ts';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { DateText } from '../../components/DateText.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { QueryStates } from '../../components/QueryStates.tsx';
import { RoleBadge } from '../../components/RoleBadge.tsx';
import { api } from '../../lib/api.ts';
import { invitationsQuery } from '../../lib/queries.ts';
import { useSession } from '../../lib/session.ts';
import type { Invitation, InvitationStatus } from '../../lib/types.ts';
import { InviteModal } from './InviteModal.tsx';

const STATUSES: { value: InvitationStatus; label: string }[] = [
  { value: 'pending', label: 'Pending' },
  { value: 'expired', label: 'Expired' },
  { value: 'accepted', label: 'Accepted' },
  { value: 'rejected', label: 'Declined' },
  { value: 'canceled', label: 'Cancelled' },
];

/**
 * The organization's invitations by status; pending ones can be cancelled or their link copied,
 * expired ones sent again.
 */
export function InvitationsPanel() {
  const { role } = useSession();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<InvitationStatus>('pending');
  const invitations = useInfiniteQuery(invitationsQuery(status));
  const [canceling, setCanceling] = useState<Invitation | null>(null);
  // Kept after closing, so the modal does not change while it fades out.
  const [reinviting, setReinviting] = useState<Invitation | null>(null);
  const [reinviteOpen, reinvite] = useDisclosure(false);
  const rows = invitations.data?.pages.flatMap((p) => p.data) ?? [];
  const mayCancel = can(role, 'members.invite') && status === 'pending';
  const mayReinvite = (inv: Invitation) =>
    can(role, 'members.invite') && grantableRoles(role).includes(inv.role);
  const pending = status === 'pending';
  const expired = status === 'expired';
  return (
    <>
      <SegmentedControl
        mb="md"
        value={status}
        onChange={(v) => setStatus(v as InvitationStatus)}
        data={STATUSES}
        aria-label="Invitation status"
      />
      <Card padding={0}>
        <QueryStates
          query={invitations}
          skeletonRows={3}
          isEmpty={rows.length === 0}
          empty={{
            icon: <IconMailForward size={28} />,
            title: `No ${STATUSES.find((s) => s.value === status)?.label.toLowerCase()} invitations`,
            description: pending
              ? 'Invitations you send wait here until they are answered.'
              : expired
                ? 'Invitations nobody answered within a week end up here.'
                : undefined,
          }}
        >
          <ListTable
            minWidth={720}
            aria-label={`${status} invitations`}
            actionsWidth={pending || expired ? 96 : undefined}
            head={
              <>
                <Table.Th>Email</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Invited by</Table.Th>
                <Table.Th>Sent</Table.Th>
                {(pending || expired) && <Table.Th>{expired ? 'Expired' : 'Expires'}</Table.Th>}
              </>
            }
          >
            {rows.map((inv) => (
              <Table.Tr key={inv.id}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {inv.email}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <RoleBadge role={inv.role} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{inv.inviterName}</Text>
                </Table.Td>
                <Table.Td>
                  <DateText value={inv.createdAt} format="relative" />
                </Table.Td>
                {(pending || expired) && (
                  <Table.Td>
                    <DateText value={inv.expiresAt} format="relative" />
                  </Table.Td>
                )}
                {expired && (
                  <Table.Td>
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      {mayReinvite(inv) && (
                        <Tooltip label="Invite again" withArrow>
                          <ActionIcon
                            variant="subtle"
                            color="moss"
                            onClick={() => {
                              setReinviting(inv);
                              reinvite.open();
                            }}
                            aria-label={`Invite ${inv.email} again`}
                          >
                            <IconSend size={16} />
                          </ActionIcon>
                        </Tooltip>
                      )}
                    </Group>
                  </Table.Td>
                )}
                {pending && (
                  <Table.Td>
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <CopyButton value={`${window.location.origin}/invitations/${inv.id}`}>
                        {({ copied, copy }) => (
                          <Tooltip label={copied ? 'Link copied' : 'Copy invitation link'} withArrow>
                            <ActionIcon
                              variant="subtle"
                              color={copied ? 'moss' : 'gray'}
                              onClick={copy}
                              aria-label={`Copy invitation link for ${inv.email}`}
                            >
                              {copied ? <IconCheck size={16} /> : <IconLink size={16} />}
                            </ActionIcon>
                          </Tooltip>
                        )}
                      </CopyButton>
                      {mayCancel && (
                        <Tooltip label="Cancel invitation" withArrow>
                          <ActionIcon
                            variant="subtle"
                            color="red"
                            onClick={() => setCanceling(inv)}
                            aria-label={`Cancel invitation for ${inv.email}`}
                          >
                            <IconX size={16} />
                          </ActionIcon>
                        </Tooltip>
                      )}
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </ListTable>
        </QueryStates>
      </Card>
      <LoadMore {...invitations} />
      <ConfirmModal
        opened={canceling !== null}
        onClose={() => setCanceling(null)}
        title="Cancel this invitation?"
        confirmLabel="Cancel invitation"
        onConfirm={() => api.DELETE('/api/v1/invitations/{id}', { params: { path: { id: canceling!.id } } })}
        onDone={() => queryClient.invalidateQueries({ queryKey: ['invitations'] })}
      >
        The link sent to {canceling?.email} stops working. You can invite them again later.
      </ConfirmModal>
      <InviteModal opened={reinviteOpen} onClose={reinvite.close} again={reinviting ?? undefined} />
    </>
  );
}
