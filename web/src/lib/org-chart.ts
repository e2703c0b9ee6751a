import type { OrgChartNode } from './types.ts';

/** Every member of a reporting forest, depth-first. */
export function flattenChart(nodes: OrgChartNode[]): OrgChartNode[] {
  return nodes.flatMap((node) => [node, ...flattenChart(node.reports)]);
}

/** How many people report to a node, directly or not. */
export const countBelow = (node: OrgChartNode): number =>
  node.reports.reduce((sum, child) => sum + 1 + countBelow(child), 0);
