import { Box, Center, ColorSwatch, Group, Skeleton, Stack, Text } from '@mantine/core';
import { IconGraphOff } from '@tabler/icons-react';
import { Component, lazy, type ReactNode, Suspense, useMemo } from 'react';
import { EDGE_TYPE_LABELS, type GraphData } from '../../lib/insights.ts';
import { COMMUNITY_COLORS, drawable, EDGE_LEGEND_COLORS, hasWebGL, ME_COLOR } from './graph-model.ts';

// sigma, graphology and the layout are only fetched when a graph is shown.
const SigmaGraph = lazy(() => import('./SigmaGraph.tsx'));

class GraphBoundary extends Component<{ fallback: ReactNode; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    return this.state.failed ? this.props.fallback : this.props.children;
  }
}

/**
 * An interactive graph with its legend. Where the browser cannot draw WebGL (or drawing fails),
 * the strongest nodes are listed instead, so the page still says who sits at the centre.
 */
export function GraphView({
  data,
  height = 460,
  communityLabels,
  onNodeClick,
  focus,
}: {
  data: GraphData;
  height?: number;
  /** Names of the communities the nodes belong to, for the legend. */
  communityLabels?: Record<string, string>;
  onNodeClick?: (id: string) => void;
  focus?: string | null;
}) {
  const webgl = useMemo(hasWebGL, []);
  const legend = useMemo(() => {
    const { communities, edges } = drawable(data);
    return {
      communities: communities.slice(0, COMMUNITY_COLORS.length).map((c, i) => ({
        key: c,
        label: communityLabels?.[c] ?? null,
        color: COMMUNITY_COLORS[i] ?? '#adb5bd',
      })),
      edgeTypes: [...new Set(edges.map((e) => e.type))],
      hasMe: data.nodes.some((n) => n.me),
      unlabelledCommunities: communities.length > 1 && !communityLabels,
    };
  }, [data, communityLabels]);

  if (data.nodes.length === 0)
    return (
      <Center h={Math.min(height, 240)}>
        <Stack align="center" gap={6}>
          <IconGraphOff size={28} color="var(--mantine-color-gray-5)" />
          <Text size="sm" c="dimmed">
            Nothing to draw yet.
          </Text>
        </Stack>
      </Center>
    );

  const fallback = <NodeList data={data} height={height} />;
  return (
    <Stack gap="xs">
      <Box
        style={{
          borderRadius: 'var(--mantine-radius-md)',
          background: 'var(--mantine-color-gray-0)',
          border: '1px solid var(--mantine-color-gray-2)',
          overflow: 'hidden',
        }}
      >
        {webgl ? (
          <GraphBoundary fallback={fallback}>
            <Suspense fallback={<Skeleton height={height} radius={0} />}>
              <SigmaGraph data={data} height={height} onNodeClick={onNodeClick} focus={focus} />
            </Suspense>
          </GraphBoundary>
        ) : (
          fallback
        )}
      </Box>
      <Group gap="lg" wrap="wrap" aria-label="Legend">
        {legend.hasMe && <LegendItem color={ME_COLOR} label="Your organization" />}
        {legend.communities
          .filter((c) => c.label)
          .map((c) => (
            <LegendItem key={c.key} color={c.color} label={c.label ?? ''} />
          ))}
        {legend.unlabelledCommunities && (
          <Group gap={4} wrap="nowrap">
            {COMMUNITY_COLORS.slice(0, 4).map((c) => (
              <ColorSwatch key={c} color={c} size={10} withShadow={false} />
            ))}
            <Text size="xs" c="dimmed">
              Discovered communities
            </Text>
          </Group>
        )}
        {legend.edgeTypes.map((t) => (
          <LegendItem
            key={t}
            color={EDGE_LEGEND_COLORS[t] ?? '#dee2e6'}
            label={EDGE_TYPE_LABELS[t] ?? t}
            line
          />
        ))}
      </Group>
    </Stack>
  );
}

function LegendItem({ color, label, line }: { color: string; label: string; line?: boolean }) {
  return (
    <Group gap={6} wrap="nowrap">
      {line ? (
        <span style={{ width: 18, height: 3, borderRadius: 2, background: color, display: 'inline-block' }} />
      ) : (
        <ColorSwatch color={color} size={12} withShadow={false} />
      )}
      <Text size="xs" c="dimmed">
        {label}
      </Text>
    </Group>
  );
}

function NodeList({ data, height }: { data: GraphData; height: number }) {
  const top = [...data.nodes].sort((a, b) => b.size - a.size).slice(0, 12);
  return (
    <Stack gap={6} p="md" mih={Math.min(height, 240)}>
      <Text size="sm" c="dimmed">
        This browser cannot draw the graph (WebGL is off). The best-connected organizations:
      </Text>
      {top.map((n) => (
        <Text key={n.id} size="sm" fw={n.me || n.hub ? 600 : 400}>
          {n.label}
          {n.me ? ' (you)' : n.hub ? ' · hub' : ''}
        </Text>
      ))}
    </Stack>
  );
}
