import { Badge, Group, Skeleton, Stack, Tabs, TextInput } from '@mantine/core';
import {
  IconAward,
  IconInbox,
  IconPlus,
  IconSearch,
  IconUserCheck,
  IconWorldSearch,
} from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { can } from '../../../../common/permissions.ts';
import { ButtonLink } from '../../components/links.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { type ProgramsTab, pendingApplicationsTotal, programsQuery } from '../../lib/programs.ts';
import { useSession } from '../../lib/session.ts';
import { useSearchText } from '../../lib/use-search-text.ts';
import { AvailableProgramsList } from './AvailableProgramsList.tsx';
import { MyEnrollmentsList } from './MyEnrollmentsList.tsx';
import { MyProgramsList } from './MyProgramsList.tsx';

const route = getRouteApi('/authed/app/programs');

/** Programs you run, programs you can join, and the ones you are enrolled in. */
export function ProgramsPage() {
  const { role } = useSession();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const [text, setText] = useSearchText(search.q, (q) =>
    navigate({ search: (s) => ({ ...s, q }), replace: true }),
  );
  const mayManage = can(role, 'programs.manage');
  const mayReview = can(role, 'programs.review');
  // Without a tab chosen, an organization that runs programs starts on them, any other on what it can join.
  const mine = useInfiniteQuery(programsQuery({ scope: 'mine' }));
  const runsPrograms = (mine.data?.pages[0]?.data.length ?? 0) > 0;
  const tab: ProgramsTab | undefined =
    search.tab ?? (mine.isPending ? undefined : runsPrograms || mine.isError ? 'mine' : 'available');
  // Summed over the programs loaded so far: more pages may hold more.
  const pending = pendingApplicationsTotal(mine.data?.pages.flatMap((p) => p.data) ?? []);

  const newButton = mayManage && (
    <ButtonLink to="/programs/new" leftSection={<IconPlus size={16} />}>
      New program
    </ButtonLink>
  );
  return (
    <>
      <PageHeader
        title="Programs"
        description="Channel programs: a vendor's reseller, referral and ambassador programs with tiers earned from real numbers, commissions and marketing funds. Run your own, or join others'."
        actions={
          <>
            {mayReview && (
              <ButtonLink
                to="/programs/applications"
                variant="default"
                leftSection={<IconInbox size={16} />}
                rightSection={
                  pending > 0 ? (
                    <Badge size="sm" color="yellow" variant="filled" aria-label={`${pending} pending`}>
                      {mine.hasNextPage ? `${pending}+` : pending}
                    </Badge>
                  ) : null
                }
              >
                Applications
              </ButtonLink>
            )}
            {newButton}
          </>
        }
      />
      {tab === undefined ? (
        <Stack gap="md" aria-busy="true" aria-label="Loading">
          <Skeleton height={36} width={480} />
          <Skeleton height={240} radius="lg" />
        </Stack>
      ) : (
        <Tabs
          value={tab}
          onChange={(v) => navigate({ search: (s) => ({ ...s, tab: (v as ProgramsTab) ?? undefined }) })}
        >
          <Tabs.List mb="md">
            <Tabs.Tab value="mine" leftSection={<IconAward size={16} />}>
              Your programs
            </Tabs.Tab>
            <Tabs.Tab value="available" leftSection={<IconWorldSearch size={16} />}>
              Programs you can join
            </Tabs.Tab>
            <Tabs.Tab value="enrollments" leftSection={<IconUserCheck size={16} />}>
              Your enrollments
            </Tabs.Tab>
          </Tabs.List>
          {tab !== 'enrollments' && (
            <Group mb="lg">
              <TextInput
                leftSection={<IconSearch size={16} />}
                placeholder="Search by program name"
                aria-label="Search programs by name"
                type="search"
                value={text}
                onChange={(e) => setText(e.currentTarget.value)}
                style={{ flex: '1 1 240px', maxWidth: 420 }}
              />
            </Group>
          )}
          <Tabs.Panel value="mine">
            {tab === 'mine' && <MyProgramsList q={search.q} emptyAction={newButton || undefined} />}
          </Tabs.Panel>
          <Tabs.Panel value="available">
            {tab === 'available' && <AvailableProgramsList q={search.q} />}
          </Tabs.Panel>
          <Tabs.Panel value="enrollments">
            {tab === 'enrollments' && (
              <MyEnrollmentsList
                emptyAction={
                  <ButtonLink to="/programs" search={{ tab: 'available' }} variant="default">
                    See programs you can join
                  </ButtonLink>
                }
              />
            )}
          </Tabs.Panel>
        </Tabs>
      )}
    </>
  );
}
