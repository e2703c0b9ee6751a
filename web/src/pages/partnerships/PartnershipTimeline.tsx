import { Card, Skeleton, Stack, Text, Timeline, Title } from '@mantine/core';
import {
  IconCheck,
  IconCircleDot,
  IconPlayerPause,
  IconPlayerPlay,
  IconSend,
  IconUserCog,
  IconX,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { formatDateTime, formatRelative } from '../../lib/format.ts';
import {
  eventSentence,
  ownerChoicesQuery,
  type Partnership,
  partnershipTimelineQuery,
} from '../../lib/partnerships.ts';

const ICONS: Record<string, ReactNode> = {
  proposed: <IconSend size={12} />,
  accepted: <IconCheck size={12} />,
  declined: <IconX size={12} />,
  withdrawn: <IconX size={12} />,
  ended: <IconX size={12} />,
  paused: <IconPlayerPause size={12} />,
  resumed: <IconPlayerPlay size={12} />,
  owner_changed: <IconUserCog size={12} />,
};

/** What happened to the partnership, oldest first: who did what, on which side, when. */
export function PartnershipTimeline({ partnership: p }: { partnership: Partnership }) {
  const timeline = useQuery(partnershipTimelineQuery(p.id));
  const members = useQuery(ownerChoicesQuery);
  // Owner changes carry a user id: named from your members, or the partner's current owner.
  const names = new Map<string, string>((members.data ?? []).map((m) => [m.userId, m.name]));
  for (const owner of [p.myOwner, p.partnerOwner]) if (owner) names.set(owner.id, owner.name || owner.email);
  return (
    <Card padding="lg" component="section" aria-label="Timeline">
      <Title order={3} fz="md" mb="md">
        Timeline
      </Title>
      {timeline.isPending ? (
        <Stack gap="md" aria-busy="true" aria-label="Loading the timeline">
          {[0, 1, 2].map((i) => (
            <Stack key={i} gap={6}>
              <Skeleton height={12} width="80%" />
              <Skeleton height={10} width="40%" />
            </Stack>
          ))}
        </Stack>
      ) : timeline.isError ? (
        <ErrorAlert error={timeline.error} onRetry={() => timeline.refetch()} />
      ) : timeline.data.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing has happened yet.
        </Text>
      ) : (
        <Timeline bulletSize={22} lineWidth={2} active={timeline.data.data.length - 1}>
          {timeline.data.data.map((e) => {
            const mine = e.organization.id !== p.partner.id;
            return (
              <Timeline.Item
                key={e.id}
                bullet={ICONS[e.kind] ?? <IconCircleDot size={12} />}
                color={e.kind === 'declined' || e.kind === 'ended' ? 'red' : undefined}
                title={
                  <Text size="sm" fw={500} lh={1.4}>
                    {e.actor?.name || e.organization.name}
                    <Text span size="sm" fw={400} c="dimmed">
                      {e.actor ? ` (${mine ? 'your organization' : e.organization.name})` : ''}
                    </Text>{' '}
                    <Text span size="sm" fw={400}>
                      {eventSentence(e, names)}
                    </Text>
                  </Text>
                }
              >
                <Text size="xs" c="dimmed" mt={2} title={formatDateTime(e.createdAt)}>
                  {formatRelative(e.createdAt)}
                </Text>
              </Timeline.Item>
            );
          })}
        </Timeline>
      )}
    </Card>
  );
}
