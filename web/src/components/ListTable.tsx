import { Table, type TableProps, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';

/** A list's table: scrolls sideways below `minWidth`, header cells from `head` (plus a hidden "Actions" one). */
export function ListTable({
  minWidth,
  head,
  actionsWidth,
  children,
  ...props
}: TableProps & {
  minWidth: number;
  head: ReactNode;
  /** Width of a last, visually hidden "Actions" header cell; none without it. */
  actionsWidth?: number;
  children: ReactNode;
}) {
  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table verticalSpacing="sm" horizontalSpacing="lg" highlightOnHover className="myc-table" {...props}>
        <Table.Thead>
          <Table.Tr>
            {head}
            {actionsWidth !== undefined && (
              <Table.Th w={actionsWidth}>
                <VisuallyHidden>Actions</VisuallyHidden>
              </Table.Th>
            )}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>{children}</Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
