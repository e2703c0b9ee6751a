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
  VisuallyHidden,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconKey, IconPlus, IconTrash } from '@tabler/icons-react';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { can } from '../../../../common/permissions.ts';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PersonCell } from '../../components/PersonCell.tsx';
import { TableSkeleton } from '../../components/TableSkeleton.tsx';
import { api } from '../../lib/api.ts';
import { formatDate, formatDateTime, formatRelative } from '../../lib/format.ts';
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
        {tokens.isPending ? (
          <TableSkeleton rows={3} />
        ) : tokens.isError ? (
          <div style={{ padding: 16 }}>
            <ErrorAlert error={tokens.error} onRetry={() => tokens.refetch()} />
          </div>
        ) : rows.length === 0 ? (
          <EmptyState
            py={48}
            icon={<IconKey size={28} />}
            withIndicatorBackground
            title="No API tokens yet"
            description="Create one to connect your CRM, a script or the mycelium CLI."
          >
            <EmptyState.Actions>
              <Button variant="light" leftSection={<IconPlus size={16} />} onClick={create.open}>
                Create token
              </Button>
            </EmptyState.Actions>
          </EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={800}>
            <Table verticalSpacing="sm" horizontalSpacing="lg" highlightOnHover className="myc-table">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Name</Table.Th>
                  {showOwner && <Table.Th>Acts as</Table.Th>}
                  <Table.Th>Created</Table.Th>
                  <Table.Th>Expires</Table.Th>
                  <Table.Th>Last used</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th w={56}>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
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
                      <Text size="sm" c="dimmed" title={formatDateTime(t.createdAt)}>
                        {formatDate(t.createdAt)}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text
                        size="sm"
                        c="dimmed"
                        title={t.expiresAt ? formatDateTime(t.expiresAt) : undefined}
                      >
                        {t.expiresAt ? formatDate(t.expiresAt) : 'Never'}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text
                        size="sm"
                        c="dimmed"
                        title={t.lastUsedAt ? formatDateTime(t.lastUsedAt) : undefined}
                      >
                        {t.lastUsedAt ? formatRelative(t.lastUsedAt) : 'Never used'}
                      </Text>
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
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
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
