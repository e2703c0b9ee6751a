import {
  Button,
  Card,
  EmptyState,
  Group,
  Loader,
  SegmentedControl,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAffiliate, IconPlus, IconSearch, IconUsers } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { can } from '../../../../common/permissions.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { AnchorLink } from '../../components/links.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { countLabel } from '../../lib/directory.ts';
import { ecosystemsQuery } from '../../lib/queries.ts';
import { useSession } from '../../lib/session.ts';
import type { EcosystemSummary } from '../../lib/types.ts';
import { useSearchText } from '../../lib/use-search-text.ts';
import { EcosystemBadges } from './EcosystemBadges.tsx';
import { EcosystemFormModal } from './EcosystemFormModal.tsx';

const route = getRouteApi('/authed/app/ecosystems');

/** Ecosystems your organization can see or belongs to, with a way to start one. */
export function EcosystemsPage() {
  const { role } = useSession();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const [text, setText] = useSearchText(search.q, (q) =>
    navigate({ search: (s) => ({ ...s, q }), replace: true }),
  );
  const ecosystems = useInfiniteQuery(ecosystemsQuery({ q: search.q, mine: search.mine }));
  const [creating, create] = useDisclosure(false);
  const rows = ecosystems.data?.pages.flatMap((p) => p.data) ?? [];
  // Parents are named where the list holds them (nesting is shown on each ecosystem's page anyway).
  const names = new Map(rows.map((e) => [e.id, e.name]));
  const mayCreate = can(role, 'ecosystems.manage');
  const refreshing = ecosystems.isFetching && !ecosystems.isFetchingNextPage && !ecosystems.isPending;
  return (
    <>
      <PageHeader
        title="Ecosystems"
        description="Groups of organizations around a vendor, a community or a region: join the ones your partners are in, or run your own."
        actions={
          mayCreate && (
            <Button leftSection={<IconPlus size={16} />} onClick={create.open}>
              Create ecosystem
            </Button>
          )
        }
      />
      <Group mb="lg" gap="sm">
        <SegmentedControl
          value={search.mine ? 'mine' : 'all'}
          onChange={(v) => navigate({ search: (s) => ({ ...s, mine: v === 'mine' ? true : undefined }) })}
          data={[
            { value: 'all', label: 'All' },
            { value: 'mine', label: 'Mine' },
          ]}
          aria-label="Which ecosystems"
        />
        <TextInput
          leftSection={<IconSearch size={16} />}
          rightSection={refreshing ? <Loader size={14} aria-label="Searching" /> : null}
          placeholder="Search by name or description"
          aria-label="Search ecosystems"
          type="search"
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          style={{ flex: '1 1 240px', maxWidth: 420 }}
        />
      </Group>
      {ecosystems.isPending ? (
        <SimpleGrid cols={{ base: 1, md: 2 }} aria-busy="true" aria-label="Loading">
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} height={168} radius="lg" />
          ))}
        </SimpleGrid>
      ) : ecosystems.isError ? (
        <ErrorAlert error={ecosystems.error} onRetry={() => ecosystems.refetch()} />
      ) : rows.length === 0 ? (
        <Card padding="xl">
          <EmptyState
            py={32}
            withIndicatorBackground
            icon={<IconAffiliate size={28} />}
            title={
              search.q
                ? 'No ecosystems match'
                : search.mine
                  ? 'Your organization is in no ecosystem yet'
                  : 'No ecosystems yet'
            }
            description={
              search.q
                ? 'Try other words.'
                : search.mine
                  ? 'Browse all ecosystems to find the ones your partners are in.'
                  : mayCreate
                    ? 'Start one around your channel, a region or a community.'
                    : 'Ecosystems show up here once someone starts one.'
            }
          >
            {search.mine && !search.q ? (
              <Button
                variant="default"
                onClick={() => navigate({ search: (s) => ({ ...s, mine: undefined }) })}
              >
                Browse all ecosystems
              </Button>
            ) : (
              !search.q &&
              mayCreate && (
                <Button leftSection={<IconPlus size={16} />} onClick={create.open}>
                  Create ecosystem
                </Button>
              )
            )}
          </EmptyState>
        </Card>
      ) : (
        <SimpleGrid
          cols={{ base: 1, md: 2 }}
          component="section"
          aria-label="Ecosystems"
          style={{ opacity: refreshing ? 0.6 : 1 }}
        >
          {rows.map((e) => (
            <EcosystemCard key={e.id} ecosystem={e} parent={e.parentId ? names.get(e.parentId) : undefined} />
          ))}
        </SimpleGrid>
      )}
      <LoadMore {...ecosystems} />
      <EcosystemFormModal opened={creating} onClose={create.close} />
    </>
  );
}

function EcosystemCard({ ecosystem: e, parent }: { ecosystem: EcosystemSummary; parent?: string }) {
  return (
    <Card padding="lg" component="article" aria-label={e.name}>
      <Stack gap="sm" h="100%">
        <div>
          <AnchorLink to="/ecosystems/$id" params={{ id: e.slug }} fw={600} fz="lg" c="dark" lineClamp={1}>
            {e.name}
          </AnchorLink>
          {parent && (
            <Text size="xs" c="dimmed">
              Part of {parent}
            </Text>
          )}
        </div>
        <EcosystemBadges ecosystem={e} />
        <Text size="sm" c="dimmed" lineClamp={2} style={{ flex: 1 }}>
          {e.description || 'No description.'}
        </Text>
        <Group justify="space-between" gap="sm" wrap="nowrap">
          <Group gap={6} wrap="nowrap">
            <IconUsers size={16} color="var(--mantine-color-gray-6)" aria-hidden />
            <Text size="sm">{countLabel(e.memberCount, 'member')}</Text>
          </Group>
          {e.hub && (
            <Text size="sm" c="dimmed" truncate>
              Hub:{' '}
              <AnchorLink to="/directory/$id" params={{ id: e.hub.slug }} size="sm">
                {e.hub.name}
              </AnchorLink>
            </Text>
          )}
        </Group>
      </Stack>
    </Card>
  );
}
