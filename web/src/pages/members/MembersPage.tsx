import { Badge, Button, Tabs } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconMailForward, IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { can } from '../../../../common/permissions.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { invitationsQuery } from '../../lib/queries.ts';
import { useSession } from '../../lib/session.ts';
import { InvitationsPanel } from './InvitationsPanel.tsx';
import { InviteModal } from './InviteModal.tsx';
import { MembersTable } from './MembersTable.tsx';

const route = getRouteApi('/authed/app/members');

/** Members and invitations of the active organization. */
export function MembersPage() {
  const { role, organization } = useSession();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const [inviting, invite] = useDisclosure(false);
  const pending = useInfiniteQuery(invitationsQuery('pending'));
  const pendingCount = pending.data?.pages.flatMap((p) => p.data).length ?? 0;
  const tab = search.tab ?? 'members';
  return (
    <>
      <PageHeader
        title="Members"
        description={`Everyone in ${organization?.name}, what they can do and whom they report to.`}
        actions={
          can(role, 'members.invite') && (
            <Button leftSection={<IconUserPlus size={16} />} onClick={invite.open}>
              Invite member
            </Button>
          )
        }
      />
      <Tabs
        value={tab}
        onChange={(v) =>
          navigate({ search: (s) => ({ ...s, tab: v === 'invitations' ? 'invitations' : undefined }) })
        }
      >
        <Tabs.List mb="lg">
          <Tabs.Tab value="members" leftSection={<IconUsers size={16} />}>
            Members
          </Tabs.Tab>
          <Tabs.Tab
            value="invitations"
            leftSection={<IconMailForward size={16} />}
            rightSection={
              pendingCount > 0 ? (
                <Badge size="sm" variant="light" circle={pendingCount < 10}>
                  {pending.hasNextPage ? `${pendingCount}+` : pendingCount}
                </Badge>
              ) : null
            }
          >
            Invitations
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="members">
          <MembersTable
            role={search.role}
            onRoleChange={(r) => navigate({ search: (s) => ({ ...s, role: r }), replace: true })}
          />
        </Tabs.Panel>
        <Tabs.Panel value="invitations">
          <InvitationsPanel />
        </Tabs.Panel>
      </Tabs>
      <InviteModal opened={inviting} onClose={invite.close} />
    </>
  );
}
