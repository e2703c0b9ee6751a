import { Alert, Button, Card, EmptyState, Group, Loader, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconChartDots3, IconRefresh } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { can } from '../../../../common/permissions.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { formatRelative } from '../../lib/format.ts';
import { type InsightsRun, runsQuery, startRun } from '../../lib/insights.ts';
import { hasCode } from '../../lib/money.ts';
import { useSession } from '../../lib/session.ts';

/** The latest refresh runs, and starting one (a finished run refreshes every insights query). */
export function useRuns() {
  const queryClient = useQueryClient();
  const runs = useQuery(runsQuery);
  const latest = runs.data?.data[0];
  const lastDone = runs.data?.data.find((r) => r.status === 'done');
  const running = latest?.status === 'running';
  const wasRunning = useRef(running);
  useEffect(() => {
    if (wasRunning.current && !running) {
      queryClient.invalidateQueries({
        predicate: (q) => q.queryKey[0] === 'insights' && q.queryKey[1] !== 'runs',
      });
      if (latest?.status === 'done')
        notifications.show({ color: 'moss', message: 'Insights are up to date.' });
    }
    wasRunning.current = running;
  }, [running, latest?.status, queryClient]);
  const start = useMutation({
    mutationFn: startRun,
    onSettled: () => queryClient.invalidateQueries({ queryKey: runsQuery.queryKey }),
    onError: (err) =>
      notifications.show({
        color: hasCode(err, 'insights_refresh_running') ? 'blue' : 'red',
        message: hasCode(err, 'insights_refresh_running')
          ? 'An analysis is already running.'
          : errorMessage(err),
      }),
  });
  return { runs, latest, lastDone, running, start };
}

/** "Refresh insights" for those allowed, with when the last analysis finished. */
export function RefreshButton({ state }: { state: ReturnType<typeof useRuns> }) {
  const { role } = useSession();
  if (!can(role, 'insights.refresh')) return null;
  return (
    <Button
      variant="default"
      leftSection={state.running ? <Loader size={14} /> : <IconRefresh size={16} />}
      disabled={state.running}
      loading={state.start.isPending}
      onClick={() => state.start.mutate()}
    >
      {state.running ? 'Analysing…' : 'Refresh insights'}
    </Button>
  );
}

/** One line on how fresh the insights are. */
export function RunLine({ lastDone, running }: { lastDone?: InsightsRun; running: boolean }) {
  return (
    <Group gap={6}>
      {running && <Loader size={12} />}
      <Text size="xs" c="dimmed">
        {running
          ? 'An analysis is running; the numbers update when it finishes.'
          : lastDone?.finishedAt
            ? `Analysed ${formatRelative(lastDone.finishedAt)} · refreshed every night`
            : 'Not analysed yet'}
      </Text>
    </Group>
  );
}

/**
 * Shown instead of insights while no analysis has finished: those who may start one get the
 * button, the others are told who can.
 */
export function NoRunYet({ state }: { state: ReturnType<typeof useRuns> }) {
  const { role } = useSession();
  if (state.runs.isError) return <ErrorAlert error={state.runs.error} onRetry={() => state.runs.refetch()} />;
  const failed = state.latest?.status === 'failed';
  return (
    <Card>
      <EmptyState
        py={48}
        withIndicatorBackground
        icon={state.running ? <Loader size={24} /> : <IconChartDots3 size={28} />}
        title={state.running ? 'The first analysis is running' : 'No analysis yet'}
        description={
          state.running
            ? 'Building the ecosystem graph, trust scores, communities and recommendations. This page fills in when it is done.'
            : 'The analysis builds the ecosystem graph from partnerships, deals, shared ecosystems and shared accounts, then scores trust, finds communities and recommends partners. It runs every night.'
        }
      >
        {failed && (
          <Alert color="red" variant="light" mb="md" ta="left">
            The last analysis failed. Try again; if it keeps failing, the server log says why.
          </Alert>
        )}
        {!state.running &&
          (can(role, 'insights.refresh') ? (
            <Button
              leftSection={<IconChartDots3 size={16} />}
              loading={state.start.isPending}
              onClick={() => state.start.mutate()}
            >
              Run the first analysis
            </Button>
          ) : (
            <Text size="sm" c="dimmed">
              An owner, admin or CPO can start it now; otherwise it runs tonight.
            </Text>
          ))}
      </EmptyState>
    </Card>
  );
}
