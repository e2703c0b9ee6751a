import {
  Badge,
  Button,
  Card,
  Grid,
  Group,
  Progress,
  ScrollArea,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAffiliate, IconArrowLeft, IconExternalLink, IconLock } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { can } from '../../../../common/permissions.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { GraphView } from '../../components/graph/GraphView.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { AnchorLink, ButtonLink } from '../../components/links.tsx';
import { OrgAvatar } from '../../components/OrgAvatar.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { type CommunityDetail, communityQuery } from '../../lib/insights.ts';
import { useSession } from '../../lib/session.ts';
import { KpiCard } from '../cockpit/KpiGrid.tsx';
import { FacetBadges, InternalShare } from './CommunityParts.tsx';
import { SaveEcosystemModal } from './SaveEcosystemModal.tsx';

/** Members listed before "Show all". */
const MEMBERS_SHOWN = 20;

const route = getRouteApi('/authed/app/insights/communities/$id');

/** One discovered community: what it is made of, its graph, its hubs and listed members; save it as an ecosystem. */
export function CommunityPage() {
  const { id } = route.useParams();
  const detail = useQuery(communityQuery(id));
  if (detail.isPending)
    return (
      <Stack>
        <Skeleton height={60} width={420} />
        <Skeleton height={110} radius="lg" />
        <Skeleton height={480} radius="lg" />
      </Stack>
    );
  if (detail.isError) return <ErrorAlert error={detail.error} onRetry={() => detail.refetch()} />;
  return <Community detail={detail.data} />;
}

function Community({ detail }: { detail: CommunityDetail }) {
  const { role } = useSession();
  const navigate = useNavigate();
  const [saving, save] = useDisclosure(false);
  const [focus, setFocus] = useState<string | null>(null);
  const { community, members, graph } = detail;
  // The hubs first, then the next most central, ten in all.
  const central = [...members.filter((m) => m.hub), ...members.filter((m) => !m.hub)].slice(0, 10);
  const maySave = can(role, 'insights.manage') && can(role, 'ecosystems.manage');
  const maxCentrality = Math.max(1e-9, ...members.map((m) => m.centrality));
  const labels = useMemo(() => ({ [community.id]: community.label }), [community]);
  return (
    <>
      <Group mb="xs">
        <AnchorLink to="/insights/communities" size="sm" c="dimmed">
          <Group gap={4}>
            <IconArrowLeft size={14} /> Communities
          </Group>
        </AnchorLink>
      </Group>
      <PageHeader
        title={community.label}
        description={`${community.size.toLocaleString()} organizations tied together by partnerships, deals, shared ecosystems and shared accounts.`}
        actions={
          community.savedEcosystemId ? (
            <ButtonLink
              to="/ecosystems/$id"
              params={{ id: community.savedEcosystemId }}
              variant="light"
              leftSection={<IconExternalLink size={16} />}
            >
              Open its ecosystem
            </ButtonLink>
          ) : (
            maySave && (
              <Button leftSection={<IconAffiliate size={16} />} onClick={save.open}>
                Save as ecosystem
              </Button>
            )
          )
        }
      />
      <Stack gap="lg">
        <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
          <KpiCard
            label="Organizations"
            value={community.size.toLocaleString()}
            hint={`${members.length} with a listed profile`}
          />
          <Card padding="lg">
            <Text size="xs" c="dimmed" tt="uppercase" fw={600} mb={6} style={{ letterSpacing: '0.04em' }}>
              Internal deal share
            </Text>
            <InternalShare community={community} size={60} />
          </Card>
          <Card padding="lg" style={{ gridColumn: 'span 2' }}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600} mb={10} style={{ letterSpacing: '0.04em' }}>
              What members have in common
            </Text>
            {community.facets.length ? (
              <FacetBadges community={community} max={6} />
            ) : (
              <Text size="sm" c="dimmed">
                No facet stands out.
              </Text>
            )}
          </Card>
        </SimpleGrid>
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <Card padding="lg" component="section" aria-label="Graph">
              <Title order={3} fz="md" mb={4}>
                Graph
              </Title>
              <Group gap={6} mb="md" c="dimmed" wrap="nowrap">
                <IconLock size={14} style={{ flexShrink: 0 }} />
                <Text size="xs">
                  Lines show shared public ecosystems, and your own organization’s ties; never a partnership
                  or deal between two others. Hover a node to see its ties; click to open its profile.
                </Text>
              </Group>
              <GraphView
                data={graph}
                height={480}
                communityLabels={labels}
                focus={focus}
                onNodeClick={(nodeId) => navigate({ to: '/directory/$id', params: { id: nodeId } })}
              />
            </Card>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <Card padding={0} component="section" aria-label="Hubs" h="100%">
              <Stack gap={2} px="lg" pt="lg" pb="sm">
                <Title order={3} fz="md">
                  At the centre
                </Title>
                <Text size="xs" c="dimmed">
                  Its hubs and the organizations nearest the centre, by weighted centrality; hover one to find
                  it in the graph
                </Text>
              </Stack>
              <ScrollArea.Autosize mah={520}>
                <Stack gap={0} pb="sm">
                  {central.map((m) => (
                    <UnstyledButton
                      key={m.organizationId}
                      px="lg"
                      py={8}
                      onMouseEnter={() => setFocus(m.organizationId)}
                      onMouseLeave={() => setFocus(null)}
                      onFocus={() => setFocus(m.organizationId)}
                      onBlur={() => setFocus(null)}
                      onClick={() => navigate({ to: '/directory/$id', params: { id: m.organizationId } })}
                      style={{ display: 'block', width: '100%' }}
                    >
                      <Group gap="sm" wrap="nowrap">
                        <OrgAvatar name={m.name} size={30} />
                        <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
                          <Group gap={6} wrap="nowrap">
                            <Text size="sm" fw={600} truncate>
                              {m.name}
                            </Text>
                            {m.hub && (
                              <Badge size="xs" variant="light" color="moss">
                                Hub
                              </Badge>
                            )}
                            {m.me && (
                              <Badge size="xs" color="moss">
                                you
                              </Badge>
                            )}
                          </Group>
                          <Progress
                            value={(m.centrality / maxCentrality) * 100}
                            size={5}
                            color="moss.5"
                            aria-hidden
                          />
                        </Stack>
                      </Group>
                    </UnstyledButton>
                  ))}
                </Stack>
              </ScrollArea.Autosize>
            </Card>
          </Grid.Col>
        </Grid>
        <Members detail={detail} maxCentrality={maxCentrality} onFocus={setFocus} />
      </Stack>
      {maySave && !community.savedEcosystemId && (
        <SaveEcosystemModal detail={detail} opened={saving} onClose={save.close} />
      )}
    </>
  );
}

function Members({
  detail,
  maxCentrality,
  onFocus,
}: {
  detail: CommunityDetail;
  maxCentrality: number;
  onFocus: (id: string | null) => void;
}) {
  const { members, community } = detail;
  const hidden = community.size - members.length;
  const [all, setAll] = useState(false);
  return (
    <Card padding={0} component="section" aria-label="Members">
      <Stack gap={2} px="lg" pt="lg" pb="sm">
        <Title order={3} fz="md">
          Members
        </Title>
        <Text size="xs" c="dimmed">
          Organizations with a listed profile, most central first
          {hidden > 0 ? ` · ${hidden.toLocaleString()} more without a listed profile are not shown` : ''}
        </Text>
      </Stack>
      {members.length === 0 ? (
        <Text size="sm" c="dimmed" px="lg" pb="lg">
          No member of this community has a listed profile.
        </Text>
      ) : (
        <ListTable
          minWidth={560}
          aria-label="Listed members"
          horizontalSpacing="md"
          head={
            <>
              <Table.Th>Organization</Table.Th>
              <Table.Th w={260}>Centrality</Table.Th>
            </>
          }
        >
          {(all ? members : members.slice(0, MEMBERS_SHOWN)).map((m) => (
            <Table.Tr
              key={m.organizationId}
              onMouseEnter={() => onFocus(m.organizationId)}
              onMouseLeave={() => onFocus(null)}
            >
              <Table.Td>
                <Group gap="sm" wrap="nowrap">
                  <OrgAvatar name={m.name} size={28} />
                  <AnchorLink
                    to="/directory/$id"
                    params={{ id: m.organizationId }}
                    size="sm"
                    fw={600}
                    c="dark"
                    truncate
                  >
                    {m.name}
                  </AnchorLink>
                  {m.hub && (
                    <Badge size="sm" variant="light" color="moss">
                      Hub
                    </Badge>
                  )}
                  {m.me && (
                    <Badge size="sm" variant="filled" color="moss">
                      You
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                <Group gap="sm" wrap="nowrap">
                  <Progress
                    value={(m.centrality / maxCentrality) * 100}
                    size={8}
                    color="moss.5"
                    style={{ flex: 1 }}
                    aria-hidden
                  />
                  <Text size="xs" c="dimmed" w={40} ta="right">
                    {m.centrality.toFixed(2)}
                  </Text>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      )}
      {members.length > MEMBERS_SHOWN && (
        <Group justify="center" py="sm">
          <Button variant="subtle" size="xs" onClick={() => setAll((v) => !v)}>
            {all ? 'Show fewer' : `Show all ${members.length}`}
          </Button>
        </Group>
      )}
    </Card>
  );
}
