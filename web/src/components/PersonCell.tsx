import { Avatar, Group, Stack, Text } from '@mantine/core';
import { displayName, initials } from '../lib/format.ts';

/** Avatar, name and address of a person. */
export function PersonCell({ name, email, you }: { name: string | null; email: string; you?: boolean }) {
  const shown = displayName(name, email);
  return (
    <Group gap="sm" wrap="nowrap">
      <Avatar color="initials" name={shown} radius="xl" size={34}>
        {initials(shown)}
      </Avatar>
      <Stack gap={0} style={{ minWidth: 0 }}>
        <Text size="sm" fw={500} truncate title={shown}>
          {shown}
          {you && (
            <Text span c="dimmed" size="xs" ml={6}>
              (you)
            </Text>
          )}
        </Text>
        {shown !== email && (
          <Text size="xs" c="dimmed" truncate title={email}>
            {email}
          </Text>
        )}
      </Stack>
    </Group>
  );
}
