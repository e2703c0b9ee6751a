import { Badge, Group, Stack, Table, Text } from '@mantine/core';
import { IconAward, IconPencil, IconSearch } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { can } from '../../../../common/permissions.ts';
import { DateText } from '../../components/DateText.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { AnchorLink, ButtonLink } from '../../components/links.tsx';
import { QueryStates } from '../../components/QueryStates.tsx';
import { programsQuery } from '../../lib/programs.ts';
import { useSession } from '../../lib/session.ts';
import { KindBadge, ProgramStatusBadge } from './ProgramBadges.tsx';
import { ListCard } from './parts.tsx';

/** Your organization's programs with their partners and pending applications. */
export function MyProgramsList({ q, emptyAction }: { q?: string; emptyAction?: ReactNode }) {
  const { role } = useSession();
  const mayManage = can(role, 'programs.manage');
  const list = useInfiniteQuery(programsQuery({ scope: 'mine', q }));
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <ListCard
      footer={
        rows.length > 0 && !list.hasNextPage && (rows.length === 1 ? '1 program' : `${rows.length} programs`)
      }
    >
      <QueryStates
        query={list}
        isEmpty={rows.length === 0}
        empty={
          q
            ? {
                icon: <IconSearch size={28} />,
                title: 'No program matches',
                description: 'Try another name.',
              }
            : {
                icon: <IconAward size={28} />,
                title: 'You run no programs yet',
                description: mayManage
                  ? 'Create a reseller, referral or ambassador program: tiers with requirements and benefits, commission rules and an application form. It stays a draft until you publish it.'
                  : 'Owners, admins and CPOs create programs. Programs your organization runs show up here.',
                children: emptyAction,
              }
        }
      >
        <ListTable
          minWidth={900}
          aria-label="Your programs"
          actionsWidth={mayManage ? 100 : undefined}
          head={
            <>
              <Table.Th>Program</Table.Th>
              <Table.Th w={130}>Kind</Table.Th>
              <Table.Th w={110}>Status</Table.Th>
              <Table.Th w={60}>Tiers</Table.Th>
              <Table.Th w={80}>Partners</Table.Th>
              <Table.Th w={110}>Applications</Table.Th>
              <Table.Th w={110}>Updated</Table.Th>
            </>
          }
        >
          {rows.map((p) => {
            const pending = p.pendingApplications ?? 0;
            return (
              <Table.Tr key={p.id}>
                <Table.Td>
                  <Stack gap={0} style={{ minWidth: 0 }}>
                    <AnchorLink
                      to="/programs/$programId"
                      params={{ programId: p.id }}
                      size="sm"
                      fw={600}
                      c="dark"
                      truncate
                    >
                      {p.name}
                    </AnchorLink>
                    <Text size="xs" c="dimmed" truncate maw={220}>
                      {p.description || `In ${p.currency}`}
                    </Text>
                  </Stack>
                </Table.Td>
                <Table.Td>
                  <KindBadge kind={p.kind} />
                </Table.Td>
                <Table.Td>
                  <ProgramStatusBadge status={p.status} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{p.tierCount}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{p.enrolledCount ?? '—'}</Text>
                </Table.Td>
                <Table.Td>
                  {pending > 0 ? (
                    <AnchorLink to="/programs/applications" size="sm">
                      <Badge color="yellow" variant="light" size="sm" style={{ cursor: 'pointer' }}>
                        {pending} pending
                      </Badge>
                    </AnchorLink>
                  ) : (
                    <Text size="sm" c="dimmed">
                      None pending
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  <DateText value={p.updatedAt} format="relative" style={{ whiteSpace: 'nowrap' }} />
                </Table.Td>
                {mayManage && (
                  <Table.Td>
                    <Group justify="flex-end">
                      <ButtonLink
                        to="/programs/$programId/edit"
                        params={{ programId: p.id }}
                        size="xs"
                        variant="default"
                        leftSection={<IconPencil size={14} />}
                        aria-label={`Edit ${p.name}`}
                      >
                        Edit
                      </ButtonLink>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            );
          })}
        </ListTable>
      </QueryStates>
      <div style={{ paddingBottom: list.hasNextPage ? 'var(--mantine-spacing-md)' : 0 }}>
        <LoadMore {...list} />
      </div>
    </ListCard>
  );
}
