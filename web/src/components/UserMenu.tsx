import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconChevronDown, IconKey, IconLogout, IconSettings, IconUserCircle } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { signOut } from '../lib/auth.ts';
import { errorMessage } from '../lib/errors.ts';
import { displayName } from '../lib/format.ts';
import { queryClient } from '../lib/query-client.ts';
import { useSession } from '../lib/session.ts';
import { ProfileModal } from './Profile.tsx';

/** The signed-in person, with shortcuts and sign-out. */
export function UserMenu({ withOrganizationLinks = true }: { withOrganizationLinks?: boolean }) {
  const { me } = useSession();
  const navigate = useNavigate();
  const name = displayName(me.user.name, me.user.email);
  const [editing, edit] = useDisclosure(false);
  const leave = async () => {
    try {
      await signOut();
      queryClient.clear();
      await navigate({ to: '/sign-in' });
    } catch (err) {
      notifications.show({ color: 'red', title: 'Could not sign out', message: errorMessage(err) });
    }
  };
  return (
    <>
      <Menu position="bottom-end" width={240} shadow="md">
        <Menu.Target>
          <UnstyledButton aria-label="Account menu" style={{ borderRadius: 'var(--mantine-radius-xl)' }}>
            <Group gap={8} wrap="nowrap">
              <Avatar color="initials" name={name} radius="xl" size={32} />
              <Text size="sm" fw={500} visibleFrom="sm" truncate maw={160}>
                {name}
              </Text>
              <IconChevronDown size={14} color="var(--mantine-color-gray-6)" />
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>
            <Text size="sm" fw={600} c="dark" truncate>
              {name}
            </Text>
            <Text size="xs" c="dimmed" truncate>
              {me.user.email}
            </Text>
          </Menu.Label>
          <Menu.Divider />
          <Menu.Item leftSection={<IconUserCircle size={16} />} onClick={edit.open}>
            Your profile
          </Menu.Item>
          {withOrganizationLinks && (
            <>
              <Menu.Item leftSection={<IconKey size={16} />} onClick={() => navigate({ to: '/tokens' })}>
                API tokens
              </Menu.Item>
              <Menu.Item
                leftSection={<IconSettings size={16} />}
                onClick={() => navigate({ to: '/settings' })}
              >
                Organization settings
              </Menu.Item>
            </>
          )}
          <Menu.Divider />
          <Menu.Item color="red" leftSection={<IconLogout size={16} />} onClick={leave}>
            Sign out
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <ProfileModal opened={editing} onClose={edit.close} />
    </>
  );
}
