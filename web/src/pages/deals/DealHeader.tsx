import { Alert, Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconArrowRight, IconMessage } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { DEAL_STATUS_LABELS } from '../../../../common/deals.ts';
import { AnchorLink } from '../../components/links.tsx';
import { OrgAvatar } from '../../components/OrgAvatar.tsx';
import { type Deal, dueText, formatDay, formatMoney } from '../../lib/deals.ts';
import { formatDateTime, formatRelative } from '../../lib/format.ts';
import { DealActions } from './DealActions.tsx';
import { ConflictBadge, OverdueBadge, StatusBadge } from './DealBadges.tsx';
import { KIND_LABELS } from './options.ts';

/** The deal at a glance: customer, state, value, timing, the two sides, and what you can do. */
export function DealHeader({ deal: d }: { deal: Deal }) {
  const waiting = d.responseDueAt && ['sent', 'submitted', 'under_review'].includes(d.status);
  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-start" gap="lg">
        <Stack gap={8} style={{ flex: '1 1 380px', minWidth: 0 }}>
          <Title order={2} fz={26}>
            {d.customerName}
          </Title>
          {d.title !== d.customerName && (
            <Text c="gray.7" mt={-6}>
              {d.title}
            </Text>
          )}
          <Group gap={6}>
            <Badge variant="outline" color="gray">
              {KIND_LABELS[d.kind].one}
            </Badge>
            <StatusBadge status={d.status} size="md" />
            <OverdueBadge deal={d} size="md" />
            <ConflictBadge outcome={d.conflictOutcome} size="md" />
          </Group>
        </Stack>
        <DealActions deal={d} />
      </Group>
      {d.statusReason && (
        <Alert
          variant="light"
          color="gray"
          icon={<IconMessage size={18} />}
          title={`${DEAL_STATUS_LABELS[d.status]}: why`}
        >
          {d.statusReason}
        </Alert>
      )}
      <Card padding="lg">
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="lg">
          <Fact label={`${d.wonAmount ? 'Won amount' : 'Amount'}${d.subscription ? ' per month' : ''}`}>
            <Text fw={700} fz="xl">
              {formatMoney(d.wonAmount ?? d.amount)}
            </Text>
            {d.wonAmount && (
              <Text size="xs" c="dimmed">
                Estimated {formatMoney(d.amount)}
                {d.subscription && ' per month'}
              </Text>
            )}
          </Fact>
          <Fact label="Expected close">
            <Text fw={500}>{d.expectedClose ? formatDay(d.expectedClose) : '—'}</Text>
          </Fact>
          <Fact label={waiting ? 'Answer due' : 'Last update'}>
            {waiting && d.responseDueAt ? (
              <Text fw={500} c={d.overdue ? 'red.7' : undefined} title={formatDateTime(d.responseDueAt)}>
                {dueText(d.responseDueAt, Date.now()).text.replace(/^./, (c) => c.toUpperCase())}
              </Text>
            ) : (
              <Text fw={500} title={formatDateTime(d.updatedAt)}>
                {formatRelative(d.updatedAt).replace(/^./, (c) => c.toUpperCase())}
              </Text>
            )}
          </Fact>
          <Fact label={d.kind === 'opportunity' ? 'Owner' : 'From → to'}>
            <Stack gap={4}>
              <OrgLink org={d.from} />
              {d.to && (
                <Group gap={6} wrap="nowrap">
                  <IconArrowRight size={14} color="var(--mantine-color-gray-6)" aria-label="to" />
                  <OrgLink org={d.to} />
                </Group>
              )}
            </Stack>
          </Fact>
        </SimpleGrid>
      </Card>
    </Stack>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={4} style={{ minWidth: 0 }}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: '0.04em' }}>
        {label}
      </Text>
      {children}
    </Stack>
  );
}

function OrgLink({ org }: { org: { name: string; slug: string } }) {
  return (
    <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
      <OrgAvatar name={org.name} size={22} radius="sm" />
      <AnchorLink to="/directory/$id" params={{ id: org.slug }} size="sm" fw={500} c="dark" truncate>
        {org.name}
      </AnchorLink>
    </Group>
  );
}
