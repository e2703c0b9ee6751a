import { ActionIcon, Box, Group, Tooltip } from '@mantine/core';
import { IconFocusCentered, IconZoomIn, IconZoomOut } from '@tabler/icons-react';
import Graph from 'graphology';
import forceAtlas2 from 'graphology-layout-forceatlas2';
import { useEffect, useRef } from 'react';
import Sigma from 'sigma';
import type { GraphData } from '../../lib/insights.ts';
import { drawable } from './graph-model.ts';

/** Props of {@link SigmaGraph}. */
export interface SigmaGraphProps {
  data: GraphData;
  height: number;
  /** Called with a node's id when it is clicked. */
  onNodeClick?: (id: string) => void;
  /** A node to bring forward (hovered in a list beside the graph). */
  focus?: string | null;
}

interface NodeAttributes {
  label: string;
  x: number;
  y: number;
  size: number;
  color: string;
  hub: boolean;
  me: boolean;
  labelled: boolean;
}

const FADED = '#e9ecef';

/**
 * A graph drawn with sigma.js (WebGL) on graphology, laid out by ForceAtlas2 in the browser (the
 * API sends no positions: a few hundred nodes lay out in well under a second). Hovering a node
 * brings it and its neighbours forward; hubs and your organization are always labelled.
 * Loaded lazily: only graph pages pay for sigma.
 */
export default function SigmaGraph({ data, height, onNodeClick, focus }: SigmaGraphProps) {
  const container = useRef<HTMLDivElement>(null);
  const sigmaRef = useRef<Sigma<NodeAttributes> | null>(null);
  const hovered = useRef<string | null>(null);
  const focusRef = useRef<string | null>(null);
  const refocusRef = useRef<() => void>(() => {});
  const clickRef = useRef(onNodeClick);
  clickRef.current = onNodeClick;

  useEffect(() => {
    if (!container.current) return;
    const { nodes, edges } = drawable(data);
    const graph = new Graph<NodeAttributes>({ type: 'undirected', multi: false });
    for (const n of nodes)
      graph.addNode(n.id, {
        label: n.label,
        x: n.x,
        y: n.y,
        size: n.size,
        color: n.color,
        hub: n.hub,
        me: n.me,
        labelled: n.labelled,
      });
    for (const e of edges) {
      // Several edge types between one pair are drawn as one line: the strongest decides its look.
      const existing = graph.edge(e.source, e.target);
      if (existing) {
        if ((graph.getEdgeAttribute(existing, 'weight') as number) < e.weight)
          graph.mergeEdgeAttributes(existing, { size: e.size, color: e.color, weight: e.weight });
      } else graph.addEdge(e.source, e.target, { size: e.size, color: e.color, weight: e.weight });
    }
    if (graph.order > 1) {
      forceAtlas2.assign(graph, {
        iterations: graph.order > 400 ? 120 : 250,
        settings: {
          ...forceAtlas2.inferSettings(graph),
          // More room between nodes than the inferred settings give, so labels fit.
          scalingRatio: 12,
          gravity: 1,
          barnesHutOptimize: graph.order > 400,
        },
        getEdgeWeight: 'weight',
      });
    }
    const neighbours = (node: string) => new Set(graph.neighbors(node));
    let near: Set<string> | null = null;
    const active = () => hovered.current ?? focusRef.current;
    const sigma = new Sigma(graph, container.current, {
      renderEdgeLabels: false,
      labelRenderedSizeThreshold: 7,
      labelDensity: 0.8,
      // The container may be laid out after the first frame; the observer below resizes.
      allowInvalidContainer: true,
      labelFont: 'Inter, ui-sans-serif, system-ui, sans-serif',
      labelSize: 12,
      labelColor: { color: '#343a40' },
      zIndex: true,
      minCameraRatio: 0.05,
      maxCameraRatio: 4,
      nodeReducer: (node, attrs) => {
        const a = attrs as NodeAttributes;
        const current = active();
        const out: Record<string, unknown> = { ...a, forceLabel: a.hub || a.me || a.labelled };
        if (current) {
          if (node === current) Object.assign(out, { highlighted: true, forceLabel: true, zIndex: 2 });
          else if (near?.has(node)) Object.assign(out, { forceLabel: true, zIndex: 1 });
          else Object.assign(out, { color: FADED, label: '', forceLabel: false, zIndex: 0 });
        }
        return out;
      },
      edgeReducer: (edge, attrs) => {
        const current = active();
        if (!current) return attrs;
        return graph.hasExtremity(edge, current) ? { ...attrs, zIndex: 1 } : { ...attrs, hidden: true };
      },
    });
    const refocus = () => {
      const current = active();
      near = current && graph.hasNode(current) ? neighbours(current) : null;
      sigma.refresh({ skipIndexation: true });
    };
    sigma.on('enterNode', ({ node }) => {
      hovered.current = node;
      container.current?.style.setProperty('cursor', 'pointer');
      refocus();
    });
    sigma.on('leaveNode', () => {
      hovered.current = null;
      container.current?.style.removeProperty('cursor');
      refocus();
    });
    sigma.on('clickNode', ({ node }) => clickRef.current?.(node));
    sigmaRef.current = sigma;
    const observer = new ResizeObserver(() => sigma.resize());
    observer.observe(container.current);
    refocusRef.current = refocus;
    return () => {
      observer.disconnect();
      sigma.kill();
      sigmaRef.current = null;
      refocusRef.current = () => {};
    };
  }, [data]);

  useEffect(() => {
    focusRef.current = focus ?? null;
    refocusRef.current();
  }, [focus]);

  const camera = () => sigmaRef.current?.getCamera();
  return (
    <Box pos="relative" h={height}>
      <div
        ref={container}
        style={{ position: 'absolute', inset: 0 }}
        data-testid="graph-canvas"
        role="img"
        aria-label={`Graph of ${data.nodes.length} organizations and ${data.edges.length} connections`}
      />
      <Group gap={4} pos="absolute" top={8} right={8} style={{ zIndex: 1 }}>
        <Tooltip label="Zoom in">
          <ActionIcon
            variant="default"
            aria-label="Zoom in"
            onClick={() => camera()?.animatedZoom({ duration: 250 })}
          >
            <IconZoomIn size={16} />
          </ActionIcon>
        </Tooltip>
        <Tooltip label="Zoom out">
          <ActionIcon
            variant="default"
            aria-label="Zoom out"
            onClick={() => camera()?.animatedUnzoom({ duration: 250 })}
          >
            <IconZoomOut size={16} />
          </ActionIcon>
        </Tooltip>
        <Tooltip label="Fit the whole graph">
          <ActionIcon
            variant="default"
            aria-label="Fit"
            onClick={() => camera()?.animatedReset({ duration: 250 })}
          >
            <IconFocusCentered size={16} />
          </ActionIcon>
        </Tooltip>
      </Group>
    </Box>
  );
}
