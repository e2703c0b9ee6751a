import { Group, Progress, Stack, Table, Text } from '@mantine/core';
import { IconUserCheck } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { DateText } from '../../components/DateText.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { AnchorLink } from '../../components/links.tsx';
import { OrgAvatar } from '../../components/OrgAvatar.tsx';
import { QueryStates } from '../../components/QueryStates.tsx';
import { enrollmentsQuery, progressPercent } from '../../lib/programs.ts';
import { TierBadge } from './ProgramBadges.tsx';
import { ListCard } from './parts.tsx';

/** The programs your organization is enrolled in, with its tier and progress. */
export function MyEnrollmentsList({ emptyAction }: { emptyAction?: ReactNode }) {
  const list = useInfiniteQuery(enrollmentsQuery({ side: 'partner' }));
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <ListCard
      footer={
        rows.length > 0 &&
        !list.hasNextPage &&
        (rows.length === 1 ? '1 enrollment' : `${rows.length} enrollments`)
      }
    >
      <QueryStates
        query={list}
        isEmpty={rows.length === 0}
        empty={{
          icon: <IconUserCheck size={28} />,
          title: 'Not enrolled in any program',
          description:
            'Apply to a vendor’s program; once they approve, your tier, progress and onboarding checklist show up here.',
          children: emptyAction,
        }}
      >
        <ListTable
          minWidth={900}
          aria-label="Your enrollments"
          head={
            <>
              <Table.Th>Program</Table.Th>
              <Table.Th w={180}>Vendor</Table.Th>
              <Table.Th w={130}>Tier</Table.Th>
              <Table.Th miw={220}>Progress</Table.Th>
              <Table.Th w={120}>Onboarding</Table.Th>
              <Table.Th w={110}>Joined</Table.Th>
            </>
          }
        >
          {rows.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>
                <Stack gap={0}>
                  <AnchorLink
                    to="/enrollments/$enrollmentId"
                    params={{ enrollmentId: e.id }}
                    size="sm"
                    fw={600}
                    c="dark"
                    truncate
                  >
                    {e.program.name}
                  </AnchorLink>
                  {e.status === 'ended' && (
                    <Text size="xs" c="red">
                      Ended
                    </Text>
                  )}
                </Stack>
              </Table.Td>
              <Table.Td>
                <Group gap="sm" wrap="nowrap">
                  <OrgAvatar name={e.vendor.name} size={28} />
                  <Text size="sm" truncate>
                    {e.vendor.name}
                  </Text>
                </Group>
              </Table.Td>
              <Table.Td>
                <TierBadge tier={e.tier} />
              </Table.Td>
              <Table.Td>{e.status === 'active' ? <Headline headline={e.progress.headline} /> : '—'}</Table.Td>
              <Table.Td>
                <OnboardingCount {...e.onboarding} />
              </Table.Td>
              <Table.Td>
                <DateText value={e.joinedAt} format="date" style={{ whiteSpace: 'nowrap' }} />
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      </QueryStates>
      <div style={{ paddingBottom: list.hasNextPage ? 'var(--mantine-spacing-md)' : 0 }}>
        <LoadMore {...list} />
      </div>
    </ListCard>
  );
}

/** An enrollment's progress headline ("EUR 40,000 of 50,000 to Gold"), dimmed when it has none. */
export function Headline({ headline }: { headline: string | null }) {
  return (
    <Text size="sm" c={headline ? undefined : 'dimmed'}>
      {headline ?? 'No tiers yet'}
    </Text>
  );
}

/** "3 of 5" with a thin bar. */
export function OnboardingCount({ done, total }: { done: number; total: number }) {
  if (total === 0)
    return (
      <Text size="sm" c="dimmed">
        No tasks
      </Text>
    );
  return (
    <Stack gap={4} maw={110}>
      <Text size="sm">
        {done} of {total}
      </Text>
      <Progress
        value={progressPercent(done, total)}
        size="xs"
        aria-label={`Onboarding ${done} of ${total} done`}
      />
    </Stack>
  );
}
