import {
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Select,
  Stack,
  Tabs,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconArchive,
  IconHeartHandshake,
  IconInbox,
  IconPlayerPause,
  IconPlus,
  IconSearch,
  IconSend,
  IconWorldSearch,
} from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import {
  PARTNERSHIP_TYPE_LABELS,
  PARTNERSHIP_TYPES,
  type PartnershipType,
} from '../../../../common/deals.ts';
import { can } from '../../../../common/permissions.ts';
import { LoadMore } from '../../components/LoadMore.tsx';
import { ButtonLink } from '../../components/links.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryStates } from '../../components/QueryStates.tsx';
import {
  incomingProposalsQuery,
  PARTNERSHIP_TABS,
  type PartnershipFilters,
  type PartnershipTab,
  partnershipsQuery,
} from '../../lib/partnerships.ts';
import { useSession } from '../../lib/session.ts';
import { useSearchText } from '../../lib/use-search-text.ts';
import { PartnershipsTable } from './PartnershipsTable.tsx';
import { ProposePartnershipModal } from './ProposePartnershipModal.tsx';

const route = getRouteApi('/authed/app/partnerships');

const TYPE_OPTIONS = PARTNERSHIP_TYPES.map((t) => ({ value: t, label: PARTNERSHIP_TYPE_LABELS[t] }));

/** Your organization's partnerships by state, with proposals to answer and a way to propose one. */
export function PartnershipsPage() {
  const { role } = useSession();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const [proposing, propose] = useDisclosure(false);
  const [text, setText] = useSearchText(search.q, (q) =>
    navigate({ search: (s) => ({ ...s, q }), replace: true }),
  );
  const incoming = useQuery(incomingProposalsQuery);
  const waiting = incoming.data?.count ?? 0;
  const mayPropose = can(role, 'partnerships.manage');
  const tab: PartnershipTab = search.tab ?? 'active';
  const filters: PartnershipFilters = { type: search.type, q: search.q };
  const filtered = Boolean(search.type || search.q);
  const proposeButton = mayPropose && (
    <Button leftSection={<IconPlus size={16} />} onClick={propose.open}>
      Propose partnership
    </Button>
  );

  return (
    <>
      <PageHeader
        title="Partnerships"
        description="Two-sided relationships: both organizations opt in, and each names the alliance manager who owns it. Active partnerships carry your referrals and deal registrations."
        actions={proposeButton}
      />
      <Tabs
        value={tab}
        onChange={(v) =>
          navigate({
            search: (s) => ({
              ...s,
              tab: v === 'active' ? undefined : (v as Exclude<PartnershipTab, 'active'>),
            }),
          })
        }
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="active" leftSection={<IconHeartHandshake size={16} />}>
            Active
          </Tabs.Tab>
          <Tabs.Tab
            value="proposals"
            leftSection={<IconInbox size={16} />}
            rightSection={
              waiting > 0 ? (
                <Badge
                  size="sm"
                  variant="filled"
                  color="yellow"
                  circle={waiting < 10}
                  aria-label={`${waiting} waiting for your answer`}
                >
                  {incoming.data?.more ? `${waiting}+` : waiting}
                </Badge>
              ) : null
            }
          >
            Proposals
          </Tabs.Tab>
          <Tabs.Tab value="paused" leftSection={<IconPlayerPause size={16} />}>
            Paused
          </Tabs.Tab>
          <Tabs.Tab value="ended" leftSection={<IconArchive size={16} />}>
            Ended
          </Tabs.Tab>
        </Tabs.List>
        {PARTNERSHIP_TABS.map((value) => (
          <Tabs.Panel key={value} value={value}>
            {value === tab && (
              <>
                <Group mb="lg" gap="sm">
                  <TextInput
                    leftSection={<IconSearch size={16} />}
                    placeholder="Search by partner name"
                    aria-label="Search partnerships by partner name"
                    type="search"
                    value={text}
                    onChange={(e) => setText(e.currentTarget.value)}
                    style={{ flex: '1 1 240px', maxWidth: 420 }}
                  />
                  <Select
                    placeholder="All types"
                    aria-label="Type"
                    data={TYPE_OPTIONS}
                    value={search.type ?? null}
                    onChange={(v) =>
                      navigate({
                        search: (s) => ({ ...s, type: (v as PartnershipType | null) ?? undefined }),
                        replace: true,
                      })
                    }
                    clearable
                    w={220}
                    comboboxProps={{ withinPortal: true }}
                  />
                </Group>
                {tab === 'proposals' ? (
                  <Stack gap="lg">
                    <PartnershipList
                      title="Waiting for your answer"
                      status="proposed"
                      filters={{ ...filters, direction: 'incoming' }}
                      answerable
                      proposals
                      empty={{
                        icon: <IconInbox size={28} />,
                        title: filtered ? 'No proposal matches' : 'Nothing to answer',
                        description: filtered
                          ? 'Try another name or type.'
                          : 'When another organization proposes a partnership, it shows up here for you to accept or decline.',
                      }}
                    />
                    <PartnershipList
                      title="Waiting for their answer"
                      status="proposed"
                      filters={{ ...filters, direction: 'outgoing' }}
                      proposals
                      empty={{
                        icon: <IconSend size={28} />,
                        title: filtered ? 'No proposal matches' : 'No proposals out',
                        description: filtered
                          ? 'Try another name or type.'
                          : 'Proposals you send wait here until the partner answers.',
                      }}
                    />
                  </Stack>
                ) : (
                  <PartnershipList
                    key={tab}
                    status={tab === 'ended' ? 'closed' : tab}
                    filters={filters}
                    empty={
                      filtered
                        ? {
                            icon: <IconSearch size={28} />,
                            title: 'No partnership matches',
                            description: 'Try another name or type.',
                          }
                        : EMPTY[tab]
                    }
                    emptyAction={
                      tab === 'active' &&
                      !filtered && (
                        <Group gap="sm" justify="center">
                          {proposeButton}
                          <ButtonLink
                            to="/directory"
                            variant="default"
                            leftSection={<IconWorldSearch size={16} />}
                          >
                            Find a partner
                          </ButtonLink>
                        </Group>
                      )
                    }
                  />
                )}
              </>
            )}
          </Tabs.Panel>
        ))}
      </Tabs>
      <ProposePartnershipModal opened={proposing} onClose={propose.close} />
    </>
  );
}

const EMPTY: Record<
  Exclude<PartnershipTab, 'proposals'>,
  { icon: ReactNode; title: string; description: string }
> = {
  active: {
    icon: <IconHeartHandshake size={28} />,
    title: 'No active partnerships yet',
    description: 'Propose one to an organization you work with, or find new partners in the directory.',
  },
  paused: {
    icon: <IconPlayerPause size={28} />,
    title: 'No paused partnerships',
    description: 'A paused partnership takes no new deals until the side that paused it resumes it.',
  },
  ended: {
    icon: <IconArchive size={28} />,
    title: 'Nothing ended',
    description: 'Partnerships that ended, and proposals declined or withdrawn, are kept here.',
  },
};

function PartnershipList({
  title,
  status,
  filters,
  answerable,
  proposals,
  empty,
  emptyAction,
}: {
  title?: string;
  status: Parameters<typeof partnershipsQuery>[0];
  filters: Parameters<typeof partnershipsQuery>[1];
  answerable?: boolean;
  proposals?: boolean;
  empty: { icon: ReactNode; title: string; description: string };
  emptyAction?: ReactNode;
}) {
  const list = useInfiniteQuery(partnershipsQuery(status, filters));
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  const refreshing = list.isFetching && !list.isFetchingNextPage && !list.isPending;
  return (
    <Card padding={0}>
      {title && (
        <Group px="lg" pt="lg" pb="sm" gap="sm">
          <Title order={3} fz="md">
            {title}
          </Title>
          {refreshing && <Loader size={14} aria-label="Refreshing" />}
        </Group>
      )}
      <QueryStates
        query={list}
        skeletonRows={title ? 2 : 5}
        isEmpty={rows.length === 0}
        empty={{ ...empty, children: emptyAction || undefined }}
      >
        <div style={{ opacity: refreshing ? 0.6 : 1 }}>
          <PartnershipsTable
            rows={rows}
            label={title ?? 'Partnerships'}
            answerable={answerable}
            proposals={proposals}
          />
        </div>
      </QueryStates>
      <div style={{ paddingBottom: list.hasNextPage ? 'var(--mantine-spacing-md)' : 0 }}>
        <LoadMore {...list} />
      </div>
      {!title && rows.length > 0 && !list.hasNextPage && (
        <Text size="xs" c="dimmed" ta="center" py="sm">
          {rows.length === 1 ? '1 partnership' : `${rows.length} partnerships`}
        </Text>
      )}
    </Card>
  );
}
