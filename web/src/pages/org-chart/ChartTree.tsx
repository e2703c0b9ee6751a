import { ActionIcon, Avatar, Group, Stack, Text } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useState } from 'react';
import { RoleBadge } from '../../components/RoleBadge.tsx';
import { countBelow } from '../../lib/org-chart.ts';
import type { OrgChartNode } from '../../lib/types.ts';

interface TreeProps {
  nodes: OrgChartNode[];
  selectedId?: string;
  myUserId: string;
  onSelect: (id: string) => void;
}

/** The reporting forest as an indented tree; each person is a button that selects them. */
export function ChartTree(props: TreeProps) {
  return (
    <ul className="myc-tree" aria-label="Org chart">
      {props.nodes.map((node) => (
        <ChartNode key={node.id} node={node} {...props} />
      ))}
    </ul>
  );
}

function ChartNode({ node, ...props }: TreeProps & { node: OrgChartNode }) {
  const [open, setOpen] = useState(true);
  const below = countBelow(node);
  const selected = node.id === props.selectedId;
  return (
    <li className="myc-tree-item">
      <Group gap={6} wrap="nowrap" align="center">
        <button
          type="button"
          className="myc-person"
          data-selected={selected || undefined}
          aria-pressed={selected}
          onClick={() => props.onSelect(node.id)}
        >
          <Avatar color="initials" name={node.name} radius="xl" size={36} />
          <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
            <Text size="sm" fw={600} truncate>
              {node.name}
              {node.userId === props.myUserId && (
                <Text span size="xs" c="dimmed" fw={400} ml={6}>
                  (you)
                </Text>
              )}
            </Text>
            <Group gap={8} wrap="nowrap">
              <RoleBadge role={node.role} size="xs" />
              {below > 0 && (
                <Text size="xs" c="dimmed">
                  {below} {below === 1 ? 'report' : 'reports'}
                </Text>
              )}
            </Group>
          </Stack>
        </button>
        {node.reports.length > 0 && (
          <ActionIcon
            variant="subtle"
            color="gray"
            onClick={() => setOpen((o) => !o)}
            aria-label={`${open ? 'Collapse' : 'Expand'} ${node.name}'s team`}
            aria-expanded={open}
          >
            {open ? <IconChevronDown size={16} /> : <IconChevronRight size={16} />}
          </ActionIcon>
        )}
      </Group>
      {open && node.reports.length > 0 && (
        <ul className="myc-tree">
          {node.reports.map((child) => (
            <ChartNode key={child.id} node={child} {...props} />
          ))}
        </ul>
      )}
    </li>
  );
}
