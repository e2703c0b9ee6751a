import {
  Button,
  Card,
  Group,
  Progress,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Tabs,
  Text,
} from '@mantine/core';
import { IconCoins, IconInbox, IconPlus, IconX } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { formatMoney } from '../../../../common/money.ts';
import { can } from '../../../../common/permissions.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { AnchorLink, ButtonLink } from '../../components/links.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import {
  type EnrollmentSummary,
  enrollmentQuery,
  MDF_STATUS_META,
  type MdfStatus,
  myEnrollmentsQuery,
  programsQuery,
  progressPercent,
} from '../../lib/programs.ts';
import { useSession } from '../../lib/session.ts';
import { NewMdfModal } from './MdfModals.tsx';
import { MdfTable } from './MdfTable.tsx';
import { ListCard } from './parts.tsx';

const route = getRouteApi('/authed/app/mdf');

const STATUS_OPTIONS = (Object.keys(MDF_STATUS_META) as MdfStatus[]).map((s) => ({
  value: s,
  label: MDF_STATUS_META[s].label,
}));

/** Marketing development funds: your requests against your tiers' budgets, and requests to your programs. */
export function MdfPage() {
  const { role } = useSession();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const [requesting, setRequesting] = useState(false);
  const [status, setStatus] = useState<MdfStatus | null>(null);
  // Without a tab chosen, an organization that runs programs starts on the requests to review.
  const mine = useInfiniteQuery(programsQuery({ scope: 'mine' }));
  const runsPrograms = (mine.data?.pages[0]?.data.length ?? 0) > 0;
  const tab = search.tab ?? (runsPrograms ? 'review' : 'requests');
  const mayRequest = can(role, 'mdf.request');
  const clearFilter = search.enrollmentId && (
    <Button
      size="xs"
      variant="subtle"
      color="gray"
      leftSection={<IconX size={14} />}
      onClick={() => navigate({ search: (s) => ({ ...s, enrollmentId: undefined }) })}
    >
      Showing one enrollment: show all
    </Button>
  );
  return (
    <>
      <PageHeader
        title="MDF requests"
        description="Marketing development funds: partners request them against their tier’s yearly budget, the vendor approves, the partner claims with proof, and an approved claim is paid through the ledger."
        actions={
          mayRequest && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setRequesting(true)}>
              New request
            </Button>
          )
        }
      />
      <Tabs
        value={tab}
        onChange={(v) => navigate({ search: (s) => ({ ...s, tab: v === 'review' ? 'review' : 'requests' }) })}
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="requests" leftSection={<IconCoins size={16} />}>
            Your requests
          </Tabs.Tab>
          <Tabs.Tab value="review" leftSection={<IconInbox size={16} />}>
            To your programs
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="requests">
          {tab === 'requests' && (
            <Stack gap="lg">
              <Budgets />
              {clearFilter}
              <ListCard>
                <MdfTable
                  filters={{ side: 'partner', enrollmentId: search.enrollmentId }}
                  empty={{
                    title: 'No MDF requests',
                    description:
                      'Request funds for a campaign, event or content with a vendor whose program tier has an MDF budget.',
                    children: mayRequest && (
                      <Button variant="default" onClick={() => setRequesting(true)}>
                        New request
                      </Button>
                    ),
                  }}
                />
              </ListCard>
            </Stack>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="review">
          {tab === 'review' && (
            <Stack gap="md">
              <Group gap="sm">
                <Select
                  placeholder="Every status"
                  aria-label="Status"
                  data={STATUS_OPTIONS}
                  value={status}
                  onChange={(v) => setStatus(v as MdfStatus | null)}
                  clearable
                  w={200}
                  comboboxProps={{ withinPortal: true }}
                />
                {clearFilter}
              </Group>
              <ListCard>
                <MdfTable
                  filters={{ side: 'vendor', status: status ?? undefined, enrollmentId: search.enrollmentId }}
                  empty={{
                    title: status
                      ? `No ${MDF_STATUS_META[status].label.toLowerCase()} requests`
                      : 'No MDF requests to your programs',
                    description:
                      'Partners enrolled in your programs request funds against their tier’s MDF budget; you approve requests and claims here.',
                  }}
                />
              </ListCard>
            </Stack>
          )}
        </Tabs.Panel>
      </Tabs>
      {requesting && <NewMdfModal enrollmentId={search.enrollmentId} onClose={() => setRequesting(false)} />}
    </>
  );
}

/** The MDF budget of each of your active enrollments this year. */
function Budgets() {
  const enrollments = useQuery(myEnrollmentsQuery);
  if (enrollments.isPending) return <Skeleton height={96} radius="lg" />;
  if (enrollments.isError)
    return <ErrorAlert error={enrollments.error} onRetry={() => enrollments.refetch()} />;
  if (enrollments.data.data.length === 0)
    return (
      <Card padding="lg">
        <Text size="sm" c="dimmed">
          You are not enrolled in any program, so you have no MDF budget.{' '}
          <AnchorLink to="/programs" search={{ tab: 'available' }} size="sm">
            Find programs to join
          </AnchorLink>
          .
        </Text>
      </Card>
    );
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
      {enrollments.data.data.map((e) => (
        <BudgetCard key={e.id} enrollment={e} />
      ))}
    </SimpleGrid>
  );
}

function BudgetCard({ enrollment: e }: { enrollment: EnrollmentSummary }) {
  const detail = useQuery(enrollmentQuery(e.id));
  const mdf = detail.data?.mdf;
  return (
    <Card padding="md">
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" gap="xs">
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
          <Text size="xs" c="dimmed" truncate>
            {e.vendor.name}
          </Text>
        </Group>
        {detail.isPending ? (
          <Skeleton height={30} />
        ) : !mdf ? (
          <Text size="sm" c="dimmed">
            Could not load the budget.
          </Text>
        ) : mdf.budgetMinor === 0 ? (
          <Text size="sm" c="dimmed">
            {e.tier ? `${e.tier.name} has no MDF budget.` : 'No tier yet, so no budget.'}
          </Text>
        ) : (
          <>
            <Text size="sm">
              <Text span fw={600}>
                {formatMoney({
                  amountMinor: Math.max(0, mdf.budgetMinor - mdf.usedMinor),
                  currency: mdf.currency,
                })}
              </Text>{' '}
              left of {formatMoney({ amountMinor: mdf.budgetMinor, currency: mdf.currency })} in {mdf.year}
            </Text>
            <Progress
              value={progressPercent(mdf.usedMinor, mdf.budgetMinor)}
              color="teal"
              size="sm"
              aria-label={`${e.program.name} MDF budget used`}
            />
          </>
        )}
        <Group>
          <ButtonLink to="/mdf" search={{ enrollmentId: e.id }} size="compact-xs" variant="subtle">
            Its requests
          </ButtonLink>
        </Group>
      </Stack>
    </Card>
  );
}
