import { ActionIcon, Card, Group, Menu, Select, Table, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import {
  IconDots,
  IconHierarchy2,
  IconSearch,
  IconShieldCog,
  IconUserMinus,
  IconUsers,
} from '@tabler/icons-react';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { can, ROLE_LABELS, ROLES, type Role } from '../../../../common/permissions.ts';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { PersonCell } from '../../components/PersonCell.tsx';
import { QueryStates } from '../../components/QueryStates.tsx';
import { RoleBadge } from '../../components/RoleBadge.tsx';
import { api } from '../../lib/api.ts';
import { formatDate } from '../../lib/format.ts';
import { flattenChart } from '../../lib/org-chart.ts';
import { membersQuery, orgChartQuery } from '../../lib/queries.ts';
import { useSession } from '../../lib/session.ts';
import type { Member } from '../../lib/types.ts';
import { ChangeRoleModal } from './ChangeRoleModal.tsx';
import { ManagerModal } from './ManagerModal.tsx';

/** The member list with search, role filter and per-member actions. */
export function MembersTable({
  role: roleFilter,
  onRoleChange,
}: {
  role?: Role;
  onRoleChange: (r?: Role) => void;
}) {
  const { me, role, organization } = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const members = useInfiniteQuery(membersQuery({ q, role: roleFilter }));
  const chart = useQuery(orgChartQuery);
  const names = new Map((chart.data ? flattenChart(chart.data.data) : []).map((m) => [m.id, m.name]));
  const [editingRole, setEditingRole] = useState<Member | null>(null);
  const [editingManager, setEditingManager] = useState<Member | null>(null);
  const [removing, setRemoving] = useState<Member | null>(null);
  const rows = members.data?.pages.flatMap((p) => p.data) ?? [];

  // Only an owner may change or remove an owner; the server enforces the same.
  const mayTouch = (m: Member) => m.role !== 'owner' || role === 'owner';
  const actionsFor = (m: Member) => ({
    role: can(role, 'members.update_role') && mayTouch(m),
    manager: can(role, 'reporting.update'),
    remove: can(role, 'members.remove') && mayTouch(m),
  });

  return (
    <>
      <Group mb="md" gap="sm">
        <TextInput
          leftSection={<IconSearch size={16} />}
          placeholder="Search by name or email"
          aria-label="Search members"
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
          style={{ flex: '1 1 220px', maxWidth: 360 }}
        />
        <Select
          aria-label="Filter by role"
          placeholder="All roles"
          clearable
          data={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
          value={roleFilter ?? null}
          onChange={(v) => onRoleChange((v as Role | null) ?? undefined)}
          style={{ flex: '1 1 160px', maxWidth: 220 }}
        />
      </Group>
      <Card padding={0}>
        <QueryStates
          query={members}
          isEmpty={rows.length === 0}
          empty={{
            icon: <IconUsers size={28} />,
            title: q || roleFilter ? 'No members match' : 'No members yet',
            description:
              q || roleFilter
                ? 'Try another search or clear the role filter.'
                : 'Invite your team to get started.',
          }}
        >
          <ListTable
            minWidth={720}
            actionsWidth={56}
            head={
              <>
                <Table.Th>Member</Table.Th>
                <Table.Th>Role</Table.Th>
                <Table.Th>Reports to</Table.Th>
                <Table.Th>Joined</Table.Th>
              </>
            }
          >
            {rows.map((m) => {
              const allowed = actionsFor(m);
              const any = allowed.role || allowed.manager || allowed.remove;
              return (
                <Table.Tr key={m.id}>
                  <Table.Td>
                    <PersonCell name={m.name} email={m.email} you={m.userId === me.user.id} />
                  </Table.Td>
                  <Table.Td>
                    <RoleBadge role={m.role} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c={m.managerMemberId ? undefined : 'dimmed'}>
                      {m.managerMemberId ? (names.get(m.managerMemberId) ?? '…') : '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed">
                      {formatDate(m.createdAt)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {any && (
                      <Menu position="bottom-end" shadow="md" width={240}>
                        <Menu.Target>
                          <ActionIcon variant="subtle" color="gray" aria-label={`Actions for ${m.name}`}>
                            <IconDots size={18} />
                          </ActionIcon>
                        </Menu.Target>
                        <Menu.Dropdown>
                          {allowed.role && (
                            <Menu.Item
                              leftSection={<IconShieldCog size={16} />}
                              onClick={() => setEditingRole(m)}
                            >
                              Change role
                            </Menu.Item>
                          )}
                          {allowed.manager && (
                            <Menu.Item
                              leftSection={<IconHierarchy2 size={16} />}
                              onClick={() => setEditingManager(m)}
                            >
                              Set manager
                            </Menu.Item>
                          )}
                          {allowed.remove && (
                            <>
                              <Menu.Divider />
                              <Menu.Item
                                color="red"
                                leftSection={<IconUserMinus size={16} />}
                                onClick={() => setRemoving(m)}
                              >
                                Remove from organization
                              </Menu.Item>
                            </>
                          )}
                        </Menu.Dropdown>
                      </Menu>
                    )}
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </ListTable>
        </QueryStates>
      </Card>
      <LoadMore {...members} />
      <ChangeRoleModal member={editingRole} onClose={() => setEditingRole(null)} />
      <ManagerModal member={editingManager} onClose={() => setEditingManager(null)} />
      <ConfirmModal
        opened={removing !== null}
        onClose={() => setRemoving(null)}
        title={`Remove ${removing?.name ?? 'member'}?`}
        confirmLabel="Remove member"
        onConfirm={() => api.DELETE('/api/v1/members/{id}', { params: { path: { id: removing!.id } } })}
        onDone={async () => {
          const leftOrganization = removing?.userId === me.user.id;
          queryClient.invalidateQueries({ queryKey: ['members'] });
          await queryClient.invalidateQueries({ queryKey: ['me'] });
          // Someone who removed themselves has nothing left to see here.
          if (leftOrganization) navigate({ to: '/' });
        }}
      >
        {removing?.userId === me.user.id
          ? `You will leave ${organization?.name} and lose access to it right away.`
          : `${removing?.name} loses access to ${organization?.name} right away, and their API tokens stop working here. People who reported to them will report to no one.`}
      </ConfirmModal>
    </>
  );
}
