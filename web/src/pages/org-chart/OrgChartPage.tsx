import { Card, EmptyState, Grid, Skeleton, Stack, Text } from '@mantine/core';
import { IconSitemap } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { AnchorLink } from '../../components/links.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { flattenChart } from '../../lib/org-chart.ts';
import { orgChartQuery } from '../../lib/queries.ts';
import { useSession } from '../../lib/session.ts';
import { ChartTree } from './ChartTree.tsx';
import { RollupPanel } from './RollupPanel.tsx';

const route = getRouteApi('/authed/app/org-chart');

/** The reporting tree; selecting a person shows everyone below them. */
export function OrgChartPage() {
  const { me } = useSession();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const chart = useQuery(orgChartQuery);
  const people = chart.data ? flattenChart(chart.data.data) : [];
  const mine = people.find((p) => p.userId === me.user.id);
  const fallback =
    mine && mine.reports.length > 0 ? mine : (people.find((p) => p.reports.length > 0) ?? mine ?? people[0]);
  const selectedId = people.some((p) => p.id === search.member) ? search.member : fallback?.id;
  const select = (id: string) => navigate({ search: { member: id }, replace: true });
  return (
    <>
      <PageHeader
        title="Org chart"
        description="Who reports to whom. Select a person to see everyone in their part of the organization."
      />
      {chart.isPending ? (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Stack>
              {[0, 1, 2, 3].map((i) => (
                <Skeleton key={i} height={58} maw={460} ml={i * 24} />
              ))}
            </Stack>
          </Grid.Col>
        </Grid>
      ) : chart.isError ? (
        <ErrorAlert error={chart.error} onRetry={() => chart.refetch()} />
      ) : people.length === 0 ? (
        <Card>
          <EmptyState icon={<IconSitemap size={28} />} withIndicatorBackground title="No members yet" />
        </Card>
      ) : (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Card padding="lg">
              <ChartTree
                nodes={chart.data.data}
                selectedId={selectedId}
                myUserId={me.user.id}
                onSelect={select}
              />
              {people.every((p) => !p.managerMemberId) && (
                <Text size="sm" c="dimmed" mt="md">
                  Nobody reports to anyone yet.{' '}
                  <AnchorLink to="/members">Set managers on the Members page</AnchorLink>.
                </Text>
              )}
            </Card>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <div style={{ position: 'sticky', top: 84 }}>
              {selectedId ? (
                <RollupPanel memberId={selectedId} />
              ) : (
                <Card padding="lg">
                  <Text size="sm" c="dimmed">
                    Select a person to see their roll-up.
                  </Text>
                </Card>
              )}
            </div>
          </Grid.Col>
        </Grid>
      )}
    </>
  );
}
