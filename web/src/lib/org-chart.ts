import type { Role } from '../../../common/permissions.ts';
import type { OrgChartNode } from './types.ts';

/** Every member of a reporting forest, depth-first. */
export function flattenChart(nodes: OrgChartNode[]): OrgChartNode[] {
  return nodes.flatMap((node) => [node, ...flattenChart(node.reports)]);
}

/** How many members hold each role. */
export function countByRole(nodes: OrgChartNode[]): Partial<Record<Role, number>> {
  const counts: Partial<Record<Role, number>> = {};
  for (const node of flattenChart(nodes)) counts[node.role] = (counts[node.role] ?? 0) + 1;
  return counts;
}

/** How many people report to a node, directly or not. */
export const countBelow = (node: OrgChartNode): number =>
  node.reports.reduce((sum, child) => sum + 1 + countBelow(child), 0);
