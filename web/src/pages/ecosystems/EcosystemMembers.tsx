import {
  Button,
  Card,
  Drawer,
  EmptyState,
  Grid,
  Group,
  Loader,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAdjustmentsHorizontal, IconSearch, IconUsers } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { SearchErrorAlert } from '../../components/ErrorAlert.tsx';
import { FacetSidebar, FilterChips } from '../../components/FacetSidebar.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { OrgCard, OrgCardSkeletons } from '../../components/OrgCard.tsx';
import { countLabel, MAX_QUERY_LENGTH } from '../../lib/directory.ts';
import { ecosystemMembersQuery } from '../../lib/queries.ts';
import type { Ecosystem } from '../../lib/types.ts';
import { sidebarProps, useFacetSearch } from '../../lib/use-facet-search.ts';

const route = getRouteApi('/authed/app/ecosystems/$id');

type Status = 'all' | 'active' | 'inactive';

/** The members, searchable and filterable like the directory, all or only the (in)active ones. */
export function EcosystemMembers({ ecosystem: e }: { ecosystem: Ecosystem }) {
  const { id } = route.useParams();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const filtersState = useFacetSearch(search, navigate);
  const { selection, chosen, text, setText, removeKey, clearFilters } = filtersState;
  const members = useInfiniteQuery(
    ecosystemMembersQuery(id, { q: search.q, selection, status: search.status }),
  );
  const [filtersOpen, filters] = useDisclosure(false);
  const first = members.data?.pages[0];
  const rows = members.data?.pages.flatMap((p) => p.data) ?? [];
  const refreshing = members.isFetching && !members.isFetchingNextPage && !members.isPending;
  const narrowed = chosen > 0 || !!search.q || !!search.status;

  const sidebar = sidebarProps({ isError: members.isError, first }, filtersState);

  return (
    <section aria-labelledby="ecosystem-members">
      <Title order={3} fz="lg" id="ecosystem-members" mb="md">
        Members
      </Title>
      <Grid gap="xl">
        <Grid.Col span={{ base: 12, md: 3 }} visibleFrom="md">
          <FacetSidebar {...sidebar} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 9 }}>
          <Stack gap="md">
            <Group gap="sm">
              <TextInput
                style={{ flex: '1 1 240px' }}
                leftSection={<IconSearch size={16} />}
                rightSection={refreshing ? <Loader size={14} aria-label="Searching" /> : null}
                placeholder="Search members"
                aria-label="Search members"
                type="search"
                maxLength={MAX_QUERY_LENGTH}
                value={text}
                onChange={(event) => setText(event.currentTarget.value)}
              />
              <SegmentedControl
                value={search.status ?? 'all'}
                onChange={(v) =>
                  navigate({
                    search: (s) => ({
                      ...s,
                      status: v === 'all' ? undefined : (v as Exclude<Status, 'all'>),
                    }),
                    resetScroll: false,
                  })
                }
                data={[
                  { value: 'all', label: 'All' },
                  { value: 'active', label: 'Active' },
                  { value: 'inactive', label: 'Inactive' },
                ]}
                aria-label="Activity"
              />
              <Button
                hiddenFrom="md"
                variant="default"
                leftSection={<IconAdjustmentsHorizontal size={16} />}
                onClick={filters.open}
              >
                Filters{chosen ? ` (${chosen})` : ''}
              </Button>
            </Group>
            {first && (
              <Text fw={600} role="status" aria-live="polite">
                {countLabel(
                  first.total,
                  search.status ? `${search.status} member` : 'member',
                  undefined,
                  first.approximate,
                )}
              </Text>
            )}
            <FilterChips
              selection={selection}
              facets={first?.facets}
              onRemove={removeKey}
              onClear={clearFilters}
            />
            {members.isPending ? (
              <OrgCardSkeletons count={3} />
            ) : members.isError ? (
              <SearchErrorAlert error={members.error} onRetry={() => members.refetch()} />
            ) : rows.length === 0 ? (
              <Card padding="xl">
                <EmptyState
                  py={24}
                  withIndicatorBackground
                  icon={<IconUsers size={28} />}
                  title={narrowed ? 'No members match' : 'No members yet'}
                  description={
                    narrowed
                      ? 'Remove a filter or try other words.'
                      : e.dynamic
                        ? 'No organization matches its filter or has joined yet.'
                        : 'Organizations appear here once they join.'
                  }
                />
              </Card>
            ) : (
              <Stack gap="sm" style={{ opacity: refreshing ? 0.6 : 1 }}>
                {rows.map((org) => (
                  <OrgCard key={org.id} org={org} activeSince={first?.activeSince} />
                ))}
              </Stack>
            )}
            <LoadMore {...members} />
          </Stack>
        </Grid.Col>
      </Grid>
      <Drawer opened={filtersOpen} onClose={filters.close} title={<Text fw={600}>Filters</Text>} size="sm">
        <FacetSidebar {...sidebar} withTitle={false} />
      </Drawer>
    </section>
  );
}
