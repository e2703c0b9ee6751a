import { Alert, Avatar, Group, Stack, Text } from '@mantine/core';
import { IconMailOpened } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { ROLE_LABELS, type Role } from '../../../common/permissions.ts';
import { invitationIdIn } from '../lib/auth.ts';
import { invitationPreviewQuery } from '../lib/queries.ts';
import { RoleBadge } from './RoleBadge.tsx';

/** The organization an invitation is to, and the role it grants. */
export function InvitationHeader({ organizationName, role }: { organizationName: string; role: Role }) {
  return (
    <Group gap="md" wrap="nowrap">
      <Avatar size={52} radius="md" color="moss" variant="filled">
        {organizationName.slice(0, 1).toUpperCase()}
      </Avatar>
      <Stack gap={4} style={{ minWidth: 0 }}>
        <Text fw={600} size="lg" truncate>
          {organizationName}
        </Text>
        <Group gap={6}>
          <Text size="sm" c="dimmed">
            as
          </Text>
          <RoleBadge role={role} />
        </Group>
      </Stack>
    </Group>
  );
}

/** "Camille invited you@x to join Contoso as alliance manager." */
export function WhoInvitedWhom({
  invitation,
}: {
  invitation: { inviterName: string; email: string; organizationName: string; role: Role };
}) {
  return (
    <>
      <b>{invitation.inviterName}</b> invited <b>{invitation.email}</b> to join {invitation.organizationName}{' '}
      as {ROLE_LABELS[invitation.role].toLowerCase()}
    </>
  );
}

/** On sign-in and sign-up, a reminder of the invitation they lead back to (nothing otherwise). */
export function InvitationNote({ redirect, children }: { redirect?: string; children?: string }) {
  const id = invitationIdIn(redirect);
  const preview = useQuery({ ...invitationPreviewQuery(id ?? ''), enabled: !!id });
  const inv = preview.data;
  if (inv?.status !== 'pending') return null;
  return (
    <Alert color="moss" variant="light" icon={<IconMailOpened size={18} />} mb="md">
      <Text size="sm">
        Joining <b>{inv.organizationName}</b> as {ROLE_LABELS[inv.role].toLowerCase()}. {children}
      </Text>
    </Alert>
  );
}
