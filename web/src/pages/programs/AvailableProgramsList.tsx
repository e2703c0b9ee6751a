import { Badge, Button, Group, Stack, Table, Text } from '@mantine/core';
import { IconSearch, IconSend, IconWorldSearch } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { can } from '../../../../common/permissions.ts';
import { ListTable } from '../../components/ListTable.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { AnchorLink, ButtonLink } from '../../components/links.tsx';
import { OrgAvatar } from '../../components/OrgAvatar.tsx';
import { QueryStates } from '../../components/QueryStates.tsx';
import { type ProgramSummary, programsQuery } from '../../lib/programs.ts';
import { useSession } from '../../lib/session.ts';
import { ApplyModal } from './ApplyModal.tsx';
import { KindBadge } from './ProgramBadges.tsx';
import { ListCard } from './parts.tsx';

/** Other organizations' published programs, with your standing in each and a way to apply. */
export function AvailableProgramsList({ q }: { q?: string }) {
  const list = useInfiniteQuery(programsQuery({ scope: 'available', q }));
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  const [applying, setApplying] = useState<string | null>(null);
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
                icon: <IconWorldSearch size={28} />,
                title: 'No programs to join yet',
                description:
                  'When vendors on Mycelium publish reseller, referral or ambassador programs, they show up here for you to apply.',
              }
        }
      >
        <ListTable
          minWidth={860}
          aria-label="Programs you can join"
          actionsWidth={170}
          head={
            <>
              <Table.Th>Program</Table.Th>
              <Table.Th w={220}>Vendor</Table.Th>
              <Table.Th w={150}>Kind</Table.Th>
              <Table.Th w={70}>Tiers</Table.Th>
            </>
          }
        >
          {rows.map((p) => (
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
                  <Text size="xs" c="dimmed" truncate maw={360}>
                    {p.description || `In ${p.currency}`}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>
                <Group gap="sm" wrap="nowrap">
                  <OrgAvatar name={p.vendor.name} size={28} />
                  <Text size="sm" truncate>
                    {p.vendor.name}
                  </Text>
                </Group>
              </Table.Td>
              <Table.Td>
                <KindBadge kind={p.kind} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{p.tierCount}</Text>
              </Table.Td>
              <Table.Td>
                <Group justify="flex-end" wrap="nowrap">
                  <Standing program={p} onApply={() => setApplying(p.id)} />
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      </QueryStates>
      <div style={{ paddingBottom: list.hasNextPage ? 'var(--mantine-spacing-md)' : 0 }}>
        <LoadMore {...list} />
      </div>
      {applying && <ApplyModal programId={applying} onClose={() => setApplying(null)} />}
    </ListCard>
  );
}

/** Where your organization stands with a program: enrolled, applied, or an Apply button. */
export function Standing({
  program: p,
  onApply,
}: {
  program: Pick<ProgramSummary, 'name' | 'status' | 'myEnrollment' | 'myApplication'>;
  onApply: () => void;
}) {
  const { role } = useSession();
  if (p.myEnrollment?.status === 'active')
    return (
      <ButtonLink
        to="/enrollments/$enrollmentId"
        params={{ enrollmentId: p.myEnrollment.id }}
        size="xs"
        variant="light"
        aria-label={`Your enrollment in ${p.name}`}
      >
        View enrollment
      </ButtonLink>
    );
  if (p.myApplication?.status === 'pending')
    return (
      <Badge color="yellow" variant="light" size="md">
        Applied · pending
      </Badge>
    );
  if (p.status !== 'published' || !can(role, 'programs.apply')) return null;
  return (
    <Group gap={6} wrap="nowrap">
      {p.myApplication?.status === 'rejected' && (
        <Text size="xs" c="dimmed">
          Rejected before
        </Text>
      )}
      <Button
        size="xs"
        leftSection={<IconSend size={14} />}
        onClick={onApply}
        aria-label={`Apply to ${p.name}`}
      >
        {p.myApplication?.status === 'rejected' || p.myEnrollment ? 'Apply again' : 'Apply'}
      </Button>
    </Group>
  );
}
