import { Alert, Button, Group, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { errorMessage, hasStatus } from '../lib/errors.ts';

/** A failed request, in words, with an optional retry. */
export function ErrorAlert({
  error,
  title = 'Something went wrong',
  onRetry,
}: {
  error: unknown;
  title?: string;
  onRetry?: () => void;
}) {
  return (
    <Alert color="red" variant="light" title={title} icon={<IconAlertTriangle size={18} />} role="alert">
      <Group justify="space-between" align="center" gap="sm">
        <Text size="sm">{errorMessage(error)}</Text>
        {onRetry && (
          <Button size="xs" variant="white" color="red" onClick={onRetry}>
            Try again
          </Button>
        )}
      </Group>
    </Alert>
  );
}

/** A failed search: a query the server refused (400) says so; anything else offers a retry. */
export function SearchErrorAlert({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  return hasStatus(error, 400) ? (
    <ErrorAlert error={error} title="Cannot search for that" />
  ) : (
    <ErrorAlert error={error} onRetry={onRetry} />
  );
}
