import {
  Button,
  Card,
  Drawer,
  EmptyState,
  Grid,
  Group,
  Loader,
  Skeleton,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAdjustmentsHorizontal, IconBuildingCommunity, IconPlus, IconSearch } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { can } from '../../../../common/permissions.ts';
import { SearchErrorAlert } from '../../components/ErrorAlert.tsx';
import { FacetSidebar, FilterChips } from '../../components/FacetSidebar.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { OrgCard, OrgCardSkeletons } from '../../components/OrgCard.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { countLabel, MAX_QUERY_LENGTH } from '../../lib/directory.ts';
import { directoryQuery } from '../../lib/queries.ts';
import { useSession } from '../../lib/session.ts';
import { sidebarProps, useFacetSearch } from '../../lib/use-facet-search.ts';
import { AddOrganizationModal } from './AddOrganizationModal.tsx';

const route = getRouteApi('/authed/app/directory');

/** Find a partner: words and facet filters over every listed organization, all kept in the URL. */
export function DirectoryPage() {
  const { role } = useSession();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const filtersState = useFacetSearch(search, navigate);
  const { selection, chosen, text, setText, removeKey, clearFilters } = filtersState;
  const results = useInfiniteQuery(directoryQuery({ q: search.q, selection }));
  const [adding, add] = useDisclosure(false);
  const [filtersOpen, filters] = useDisclosure(false);

  const first = results.data?.pages[0];
  const rows = results.data?.pages.flatMap((p) => p.data) ?? [];
  const refreshing = results.isFetching && !results.isFetchingNextPage && !results.isPending;

  const sidebar = sidebarProps({ isError: results.isError, first }, filtersState);

  return (
    <>
      <PageHeader
        title="Find a partner"
        description="Vendors, resellers, MSPs, integrators and communities on Mycelium. Search by name or by what they do, then narrow down by where and how they work."
        actions={
          can(role, 'directory.add') && (
            <Button leftSection={<IconPlus size={16} />} onClick={add.open}>
              Add an organization
            </Button>
          )
        }
      />
      <Grid gap="xl">
        <Grid.Col span={{ base: 12, md: 3 }} visibleFrom="md">
          <FacetSidebar {...sidebar} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 9 }}>
          <Stack gap="md">
            <Group gap="sm" wrap="nowrap">
              <TextInput
                size="md"
                style={{ flex: 1 }}
                leftSection={<IconSearch size={18} />}
                rightSection={refreshing ? <Loader size={16} aria-label="Searching" /> : null}
                placeholder="Search by name, service or technology"
                aria-label="Search organizations"
                type="search"
                maxLength={MAX_QUERY_LENGTH}
                value={text}
                onChange={(e) => setText(e.currentTarget.value)}
              />
              <Button
                hiddenFrom="md"
                size="md"
                variant="default"
                leftSection={<IconAdjustmentsHorizontal size={18} />}
                onClick={filters.open}
              >
                Filters{chosen ? ` (${chosen})` : ''}
              </Button>
            </Group>
            <Group justify="space-between" gap="sm" mih={28}>
              {first ? (
                <Text fw={600} role="status" aria-live="polite">
                  {countLabel(first.total, 'organization', undefined, first.approximate)}
                  {search.q && (
                    <Text span c="dimmed" fw={400}>
                      {' '}
                      for “{search.q}”
                    </Text>
                  )}
                </Text>
              ) : results.isPending ? (
                <Skeleton height={14} width={140} />
              ) : (
                <span />
              )}
            </Group>
            <FilterChips
              selection={selection}
              facets={first?.facets}
              onRemove={removeKey}
              onClear={clearFilters}
            />
            {results.isPending ? (
              <OrgCardSkeletons />
            ) : results.isError ? (
              <SearchErrorAlert error={results.error} onRetry={() => results.refetch()} />
            ) : rows.length === 0 ? (
              <Card padding="xl">
                <EmptyState
                  py={32}
                  withIndicatorBackground
                  icon={<IconBuildingCommunity size={28} />}
                  title={search.q || chosen ? 'No organizations match' : 'The directory is empty'}
                  description={
                    chosen
                      ? 'Remove a filter or two to widen the search; the counts beside each filter show what you would find.'
                      : search.q
                        ? 'Try other words: a name, a service, a technology or a place.'
                        : 'Organizations appear here once they list their profile.'
                  }
                >
                  {chosen > 0 && (
                    <Button variant="default" onClick={clearFilters}>
                      Clear filters
                    </Button>
                  )}
                </EmptyState>
              </Card>
            ) : (
              <Stack
                gap="sm"
                aria-label="Organizations"
                component="section"
                style={{ opacity: refreshing ? 0.6 : 1 }}
              >
                {rows.map((org) => (
                  <OrgCard key={org.id} org={org} />
                ))}
              </Stack>
            )}
            <LoadMore {...results} />
          </Stack>
        </Grid.Col>
      </Grid>
      <Drawer opened={filtersOpen} onClose={filters.close} title={<Text fw={600}>Filters</Text>} size="sm">
        <FacetSidebar {...sidebar} withTitle={false} />
      </Drawer>
      <AddOrganizationModal opened={adding} onClose={add.close} />
    </>
  );
}
