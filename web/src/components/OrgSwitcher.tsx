import { Avatar, Group, Menu, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconPlus, IconSelector } from '@tabler/icons-react';
import { ROLE_LABELS } from '../../../common/permissions.ts';
import { errorMessage } from '../lib/errors.ts';
import { switchOrganization, useSession } from '../lib/session.ts';
import { CreateOrganizationModal } from './CreateOrganizationModal.tsx';

/** The active organization, and a menu to act in another one or create one. */
export function OrgSwitcher() {
  const { me, organization } = useSession();
  const [creating, { open, close }] = useDisclosure(false);
  const choose = async (id: string, name: string) => {
    if (id === organization?.id) return;
    try {
      await switchOrganization(id);
      notifications.show({ color: 'moss', message: `Switched to ${name}` });
    } catch (err) {
      notifications.show({ color: 'red', title: 'Could not switch', message: errorMessage(err) });
    }
  };
  return (
    <>
      <Menu position="bottom-start" width={280} shadow="md">
        <Menu.Target>
          <UnstyledButton
            aria-label="Switch organization"
            px="sm"
            py={6}
            style={{
              borderRadius: 'var(--mantine-radius-md)',
              border: '1px solid var(--mantine-color-gray-3)',
            }}
          >
            <Group gap="sm" wrap="nowrap">
              <Avatar size={26} radius="sm" color="moss" variant="filled" name={organization?.name}>
                {organization?.name.slice(0, 1).toUpperCase()}
              </Avatar>
              <Stack gap={0} style={{ minWidth: 0 }} visibleFrom="xs">
                <Text size="sm" fw={600} truncate maw={200}>
                  {organization?.name}
                </Text>
                {organization && (
                  <Text size="xs" c="dimmed" lh={1.2}>
                    {ROLE_LABELS[organization.role]}
                  </Text>
                )}
              </Stack>
              <IconSelector size={16} color="var(--mantine-color-gray-6)" />
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>Your organizations</Menu.Label>
          {me.organizations.map((org) => (
            <Menu.Item
              key={org.id}
              onClick={() => choose(org.id, org.name)}
              leftSection={
                <Avatar size={22} radius="sm" color="moss" variant="light">
                  {org.name.slice(0, 1).toUpperCase()}
                </Avatar>
              }
              rightSection={org.id === organization?.id ? <IconCheck size={16} /> : null}
            >
              <Text size="sm" truncate maw={170}>
                {org.name}
              </Text>
              <Text size="xs" c="dimmed">
                {ROLE_LABELS[org.role]}
              </Text>
            </Menu.Item>
          ))}
          <Menu.Divider />
          <Menu.Item leftSection={<IconPlus size={16} />} onClick={open}>
            Create organization
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <CreateOrganizationModal opened={creating} onClose={close} />
    </>
  );
}
