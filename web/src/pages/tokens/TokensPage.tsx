import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Code,
  EmptyState,
  Switch,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconKey, IconPlus, IconTrash } from '@tabler/icons-react';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { can } from '../../../../common/permissions.ts';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { DateText } from '../../components/DateText.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PersonCell } from '../../components/PersonCell.tsx';
import { QueryStates } from '../../components/QueryStates.tsx';
import { api } from '../../lib/api.ts';
import { tokensQuery } from '../../lib/queries.ts';
import { useSession } from '../../lib/session.ts';
import type { ApiToken } from '../../lib/types.ts';
import { CreateTokenModal } from './CreateTokenModal.tsx';

function TokenStatus({ token }: { token: ApiToken }) {
  if (token.revokedAt)
    return (
      <Badge color="gray" variant="light">
        Revoked
      </Badge>
    );
  if (token.expiresAt && new Date(token.expiresAt) < new Date())
    return (
      <Badge color="orange" variant="light">
        Expired
      </Badge>
    );
  return (
    <Badge color="moss" variant="light">
      Active
    </Badge>
  );
}

const isActive = (t: ApiToken) => !t.revokedAt && !(t.expiresAt && new Date(t.expiresAt) < new Date());

/** API tokens: create (secret shown once), list and revoke. */
export function TokensPage() {
  const { role } = useSession();
  const queryClient = useQueryClient();
  const admin = can(role, 'tokens.manage_all');
  const [all, setAll] = useState(false);
  const [creating, create] = useDisclosure(false);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const tokens = useInfiniteQuery(tokensQuery(all && admin));
  const rows = tokens.data?.pages.flatMap((p) => p.data) ?? [];
  const showOwner = all && admin;
  return (
    <>
      <PageHeader
        title="API tokens"
        description={
          <>
            Let scripts and integrations call the API as you, with <Code>Authorization: Bearer …</Code>
          </>
        }
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={create.open}>
            Create token
          </Button>
        }
      />
      {admin && (
        <Switch
          mb="md"
          label="Show all members' tokens"
          checked={all}
          onChange={(e) => setAll(e.currentTarget.checked)}
        />
      )}
      <Card padding={0}>
        <QueryStates
          query={tokens}
          skeletonRows={3}
          isEmpty={rows.length === 0}
          empty={{
            icon: <IconKey size={28} />,
            title: 'No API tokens yet',
            description: 'Create one to connect your CRM, a script or the mycelium CLI.',
            children: (
              <EmptyState.Actions>
                <Button variant="light" leftSection={<IconPlus size={16} />} onClick={create.open}>
                  Create token
                </Button>
              </EmptyState.Actions>
            ),
          }}
        >
          <ListTable
            minWidth={800}
            actionsWidth={56}
            head={
              <>
                <Table.Th>Name</Table.Th>
                {showOwner && <Table.Th>Acts as</Table.Th>}
                <Table.Th>Created</Table.Th>
                <Table.Th>Expires</Table.Th>
                <Table.Th>Last used</Table.Th>
                <Table.Th>Status</Table.Th>
              </>
            }
          >
            {rows.map((t) => (
              <Table.Tr key={t.id}>
                <Table.Td>
                  <Text size="sm" fw={500}>
                    {t.name}
                  </Text>
                  <Code fz="xs">{t.prefix}…</Code>
                </Table.Td>
                {showOwner && (
                  <Table.Td>
                    <PersonCell name={t.userName} email={t.userEmail} />
                  </Table.Td>
                )}
                <Table.Td>
                  <DateText value={t.createdAt} format="date" />
                </Table.Td>
                <Table.Td>
                  <DateText value={t.expiresAt} format="date" fallback="Never" />
                </Table.Td>
                <Table.Td>
                  <DateText value={t.lastUsedAt} format="relative" fallback="Never used" />
                </Table.Td>
                <Table.Td>
                  <TokenStatus token={t} />
                </Table.Td>
                <Table.Td>
                  {isActive(t) && (
                    <Tooltip label="Revoke" withArrow>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        onClick={() => setRevoking(t)}
                        aria-label={`Revoke ${t.name}`}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Tooltip>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </ListTable>
        </QueryStates>
      </Card>
      <LoadMore {...tokens} />
      <CreateTokenModal opened={creating} onClose={create.close} />
      <ConfirmModal
        opened={revoking !== null}
        onClose={() => setRevoking(null)}
        title={`Revoke "${revoking?.name ?? ''}"?`}
        confirmLabel="Revoke token"
        onConfirm={() => api.DELETE('/api/v1/tokens/{id}', { params: { path: { id: revoking!.id } } })}
        onDone={() => queryClient.invalidateQueries({ queryKey: ['tokens'] })}
      >
        Anything using this token stops working immediately. This cannot be undone.
      </ConfirmModal>
    </>
  );
}
