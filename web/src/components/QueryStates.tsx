import { EmptyState, type EmptyStateProps } from '@mantine/core';
import type { ReactNode } from 'react';
import { ErrorAlert } from './ErrorAlert.tsx';
import { TableSkeleton } from './TableSkeleton.tsx';

/** A list query's states: skeleton rows, an error with retry, an empty state, else the children. */
export function QueryStates({
  query,
  isEmpty,
  skeletonRows,
  empty,
  children,
}: {
  query: { isPending: boolean; isError: boolean; error: unknown; refetch: () => unknown };
  isEmpty: boolean;
  skeletonRows?: number;
  empty: Pick<EmptyStateProps, 'icon' | 'title' | 'description' | 'children'>;
  children: ReactNode;
}) {
  if (query.isPending) return <TableSkeleton rows={skeletonRows} />;
  if (query.isError) {
    return (
      <div style={{ padding: 16 }}>
        <ErrorAlert error={query.error} onRetry={() => query.refetch()} />
      </div>
    );
  }
  if (isEmpty) return <EmptyState py={48} withIndicatorBackground {...empty} />;
  return children;
}
