import { Anchor, Button, Group, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCoins } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { formatMoney } from '../../../../common/money.ts';
import { can } from '../../../../common/permissions.ts';
import { DateText } from '../../components/DateText.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { AnchorLink } from '../../components/links.tsx';
import { QueryStates } from '../../components/QueryStates.tsx';
import { api, body } from '../../lib/api.ts';
import { errorMessage } from '../../lib/errors.ts';
import { type MdfRequest, type MdfStatus, mdfQuery, programsChanged } from '../../lib/programs.ts';
import { useSession } from '../../lib/session.ts';
import { ClaimModal, MdfRejectModal } from './MdfModals.tsx';
import { MdfStatusBadge } from './ProgramBadges.tsx';

const isLink = (text: string) => /^https?:\/\/\S+$/.test(text.trim());

/** MDF requests of one side, with the moves open to you on each. */
export function MdfTable({
  filters,
  empty,
  compact = false,
}: {
  filters: { side: 'vendor' | 'partner'; status?: MdfStatus; enrollmentId?: string };
  empty: { icon?: ReactNode; title: string; description: string; children?: ReactNode };
  /** Inside an enrollment's page: no program column. */
  compact?: boolean;
}) {
  const { role } = useSession();
  const queryClient = useQueryClient();
  const list = useInfiniteQuery(mdfQuery(filters));
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  const [claiming, setClaiming] = useState<MdfRequest | null>(null);
  const [rejecting, setRejecting] = useState<{ request: MdfRequest; claim: boolean } | null>(null);
  const vendor = filters.side === 'vendor';
  const mayReview = vendor && can(role, 'mdf.review');
  const mayClaim = !vendor && can(role, 'mdf.request');
  const act = useMutation({
    mutationFn: ({ request, action }: { request: MdfRequest; action: 'approve' | 'approve-claim' }) =>
      body(api.POST('/api/v1/mdf/{id}/{action}', { params: { path: { id: request.id, action } }, body: {} })),
    onSuccess: (m, { action }) => {
      void programsChanged(queryClient);
      notifications.show({
        color: 'moss',
        message:
          action === 'approve'
            ? `Approved: ${m.partner.name} can spend ${formatMoney(m.amount)} and claim it with proof.`
            : `Claim approved: ${formatMoney(m.amount)} is posted to ${m.partner.name}’s earnings.`,
      });
    },
    onError: (err) =>
      notifications.show({ color: 'red', title: 'Could not do that', message: errorMessage(err) }),
  });
  const busy = (m: MdfRequest) => act.isPending && act.variables?.request.id === m.id;
  return (
    <>
      <QueryStates
        query={list}
        skeletonRows={compact ? 2 : 4}
        isEmpty={rows.length === 0}
        empty={{ icon: <IconCoins size={28} />, ...empty }}
      >
        <ListTable
          minWidth={compact ? 680 : 960}
          aria-label="MDF requests"
          actionsWidth={200}
          head={
            <>
              <Table.Th>Request</Table.Th>
              {!compact && <Table.Th w={220}>{vendor ? 'Partner · program' : 'Vendor · program'}</Table.Th>}
              <Table.Th w={130}>Amount</Table.Th>
              <Table.Th w={140} miw={130}>
                Status
              </Table.Th>
              <Table.Th w={120}>Requested</Table.Th>
            </>
          }
        >
          {rows.map((m) => (
            <Table.Tr
              key={m.id}
              bg={mayReview && (m.status === 'requested' || m.status === 'claimed') ? 'yellow.0' : undefined}
            >
              <Table.Td>
                <Stack gap={2} maw={360}>
                  <Text size="sm" fw={600}>
                    {m.title}
                  </Text>
                  {m.description && (
                    <Text size="xs" c="dimmed" lineClamp={2}>
                      {m.description}
                    </Text>
                  )}
                  {m.proof && (
                    <Text size="xs" lineClamp={2}>
                      <Text span size="xs" c="dimmed">
                        Proof:{' '}
                      </Text>
                      {isLink(m.proof) ? (
                        <Anchor href={m.proof.trim()} target="_blank" rel="noreferrer noopener" size="xs">
                          {m.proof.trim()}
                        </Anchor>
                      ) : (
                        m.proof
                      )}
                    </Text>
                  )}
                  {m.reason && (
                    <Text size="xs" c="red.8" lineClamp={2}>
                      Reason: {m.reason}
                    </Text>
                  )}
                </Stack>
              </Table.Td>
              {!compact && (
                <Table.Td>
                  <Stack gap={0}>
                    <Text size="sm" truncate>
                      {vendor ? m.partner.name : m.vendor.name}
                    </Text>
                    <AnchorLink
                      to="/enrollments/$enrollmentId"
                      params={{ enrollmentId: m.enrollmentId }}
                      size="xs"
                      c="dimmed"
                    >
                      {m.program.name}
                    </AnchorLink>
                  </Stack>
                </Table.Td>
              )}
              <Table.Td>
                <Text size="sm" fw={500} style={{ whiteSpace: 'nowrap' }}>
                  {formatMoney(m.amount)}
                </Text>
              </Table.Td>
              <Table.Td>
                <MdfStatusBadge status={m.status} />
              </Table.Td>
              <Table.Td>
                <DateText value={m.createdAt} format="relative" style={{ whiteSpace: 'nowrap' }} />
              </Table.Td>
              <Table.Td>
                <Group gap={6} justify="flex-end" wrap="nowrap">
                  {mayReview && (m.status === 'requested' || m.status === 'claimed') && (
                    <>
                      <Button
                        size="xs"
                        variant="default"
                        disabled={busy(m)}
                        onClick={() => setRejecting({ request: m, claim: m.status === 'claimed' })}
                      >
                        Reject
                      </Button>
                      <Button
                        size="xs"
                        loading={busy(m)}
                        onClick={() =>
                          act.mutate({
                            request: m,
                            action: m.status === 'claimed' ? 'approve-claim' : 'approve',
                          })
                        }
                        aria-label={`${m.status === 'claimed' ? 'Approve the claim for' : 'Approve'} ${m.title}`}
                      >
                        {m.status === 'claimed' ? 'Approve claim' : 'Approve'}
                      </Button>
                    </>
                  )}
                  {mayClaim && m.status === 'approved' && (
                    <Button size="xs" onClick={() => setClaiming(m)} aria-label={`Claim ${m.title}`}>
                      Claim
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      </QueryStates>
      <div style={{ paddingBottom: list.hasNextPage ? 'var(--mantine-spacing-md)' : 0 }}>
        <LoadMore {...list} />
      </div>
      {claiming && <ClaimModal request={claiming} onClose={() => setClaiming(null)} />}
      {rejecting && (
        <MdfRejectModal
          request={rejecting.request}
          claim={rejecting.claim}
          onClose={() => setRejecting(null)}
        />
      )}
    </>
  );
}
