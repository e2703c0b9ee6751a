import {
  Badge,
  Breadcrumbs,
  Button,
  Card,
  Grid,
  Group,
  Skeleton,
  Spoiler,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconInbox, IconPencil, IconSend, IconUsers } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { PARTNERSHIP_TYPE_LABELS } from '../../../../common/deals.ts';
import { can } from '../../../../common/permissions.ts';
import { DateText } from '../../components/DateText.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { AnchorLink, ButtonLink } from '../../components/links.tsx';
import { OrgAvatar } from '../../components/OrgAvatar.tsx';
import { QueryStates } from '../../components/QueryStates.tsx';
import {
  enrollmentQuery,
  enrollmentsQuery,
  KIND_META,
  type Program,
  programQuery,
} from '../../lib/programs.ts';
import { useSession } from '../../lib/session.ts';
import { ApplyModal } from './ApplyModal.tsx';
import { Standing } from './AvailableProgramsList.tsx';
import { Headline, OnboardingCount } from './MyEnrollmentsList.tsx';
import { KindBadge, ProgramStatusBadge, TierBadge } from './ProgramBadges.tsx';
import { SectionCard } from './parts.tsx';
import { TierLadder } from './TierLadder.tsx';
import { TierProgress } from './TierProgress.tsx';

const route = getRouteApi('/authed/app/programs/$programId');

/** A program: what it is, its tiers; for partners the way in (or their progress), for its vendor its partners. */
export function ProgramPage() {
  const { programId } = route.useParams();
  const program = useQuery(programQuery(programId));
  return (
    <Stack gap="lg">
      <Breadcrumbs separatorMargin={6} fz="sm">
        <AnchorLink to="/programs" size="sm" c="dimmed">
          Programs
        </AnchorLink>
        <Text size="sm" c="dimmed" aria-current="page">
          {program.data?.name ?? '…'}
        </Text>
      </Breadcrumbs>
      {program.isPending ? (
        <Stack gap="lg" aria-busy="true" aria-label="Loading">
          <Skeleton height={140} radius="lg" />
          <Skeleton height={280} radius="lg" />
        </Stack>
      ) : program.isError ? (
        <ErrorAlert error={program.error} onRetry={() => program.refetch()} />
      ) : (
        <ProgramView program={program.data} />
      )}
    </Stack>
  );
}

function ProgramView({ program: p }: { program: Program }) {
  const enrolled = p.myEnrollment?.status === 'active' ? p.myEnrollment : null;
  return (
    <>
      <Header program={p} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: p.mine ? 12 : 7 }}>
          <Stack gap="lg">
            <SectionCard title="About the program">
              <Stack gap="md">
                <Text size="sm" style={{ whiteSpace: 'pre-line' }} c={p.description ? undefined : 'dimmed'}>
                  {p.description || 'No description yet.'}
                </Text>
                <Group gap="xl">
                  <Fact label="Currency" value={p.currency} />
                  <Fact
                    label="Partnership"
                    value={p.partnershipTypes.map((t) => PARTNERSHIP_TYPE_LABELS[t] ?? t).join(', ')}
                  />
                  <Fact label="Commissions payable after" value={`${p.holdingDays} days`} />
                  <Fact label="Grace before moving down" value={`${p.downgradeGraceDays} days`} />
                </Group>
              </Stack>
            </SectionCard>
            {p.terms && (
              <SectionCard title="Terms">
                <Spoiler maxHeight={140} showLabel="Show all terms" hideLabel="Show less">
                  <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                    {p.terms}
                  </Text>
                </Spoiler>
              </SectionCard>
            )}
          </Stack>
        </Grid.Col>
        {!p.mine && (
          <Grid.Col span={{ base: 12, md: 5 }}>
            {enrolled ? <MyProgress enrollmentId={enrolled.id} /> : <JoinCard program={p} />}
          </Grid.Col>
        )}
      </Grid>
      <SectionCard
        title="Tiers"
        description="Requirements count the trailing 12 months of deals with the vendor; tiers are re-evaluated on every deal and nightly."
        padding={0}
      >
        <div style={{ paddingBottom: 'var(--mantine-spacing-md)' }}>
          {p.tiers.length === 0 ? (
            <Text size="sm" c="dimmed" px="lg">
              {p.mine ? 'No tiers yet: add them in the builder.' : 'This program has no tiers yet.'}
            </Text>
          ) : (
            <TierLadder program={p} currentTierId={enrolled?.tierId} />
          )}
        </div>
      </SectionCard>
      {p.mine && <EnrolledPartners program={p} />}
    </>
  );
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500}>
        {value || '—'}
      </Text>
    </div>
  );
}

function Header({ program: p }: { program: Program }) {
  const { role } = useSession();
  const [applying, setApplying] = useState(false);
  return (
    <Card padding="xl">
      <Group justify="space-between" align="flex-start" gap="lg">
        <Group align="flex-start" wrap="nowrap" gap="lg" style={{ minWidth: 0, flex: '1 1 380px' }}>
          <OrgAvatar name={p.vendor.name} size={64} />
          <Stack gap={8} style={{ minWidth: 0 }}>
            <Group gap="sm">
              <Title order={2} fz={26}>
                {p.name}
              </Title>
              {(p.mine || p.status !== 'published') && <ProgramStatusBadge status={p.status} size="md" />}
            </Group>
            <Group gap="xs">
              <KindBadge kind={p.kind} />
              <Text size="sm" c="dimmed">
                {KIND_META[p.kind].hint} · run by {p.mine ? 'your organization' : p.vendor.name}
              </Text>
            </Group>
          </Stack>
        </Group>
        <Group gap="sm">
          {p.mine ? (
            <>
              {can(role, 'programs.review') && (
                <ButtonLink
                  to="/programs/applications"
                  variant="default"
                  leftSection={<IconInbox size={16} />}
                >
                  Applications
                </ButtonLink>
              )}
              {can(role, 'programs.manage') && (
                <ButtonLink
                  to="/programs/$programId/edit"
                  params={{ programId: p.id }}
                  leftSection={<IconPencil size={16} />}
                >
                  Edit program
                </ButtonLink>
              )}
            </>
          ) : (
            <Standing program={p} onApply={() => setApplying(true)} />
          )}
        </Group>
      </Group>
      {applying && <ApplyModal programId={p.id} onClose={() => setApplying(false)} />}
    </Card>
  );
}

/** For a partner not enrolled: how to join, or where its application stands. */
function JoinCard({ program: p }: { program: Program }) {
  const { role } = useSession();
  const [applying, setApplying] = useState(false);
  const pending = p.myApplication?.status === 'pending';
  const mayApply = can(role, 'programs.apply') && p.status === 'published' && !pending;
  return (
    <SectionCard title="Join the program">
      <Stack gap="md">
        {pending ? (
          <Text size="sm">
            Your application is waiting for {p.vendor.name}. You can follow or withdraw it under{' '}
            <AnchorLink to="/programs/applications" search={{ tab: 'sent' }} size="sm">
              your applications
            </AnchorLink>
            .
          </Text>
        ) : p.status !== 'published' ? (
          <Text size="sm" c="dimmed">
            The program takes no applications now.
          </Text>
        ) : (
          <Text size="sm">
            {p.questions.length > 0
              ? `Apply by answering ${p.questions.length === 1 ? 'one question' : `${p.questions.length} questions`}. `
              : 'Apply with a short note. '}
            {p.vendor.name} reviews your application; once approved, your tier is set from your numbers and an
            onboarding checklist starts.
          </Text>
        )}
        {p.myApplication?.status === 'rejected' && (
          <Badge color="red" variant="light">
            Your last application was rejected
          </Badge>
        )}
        {mayApply && (
          <Group>
            <Button leftSection={<IconSend size={16} />} onClick={() => setApplying(true)}>
              Apply
            </Button>
          </Group>
        )}
        {!can(role, 'programs.apply') && (
          <Text size="xs" c="dimmed">
            Owners, admins, CPOs and alliance managers apply to programs.
          </Text>
        )}
      </Stack>
      {applying && <ApplyModal programId={p.id} onClose={() => setApplying(false)} />}
    </SectionCard>
  );
}

/** For an enrolled partner: its tier and progress, and the way to its enrollment. */
function MyProgress({ enrollmentId }: { enrollmentId: string }) {
  const enrollment = useQuery(enrollmentQuery(enrollmentId));
  return (
    <SectionCard
      title="Your progress"
      actions={
        <ButtonLink to="/enrollments/$enrollmentId" params={{ enrollmentId }} variant="light" size="xs">
          Open enrollment
        </ButtonLink>
      }
    >
      {enrollment.isPending ? (
        <Skeleton height={160} />
      ) : enrollment.isError ? (
        <ErrorAlert error={enrollment.error} onRetry={() => enrollment.refetch()} />
      ) : (
        <TierProgress enrollment={enrollment.data} />
      )}
    </SectionCard>
  );
}

/** The vendor's view: partners enrolled in the program. */
function EnrolledPartners({ program: p }: { program: Program }) {
  const list = useInfiniteQuery(enrollmentsQuery({ side: 'vendor', programId: p.id }));
  const rows = list.data?.pages.flatMap((x) => x.data) ?? [];
  return (
    <SectionCard title="Enrolled partners" padding={0}>
      <QueryStates
        query={list}
        skeletonRows={3}
        isEmpty={rows.length === 0}
        empty={{
          icon: <IconUsers size={28} />,
          title: 'No partners enrolled yet',
          description:
            p.status === 'published'
              ? 'Partners who apply show up in the applications queue; approving one enrolls it here.'
              : 'Publish the program so partners can find it and apply.',
        }}
      >
        <ListTable
          minWidth={960}
          aria-label="Enrolled partners"
          head={
            <>
              <Table.Th>Partner</Table.Th>
              <Table.Th w={140}>Tier</Table.Th>
              <Table.Th miw={200}>Progress</Table.Th>
              <Table.Th w={140}>Onboarding</Table.Th>
              <Table.Th w={130}>Since</Table.Th>
              <Table.Th w={140}>Last evaluated</Table.Th>
            </>
          }
        >
          {rows.map((e) => (
            <Table.Tr key={e.id}>
              <Table.Td>
                <Group gap="sm" wrap="nowrap">
                  <OrgAvatar name={e.partner.name} size={28} />
                  <Stack gap={0}>
                    <AnchorLink
                      to="/enrollments/$enrollmentId"
                      params={{ enrollmentId: e.id }}
                      size="sm"
                      fw={600}
                      c="dark"
                    >
                      {e.partner.name}
                    </AnchorLink>
                    {e.status === 'ended' && (
                      <Text size="xs" c="red">
                        Ended
                      </Text>
                    )}
                  </Stack>
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
                <DateText value={e.joinedAt} format="date" />
              </Table.Td>
              <Table.Td>
                <DateText value={e.evaluatedAt} format="relative" fallback="Not yet" />
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      </QueryStates>
      <div style={{ paddingBottom: 'var(--mantine-spacing-md)' }}>
        <LoadMore {...list} />
      </div>
    </SectionCard>
  );
}
