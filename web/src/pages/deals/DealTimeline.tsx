import { Card, Group, Skeleton, Stack, Text, Timeline, Title } from '@mantine/core';
import {
  IconArrowRight,
  IconCirclePlus,
  IconPencil,
  IconShieldCheck,
  IconUserMinus,
  IconUserPlus,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { DEAL_STATUS_LABELS, type DealStatus } from '../../../../common/deals.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { type DealEvent, dealTimelineQuery } from '../../lib/deals.ts';
import { formatDateTime, formatRelative } from '../../lib/format.ts';
import { StatusBadge } from './DealBadges.tsx';

const isStatus = (s: string | null): s is DealStatus => s !== null && s in DEAL_STATUS_LABELS;

/** What the event's details say, read defensively (older events may carry less). */
function detail(e: DealEvent) {
  const data = (e.data ?? {}) as {
    organizationName?: unknown;
    attribution?: unknown;
    days?: unknown;
    fields?: unknown;
  };
  const name = typeof data.organizationName === 'string' ? data.organizationName : 'a co-selling partner';
  const more = typeof data.days === 'number' ? `${data.days} more days of protection` : 'a longer protection';
  const fields = Array.isArray(data.fields)
    ? data.fields.filter((f) => typeof f === 'string').join(', ')
    : '';
  const texts: Record<string, string> = {
    edited: fields ? `Edited ${fields}` : 'Edited the details',
    partner_added: `Added ${name}${typeof data.attribution === 'string' ? ` (${data.attribution})` : ''}`,
    partner_removed: `Removed ${name}`,
    extension_requested: `Asked for ${more}`,
    extension_approved: `Approved ${more}`,
    extension_declined: `Declined ${more}`,
  };
  return texts[e.kind] ?? e.kind.replaceAll('_', ' ');
}

function what(e: DealEvent): { icon: ReactNode; text: ReactNode } {
  if (e.kind === 'created')
    return {
      icon: <IconCirclePlus size={14} />,
      text: (
        <Group gap={6}>
          <Text size="sm">Created as</Text>
          {isStatus(e.toStatus) && <StatusBadge status={e.toStatus} size="sm" />}
        </Group>
      ),
    };
  if (e.kind === 'status_changed')
    return {
      icon: <IconArrowRight size={14} />,
      text: (
        <Group gap={6}>
          {isStatus(e.fromStatus) && <StatusBadge status={e.fromStatus} size="sm" />}
          <IconArrowRight size={14} aria-label="to" />
          {isStatus(e.toStatus) && <StatusBadge status={e.toStatus} size="sm" />}
        </Group>
      ),
    };
  const icon = e.kind.startsWith('extension') ? (
    <IconShieldCheck size={14} />
  ) : e.kind === 'partner_added' ? (
    <IconUserPlus size={14} />
  ) : e.kind === 'partner_removed' ? (
    <IconUserMinus size={14} />
  ) : (
    <IconPencil size={14} />
  );
  return { icon, text: <Text size="sm">{detail(e)}</Text> };
}

/** Everything that happened to the deal, oldest first: who, from which side, when, and why. */
export function DealTimeline({ dealId }: { dealId: string }) {
  const timeline = useQuery(dealTimelineQuery(dealId));
  return (
    <Card padding="lg">
      <Title order={3} fz="md" mb="md">
        Timeline
      </Title>
      {timeline.isPending ? (
        <Stack gap="md" aria-busy="true" aria-label="Loading">
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} height={36} />
          ))}
        </Stack>
      ) : timeline.isError ? (
        <ErrorAlert error={timeline.error} onRetry={() => timeline.refetch()} />
      ) : (
        <Timeline bulletSize={24} lineWidth={2} active={timeline.data.data.length - 1}>
          {timeline.data.data.map((e) => {
            const { icon, text } = what(e);
            return (
              <Timeline.Item key={e.id} bullet={icon} title={text}>
                <Text size="xs" c="dimmed" mt={4}>
                  {e.actor ? e.actor.name : 'Mycelium (scheduled)'} · {e.organization.name} ·{' '}
                  <span title={formatDateTime(e.createdAt)}>{formatRelative(e.createdAt)}</span>
                </Text>
                {e.note && (
                  <Text size="sm" mt={6} style={{ whiteSpace: 'pre-line' }}>
                    “{e.note}”
                  </Text>
                )}
              </Timeline.Item>
            );
          })}
        </Timeline>
      )}
    </Card>
  );
}
