import { Badge, Button, Card, Group, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInbox } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { DateText } from '../../components/DateText.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { AnchorLink } from '../../components/links.tsx';
import { OrgAvatar } from '../../components/OrgAvatar.tsx';
import { QueryStates } from '../../components/QueryStates.tsx';
import { api, body } from '../../lib/api.ts';
import { errorMessage } from '../../lib/errors.ts';
import { ecosystemRequestsQuery } from '../../lib/queries.ts';
import type { Ecosystem, EcosystemRequest } from '../../lib/types.ts';

/** Join requests waiting for a decision and invitations not yet answered (managers). */
export function RequestsPanel({ ecosystem: e }: { ecosystem: Ecosystem }) {
  const queryClient = useQueryClient();
  const requests = useInfiniteQuery(ecosystemRequestsQuery(e.id));
  const rows = requests.data?.pages.flatMap((p) => p.data) ?? [];
  const decide = useMutation({
    mutationFn: ({ request, approve }: { request: EcosystemRequest; approve: boolean }) =>
      body(
        api.POST(
          approve
            ? '/api/v1/ecosystems/{id}/requests/{orgId}/approve'
            : '/api/v1/ecosystems/{id}/requests/{orgId}/decline',
          { params: { path: { id: e.id, orgId: request.organization.id } } },
        ),
      ),
    onSuccess: (_, { request, approve }) => {
      notifications.show({
        color: 'moss',
        message: approve
          ? `${request.organization.name} is now a member.`
          : `${request.organization.name}'s request is declined.`,
      });
    },
    onError: (err) =>
      notifications.show({ color: 'red', title: 'Could not do that', message: errorMessage(err) }),
    // Counts, members and the list all change; a request decided elsewhere disappears too.
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['ecosystems'] }),
  });
  const deciding = decide.isPending ? decide.variables : undefined;
  const waiting = rows.filter((r) => r.status === 'requested').length;
  return (
    <Card padding={0}>
      <Group justify="space-between" px="lg" pt="lg" pb="sm">
        <Group gap="sm">
          <Title order={3} fz="md">
            Requests and invitations
          </Title>
          {waiting > 0 && (
            <Badge color="yellow" variant="filled" size="sm" circle={waiting < 10}>
              {waiting}
            </Badge>
          )}
        </Group>
      </Group>
      <QueryStates
        query={requests}
        skeletonRows={2}
        isEmpty={rows.length === 0}
        empty={{
          icon: <IconInbox size={28} />,
          title: 'Nothing waiting',
          description:
            e.joinPolicy === 'approval'
              ? 'Requests to join show up here for you to approve.'
              : 'Organizations you invite show up here until they answer.',
        }}
      >
        <ListTable
          minWidth={720}
          aria-label="Requests and invitations"
          actionsWidth={200}
          head={
            <>
              <Table.Th>Organization</Table.Th>
              <Table.Th w={120}>Status</Table.Th>
              <Table.Th>Note</Table.Th>
              <Table.Th w={140}>Since</Table.Th>
            </>
          }
        >
          {rows.map((r) => {
            const busy = deciding?.request.organization.id === r.organization.id;
            return (
              <Table.Tr key={r.organization.id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>
                  <Group gap="sm" wrap="nowrap">
                    <OrgAvatar name={r.organization.name} size={30} />
                    <AnchorLink
                      to="/directory/$id"
                      params={{ id: r.organization.slug }}
                      size="sm"
                      fw={500}
                      c="dark"
                    >
                      {r.organization.name}
                    </AnchorLink>
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Badge variant="light" color={r.status === 'requested' ? 'yellow' : 'blue'} size="sm">
                    {r.status === 'requested' ? 'Requested' : 'Invited'}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c={r.message ? undefined : 'dimmed'} lineClamp={2} maw={320}>
                    {r.message ?? '—'}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <DateText value={r.createdAt} format="relative" style={{ whiteSpace: 'nowrap' }} />
                </Table.Td>
                <Table.Td>
                  {r.status === 'requested' ? (
                    <Group gap={6} justify="flex-end" wrap="nowrap">
                      <Button
                        size="xs"
                        variant="default"
                        loading={busy && deciding?.approve === false}
                        disabled={busy}
                        onClick={() => decide.mutate({ request: r, approve: false })}
                        aria-label={`Decline ${r.organization.name}`}
                      >
                        Decline
                      </Button>
                      <Button
                        size="xs"
                        loading={busy && deciding?.approve === true}
                        disabled={busy}
                        onClick={() => decide.mutate({ request: r, approve: true })}
                        aria-label={`Approve ${r.organization.name}`}
                      >
                        Approve
                      </Button>
                    </Group>
                  ) : (
                    <Text size="xs" c="dimmed" ta="right">
                      Waiting for their answer
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </ListTable>
      </QueryStates>
      <LoadMore {...requests} />
    </Card>
  );
}
