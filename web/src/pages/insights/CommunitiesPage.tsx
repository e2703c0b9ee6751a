import {
  Avatar,
  Badge,
  Card,
  EmptyState,
  Group,
  SegmentedControl,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  Tooltip,
} from '@mantine/core';
import { IconAffiliate, IconStarFilled } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { AnchorLink, ButtonLink } from '../../components/links.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { initials } from '../../lib/format.ts';
import { type Community, communitiesQuery } from '../../lib/insights.ts';
import { FacetBadges, InternalShare } from './CommunityParts.tsx';
import { NoRunYet, RefreshButton, RunLine, useRuns } from './RunStatus.tsx';

const route = getRouteApi('/authed/app/insights/communities');

/** Sub-ecosystems discovered in the graph of partnerships, deals, shared ecosystems and accounts. */
export function CommunitiesPage() {
  const { mine } = route.useSearch();
  const navigate = route.useNavigate();
  const runs = useRuns();
  const communities = useInfiniteQuery(communitiesQuery(Boolean(mine)));
  const rows = communities.data?.pages.flatMap((p) => p.data) ?? [];
  const noRun = communities.data
    ? communities.data.pages[0]?.run === null
    : !runs.runs.isPending && !runs.lastDone;
  return (
    <>
      <PageHeader
        title="Communities"
        description="Sub-ecosystems found in who partners, sells and meets with whom: each labelled by what its members have in common, with the organizations at its centre."
        actions={
          <>
            <ButtonLink to="/insights/network" variant="default">
              My network
            </ButtonLink>
            <RefreshButton state={runs} />
          </>
        }
      />
      <Stack gap="lg">
        <Group justify="space-between">
          <SegmentedControl
            value={mine ? 'mine' : 'all'}
            onChange={(v) => navigate({ search: { mine: v === 'mine' ? true : undefined }, replace: true })}
            data={[
              { value: 'all', label: 'All communities' },
              { value: 'mine', label: 'Mine' },
            ]}
            aria-label="Which communities"
          />
          <RunLine lastDone={runs.lastDone} running={runs.running} />
        </Group>
        {noRun ? (
          <NoRunYet state={runs} />
        ) : communities.isPending ? (
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            {[0, 1, 2, 3, 4, 5].map((i) => (
              <Skeleton key={i} height={230} radius="lg" />
            ))}
          </SimpleGrid>
        ) : communities.isError ? (
          <ErrorAlert error={communities.error} onRetry={() => communities.refetch()} />
        ) : rows.length === 0 ? (
          <Card>
            <EmptyState
              py={48}
              withIndicatorBackground
              icon={<IconAffiliate size={28} />}
              title={mine ? 'You are not in a discovered community' : 'No communities found'}
              description={
                mine
                  ? 'Communities form around partnerships, deals and shared public ecosystems; yours will appear as you build them.'
                  : 'The last analysis found no group of organizations tied closely enough together.'
              }
            />
          </Card>
        ) : (
          <>
            <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
              {rows.map((c) => (
                <CommunityCard key={c.id} community={c} />
              ))}
            </SimpleGrid>
            <LoadMore {...communities} />
          </>
        )}
      </Stack>
    </>
  );
}

function CommunityCard({ community }: { community: Community }) {
  return (
    <Card padding="lg" component="article" aria-label={community.label}>
      <Stack gap="md" h="100%">
        <Stack gap={6}>
          <Group justify="space-between" wrap="nowrap" align="flex-start">
            <AnchorLink
              to="/insights/communities/$id"
              params={{ id: community.id }}
              fw={650}
              c="dark"
              lh={1.3}
            >
              {community.label}
            </AnchorLink>
            <Badge variant="outline" color="gray" style={{ flexShrink: 0 }}>
              {community.size.toLocaleString()} orgs
            </Badge>
          </Group>
          <Group gap={6}>
            {community.containsMe && (
              <Badge variant="filled" color="moss" leftSection={<IconStarFilled size={10} />}>
                You are in it
              </Badge>
            )}
            {community.savedEcosystemId && (
              <Badge variant="light" color="blue">
                Saved as ecosystem
              </Badge>
            )}
          </Group>
        </Stack>
        <FacetBadges community={community} max={3} />
        <InternalShare community={community} size={56} />
        <Stack gap={6} mt="auto">
          <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: '0.04em' }}>
            Hubs
          </Text>
          {community.hubs.length === 0 ? (
            <Text size="xs" c="dimmed">
              No listed hub
            </Text>
          ) : (
            <Group gap={8} wrap="nowrap">
              <Avatar.Group>
                {community.hubs.slice(0, 3).map((h) => (
                  <Tooltip key={h.organizationId} label={h.name} withArrow>
                    <Avatar size={28} radius="xl" color="initials" name={h.name}>
                      {initials(h.name)}
                    </Avatar>
                  </Tooltip>
                ))}
              </Avatar.Group>
              <Text size="sm" truncate>
                {community.hubs
                  .slice(0, 2)
                  .map((h) => h.name)
                  .join(', ')}
                {community.hubs.length > 2 ? ` +${community.hubs.length - 2}` : ''}
              </Text>
            </Group>
          )}
        </Stack>
      </Stack>
    </Card>
  );
}
