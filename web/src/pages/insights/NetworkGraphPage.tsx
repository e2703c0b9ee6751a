import { Badge, Card, Grid, Group, Skeleton, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { GraphView } from '../../components/graph/GraphView.tsx';
import { EDGE_LEGEND_COLORS } from '../../components/graph/graph-model.ts';
import { ButtonLink } from '../../components/links.tsx';
import { OrgAvatar } from '../../components/OrgAvatar.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { EDGE_TYPE_LABELS, neighbourhoodQuery, strongestTies } from '../../lib/insights.ts';

/** Your organization's neighbourhood in the ecosystem graph. */
export function NetworkGraphPage() {
  const graph = useQuery(neighbourhoodQuery);
  const navigate = useNavigate();
  const [focus, setFocus] = useState<string | null>(null);
  const ties = useMemo(() => (graph.data ? strongestTies(graph.data) : []), [graph.data]);
  return (
    <>
      <PageHeader
        title="My network"
        description="Your organization’s ties: partnerships, deals both ways, public ecosystems you share and accounts partners share with you. Thicker lines are stronger ties."
        actions={
          <ButtonLink to="/insights/communities" variant="default">
            Communities
          </ButtonLink>
        }
      />
      {graph.isError ? (
        <ErrorAlert error={graph.error} onRetry={() => graph.refetch()} />
      ) : (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, lg: 8 }}>
            <Card padding="lg" component="section" aria-label="Neighbourhood graph">
              <Group gap={6} mb="md" c="dimmed" wrap="nowrap">
                <IconLock size={14} style={{ flexShrink: 0 }} />
                <Text size="xs">
                  Only your own ties and what partners share with you. Hover a node to see its ties; click to
                  open its profile.
                </Text>
              </Group>
              {graph.isPending ? (
                <Skeleton height={540} />
              ) : (
                <GraphView
                  data={graph.data}
                  height={540}
                  focus={focus}
                  onNodeClick={(id) => navigate({ to: '/directory/$id', params: { id } })}
                />
              )}
            </Card>
          </Grid.Col>
          <Grid.Col span={{ base: 12, lg: 4 }}>
            <Card padding={0} component="section" aria-label="Strongest ties">
              <Stack gap={2} px="lg" pt="lg" pb="sm">
                <Title order={3} fz="md">
                  Strongest ties
                </Title>
                <Text size="xs" c="dimmed">
                  {graph.data ? `${ties.length} organizations tied to yours` : 'Loading…'}
                </Text>
              </Stack>
              {graph.isPending ? (
                <Skeleton height={300} />
              ) : ties.length === 0 ? (
                <Text size="sm" c="dimmed" px="lg" pb="lg">
                  No ties yet: propose a partnership or join a public ecosystem.
                </Text>
              ) : (
                <Stack gap={0} pb="sm">
                  {ties.slice(0, 15).map((t) => (
                    <UnstyledButton
                      key={t.id}
                      px="lg"
                      py={8}
                      onMouseEnter={() => setFocus(t.id)}
                      onMouseLeave={() => setFocus(null)}
                      onFocus={() => setFocus(t.id)}
                      onBlur={() => setFocus(null)}
                      onClick={() => navigate({ to: '/directory/$id', params: { id: t.id } })}
                      style={{ display: 'block', width: '100%' }}
                    >
                      <Group gap="sm" wrap="nowrap">
                        <OrgAvatar name={t.name} size={30} />
                        <Stack gap={4} style={{ minWidth: 0 }}>
                          <Text size="sm" fw={600} truncate>
                            {t.name}
                          </Text>
                          <Group gap={4}>
                            {[...t.types].map((type) => (
                              <Badge
                                key={type}
                                size="xs"
                                variant="dot"
                                color={EDGE_LEGEND_COLORS[type] ?? 'gray'}
                                styles={{ root: { textTransform: 'none' } }}
                              >
                                {EDGE_TYPE_LABELS[type] ?? type}
                              </Badge>
                            ))}
                          </Group>
                        </Stack>
                      </Group>
                    </UnstyledButton>
                  ))}
                </Stack>
              )}
            </Card>
          </Grid.Col>
        </Grid>
      )}
    </>
  );
}
