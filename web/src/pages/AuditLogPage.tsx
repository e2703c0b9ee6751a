import { Badge, Card, EmptyState, Group, Select, Stack, Table, Text } from '@mantine/core';
import { IconHistory, IconLock } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { isRole, ROLE_LABELS } from '../../../common/permissions.ts';
import { DateText } from '../components/DateText.tsx';
import { ListTable } from '../components/ListTable.tsx';
import { LoadMore } from '../components/LoadMore.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { PersonCell } from '../components/PersonCell.tsx';
import { QueryStates } from '../components/QueryStates.tsx';
import { hasStatus } from '../lib/errors.ts';
import { flattenChart } from '../lib/org-chart.ts';
import { auditQuery, orgChartQuery } from '../lib/queries.ts';
import type { AuditEntry } from '../lib/types.ts';

const ACTIONS: Record<string, { label: string; color: string }> = {
  'organization.created': { label: 'Organization created', color: 'moss' },
  'organization.updated': { label: 'Organization renamed', color: 'blue' },
  'invitation.created': { label: 'Invitation sent', color: 'blue' },
  'invitation.accepted': { label: 'Invitation accepted', color: 'moss' },
  'invitation.canceled': { label: 'Invitation cancelled', color: 'gray' },
  'member.role_changed': { label: 'Role changed', color: 'violet' },
  'member.manager_set': { label: 'Manager set', color: 'teal' },
  'member.removed': { label: 'Member removed', color: 'red' },
  'token.created': { label: 'API token created', color: 'yellow' },
  'token.revoked': { label: 'API token revoked', color: 'orange' },
};

const KEY_LABELS: Record<string, string> = { userId: 'user', from: 'from', to: 'to' };

/**
 * The details of an entry as short "key: value" pairs. An id shows as the name the server stored
 * with it (`to` with `toName`), else as the name of a current member (older entries have only ids),
 * else as the id.
 */
function Details({ data, names, hide }: { data: unknown; names: Map<string, string>; hide: string[] }) {
  if (!data || typeof data !== 'object') return <Text c="dimmed">—</Text>;
  const record = data as Record<string, unknown>;
  const storedName = (key: string) => {
    const name = record[`${key}Name`];
    return record[key] !== null && typeof name === 'string' && name ? name : undefined;
  };
  const isStoredName = (key: string) => key.endsWith('Name') && key.slice(0, -4) in record;
  const shown = Object.entries(record).filter(([key]) => !hide.includes(key) && !isStoredName(key));
  if (shown.length === 0) return <Text c="dimmed">—</Text>;
  const show = (key: string, value: unknown): string => {
    if (value === null || value === undefined) return 'none';
    if (typeof value === 'string') {
      return storedName(key) ?? (isRole(value) ? ROLE_LABELS[value] : (names.get(value) ?? value));
    }
    return JSON.stringify(value);
  };
  return (
    <Stack gap={2}>
      {shown.map(([key, value]) => (
        <Text key={key} size="xs" style={{ wordBreak: 'break-word' }}>
          <Text span c="dimmed">
            {KEY_LABELS[key] ?? key}:
          </Text>{' '}
          {show(key, value)}
        </Text>
      ))}
    </Stack>
  );
}

/** Keys of an entry's data that the Target column already shows. */
function shownAsTarget(entry: AuditEntry, names: Map<string, string>): string[] {
  if (entry.targetId && names.get(entry.targetId)) return [];
  const data = (entry.data ?? {}) as Record<string, unknown>;
  if (typeof data.email === 'string') return ['email'];
  if (typeof data.name === 'string') return ['name'];
  return [];
}

const TARGET_TYPES: Record<string, string> = {
  api_token: 'API token',
  invitation: 'Invitation',
  member: 'Member',
  organization: 'Organization',
};

/** What an entry is about: a member's name, an invitation's address or a token's name, and its kind. */
function Target({ entry, names }: { entry: AuditEntry; names: Map<string, string> }) {
  if (!entry.targetType) return <Text c="dimmed">—</Text>;
  const data = (entry.data ?? {}) as Record<string, unknown>;
  const label =
    (entry.targetId && names.get(entry.targetId)) ||
    (typeof data.email === 'string' && data.email) ||
    (typeof data.name === 'string' && data.name) ||
    undefined;
  const kind = TARGET_TYPES[entry.targetType] ?? entry.targetType.replace('_', ' ');
  return (
    <Stack gap={0} style={{ minWidth: 0 }}>
      <Text size="sm" fw={500} truncate title={label ?? kind}>
        {label ?? kind}
      </Text>
      {label && (
        <Text size="xs" c="dimmed">
          {kind}
        </Text>
      )}
    </Stack>
  );
}

function Actor({ entry }: { entry: AuditEntry }) {
  if (entry.actorEmail) return <PersonCell name={entry.actorName} email={entry.actorEmail} />;
  return (
    <Text size="sm" c="dimmed">
      {entry.actorType === 'system' ? 'System' : entry.actorType}
    </Text>
  );
}

/** Who did what, and when (owners and admins). */
export function AuditLogPage() {
  const [action, setAction] = useState<string | null>(null);
  const log = useInfiniteQuery(auditQuery(action ?? undefined));
  const chart = useQuery(orgChartQuery);
  const names = new Map<string, string>();
  for (const m of chart.data ? flattenChart(chart.data.data) : []) {
    names.set(m.id, m.name);
    names.set(m.userId, m.name);
  }
  const rows = log.data?.pages.flatMap((p) => p.data) ?? [];
  if (log.isError && hasStatus(log.error, 403)) {
    return (
      <>
        <PageHeader title="Audit log" />
        <Card>
          <EmptyState
            py={48}
            icon={<IconLock size={28} />}
            withIndicatorBackground
            title="Only owners and admins can read the audit log"
            description="Ask an owner or admin of this organization if you need to know who changed what."
          />
        </Card>
      </>
    );
  }
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change to members, invitations, tokens and settings, newest first."
      />
      <Group mb="md">
        <Select
          aria-label="Filter by action"
          placeholder="All actions"
          clearable
          w={260}
          data={Object.entries(ACTIONS).map(([value, { label }]) => ({ value, label }))}
          value={action}
          onChange={setAction}
        />
      </Group>
      <Card padding={0}>
        <QueryStates
          query={log}
          isEmpty={rows.length === 0}
          empty={{
            icon: <IconHistory size={28} />,
            title: action ? 'No entries for this action' : 'Nothing recorded yet',
            description: action ? 'Clear the filter to see everything.' : undefined,
          }}
        >
          <ListTable
            minWidth={900}
            horizontalSpacing="md"
            layout="fixed"
            highlightOnHover={false}
            head={
              <>
                <Table.Th w={190}>Action</Table.Th>
                <Table.Th>Actor</Table.Th>
                <Table.Th>Target</Table.Th>
                <Table.Th>Details</Table.Th>
                <Table.Th w={130}>Time</Table.Th>
              </>
            }
          >
            {rows.map((entry) => {
              const known = ACTIONS[entry.action];
              return (
                <Table.Tr key={entry.id}>
                  <Table.Td>
                    <Badge variant="light" color={known?.color ?? 'gray'}>
                      {known?.label ?? entry.action}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Actor entry={entry} />
                  </Table.Td>
                  <Table.Td>
                    <Target entry={entry} names={names} />
                  </Table.Td>
                  <Table.Td>
                    <Details data={entry.data} names={names} hide={shownAsTarget(entry, names)} />
                  </Table.Td>
                  <Table.Td>
                    <DateText value={entry.createdAt} format="relative" style={{ whiteSpace: 'nowrap' }} />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </ListTable>
        </QueryStates>
      </Card>
      <LoadMore {...log} />
    </>
  );
}
