import { Button, Group, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconArrowDownLeft, IconArrowUpRight, IconCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { can } from '../../../../common/permissions.ts';
import { DateText } from '../../components/DateText.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { AnchorLink } from '../../components/links.tsx';
import { OrgAvatar } from '../../components/OrgAvatar.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { type Partnership, usePartnershipAction } from '../../lib/partnerships.ts';
import { useSession } from '../../lib/session.ts';
import { PartnershipActionModal } from './PartnershipActionModal.tsx';
import { StatusBadge, TypeBadges } from './PartnershipBadges.tsx';

/** Partnerships as a table; incoming proposals are highlighted and answered in place. */
export function PartnershipsTable({
  rows,
  label,
  answerable = false,
  proposals = false,
}: {
  rows: readonly Partnership[];
  label: string;
  /** Rows are incoming proposals: Accept and Decline on each. */
  answerable?: boolean;
  /** Rows are proposals one way (the section says which): no status or direction columns. */
  proposals?: boolean;
}) {
  const { role } = useSession();
  const mayAnswer = answerable && can(role, 'partnerships.manage');
  const act = usePartnershipAction();
  const [declining, setDeclining] = useState<Partnership | null>(null);
  const accepting = act.isPending && act.variables.action === 'accept' ? act.variables.id : undefined;
  const accept = (p: Partnership) =>
    act.mutate(
      { id: p.id, action: 'accept' },
      {
        onSuccess: () =>
          notifications.show({
            color: 'moss',
            title: `You are partners with ${p.partner.name}`,
            message: 'You own it on your side; change that on the partnership’s page.',
          }),
        onError: (err) =>
          notifications.show({ color: 'red', title: 'Could not accept', message: errorMessage(err) }),
      },
    );
  return (
    <>
      <ListTable
        minWidth={proposals ? 820 : 1000}
        aria-label={label}
        actionsWidth={mayAnswer ? 190 : undefined}
        head={
          <>
            <Table.Th>Partner</Table.Th>
            <Table.Th miw={180}>Types</Table.Th>
            {!proposals && (
              <>
                <Table.Th w={130} miw={120}>
                  Status
                </Table.Th>
                <Table.Th w={150} style={{ whiteSpace: 'nowrap' }}>
                  Proposed by
                </Table.Th>
              </>
            )}
            <Table.Th>Owners</Table.Th>
            <Table.Th w={130}>{proposals ? 'Proposed' : 'Since'}</Table.Th>
          </>
        }
      >
        {rows.map((p) => {
          const waiting = p.status === 'proposed' && p.direction === 'incoming';
          return (
            <Table.Tr key={p.id} bg={waiting ? 'yellow.0' : undefined}>
              <Table.Td>
                <Group gap="sm" wrap="nowrap">
                  <OrgAvatar name={p.partner.name} size={32} />
                  <Stack gap={0} style={{ minWidth: 0 }}>
                    <AnchorLink
                      to="/partnerships/$partnershipId"
                      params={{ partnershipId: p.id }}
                      size="sm"
                      fw={600}
                      c="dark"
                      truncate
                    >
                      {p.partner.name}
                    </AnchorLink>
                    {p.partnerOffline && (
                      <Text size="xs" c="dimmed">
                        Not on Mycelium yet
                      </Text>
                    )}
                  </Stack>
                </Group>
              </Table.Td>
              <Table.Td>
                <TypeBadges types={p.types} />
              </Table.Td>
              {!proposals && (
                <>
                  <Table.Td>
                    <StatusBadge status={p.status} />
                  </Table.Td>
                  <Table.Td>
                    <Direction partnership={p} />
                  </Table.Td>
                </>
              )}
              <Table.Td>
                <Owners partnership={p} />
              </Table.Td>
              <Table.Td>
                <DateText
                  value={p.status === 'proposed' ? p.createdAt : p.statusChangedAt}
                  format="relative"
                  style={{ whiteSpace: 'nowrap' }}
                />
              </Table.Td>
              {mayAnswer && (
                <Table.Td>
                  {waiting && (
                    <Group gap={6} justify="flex-end" wrap="nowrap">
                      <Button
                        size="xs"
                        variant="default"
                        disabled={accepting === p.id}
                        onClick={() => setDeclining(p)}
                        aria-label={`Decline ${p.partner.name}’s proposal`}
                      >
                        Decline
                      </Button>
                      <Button
                        size="xs"
                        leftSection={<IconCheck size={14} />}
                        loading={accepting === p.id}
                        onClick={() => accept(p)}
                        aria-label={`Accept ${p.partner.name}’s proposal`}
                      >
                        Accept
                      </Button>
                    </Group>
                  )}
                </Table.Td>
              )}
            </Table.Tr>
          );
        })}
      </ListTable>
      {declining && (
        <PartnershipActionModal partnership={declining} action="decline" onClose={() => setDeclining(null)} />
      )}
    </>
  );
}

function Direction({ partnership: p }: { partnership: Partnership }) {
  const outgoing = p.direction === 'outgoing';
  const Icon = outgoing ? IconArrowUpRight : IconArrowDownLeft;
  return (
    <Group gap={4} wrap="nowrap" c="dimmed">
      <Icon size={15} aria-hidden />
      <Text size="sm" c="gray.7" style={{ whiteSpace: 'nowrap' }}>
        {outgoing ? 'You' : 'They'}
      </Text>
    </Group>
  );
}

function Owners({ partnership: p }: { partnership: Partnership }) {
  return (
    <Stack gap={0}>
      <Text size="sm" truncate maw={220}>
        <Text span c="dimmed" size="xs">
          You:{' '}
        </Text>
        {p.myOwner ? (
          <span title={p.myOwner.email}>{p.myOwner.name || p.myOwner.email}</span>
        ) : (
          <Text span c="dimmed" size="sm">
            {p.status === 'proposed' && p.direction === 'incoming' ? 'once you accept' : 'not assigned'}
          </Text>
        )}
      </Text>
      <Text size="sm" truncate maw={220}>
        <Text span c="dimmed" size="xs">
          They:{' '}
        </Text>
        {p.partnerOwner ? (
          <span title={p.partnerOwner.email}>{p.partnerOwner.name || p.partnerOwner.email}</span>
        ) : (
          <Text span c="dimmed" size="sm">
            {p.status === 'proposed' ? 'once they accept' : 'not assigned'}
          </Text>
        )}
      </Text>
    </Stack>
  );
}
