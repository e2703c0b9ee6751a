import { Anchor, Badge, Card, Group, Loader, Table, Text, Title } from '@mantine/core';
import { IconHistory } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { DateText } from '../../components/DateText.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { AnchorLink } from '../../components/links.tsx';
import { QueryStates } from '../../components/QueryStates.tsx';
import {
  type AccountImport,
  formatBytes,
  formatCount,
  IMPORT_STATUS_META,
  importErrorsUrl,
  importsQuery,
} from '../../lib/accounts.ts';
import { useSession } from '../../lib/session.ts';

/** Past imports with their state and result; a row opens its progress or mapping. */
export function ImportHistory({ current }: { current?: string }) {
  const imports = useInfiniteQuery(importsQuery);
  const rows = imports.data?.pages.flatMap((p) => p.data) ?? [];
  const navigate = useNavigate();
  const orgId = useSession().organization?.id;
  const refreshing = imports.isFetching && !imports.isFetchingNextPage && !imports.isPending;
  return (
    <Card padding={0} component="section" aria-label="Past imports">
      <Group px="lg" pt="lg" pb="sm" gap="sm">
        <Title order={3} fz="md">
          Past imports
        </Title>
        {refreshing && <Loader size={14} aria-label="Refreshing" />}
      </Group>
      <QueryStates
        query={imports}
        skeletonRows={3}
        isEmpty={rows.length === 0}
        empty={{
          icon: <IconHistory size={28} />,
          title: 'No imports yet',
          description: 'Files you upload show here with their result and error report.',
        }}
      >
        <ListTable
          minWidth={860}
          aria-label="Imports"
          horizontalSpacing="md"
          head={
            <>
              <Table.Th>File</Table.Th>
              <Table.Th w={170}>Accounts of</Table.Th>
              <Table.Th w={170}>Status</Table.Th>
              <Table.Th w={240}>Result</Table.Th>
              <Table.Th w={150}>Uploaded</Table.Th>
            </>
          }
        >
          {rows.map((imp) => (
            <Table.Tr
              key={imp.id}
              style={{ cursor: 'pointer' }}
              bg={imp.id === current ? 'var(--mantine-color-moss-0)' : undefined}
              onClick={(e) => {
                if ((e.target as HTMLElement).closest('a')) return;
                navigate({ to: '/accounts/imports', search: { id: imp.id } });
              }}
            >
              <Table.Td>
                <AnchorLink to="/accounts/imports" search={{ id: imp.id }} size="sm" fw={600} c="dark">
                  {imp.fileName}
                </AnchorLink>
                <Text size="xs" c="dimmed">
                  {formatBytes(imp.fileBytes)}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" truncate>
                  {imp.subject.id === orgId ? 'Your organization' : imp.subject.name}
                </Text>
              </Table.Td>
              <Table.Td>
                <Badge variant="light" color={IMPORT_STATUS_META[imp.status].color}>
                  {IMPORT_STATUS_META[imp.status].label}
                </Badge>
              </Table.Td>
              <Table.Td>
                <Result imp={imp} />
              </Table.Td>
              <Table.Td>
                <DateText value={imp.createdAt} format="relative" />
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      </QueryStates>
      <div style={{ paddingBottom: imports.hasNextPage ? 'var(--mantine-spacing-md)' : 0 }}>
        <LoadMore {...imports} />
      </div>
    </Card>
  );
}

function Result({ imp }: { imp: AccountImport }) {
  if (imp.status === 'failed')
    return (
      <Text size="sm" c="red" lineClamp={2} title={imp.failure ?? undefined}>
        {imp.failure ?? 'Failed'}
      </Text>
    );
  if (imp.status !== 'done')
    return (
      <Text size="sm" c="dimmed">
        {imp.rowsRead ? `${formatCount(imp.rowsRead)} rows read` : '—'}
      </Text>
    );
  const parts = [
    `${formatCount(imp.inserted)} new`,
    `${formatCount(imp.updated)} updated`,
    imp.removed ? `${formatCount(imp.removed)} removed` : '',
  ].filter(Boolean);
  return (
    <Group gap={6} wrap="nowrap">
      <Text size="sm">{parts.join(' · ')}</Text>
      {imp.errorRows > 0 && (
        <Anchor href={importErrorsUrl(imp.id)} download size="sm" c="red">
          {formatCount(imp.errorRows)} errors
        </Anchor>
      )}
    </Group>
  );
}
