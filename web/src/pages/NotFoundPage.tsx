import { Center, Group, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconMapOff } from '@tabler/icons-react';
import { useLocation } from '@tanstack/react-router';
import { Brand } from '../components/Logo.tsx';
import { ButtonLink } from '../components/links.tsx';

/** Shown for any address the app does not know. */
export function NotFoundPage() {
  const { pathname } = useLocation();
  return (
    <Center mih="100vh" px="md">
      <Stack align="center" gap="lg" maw={480} ta="center">
        <Brand size="lg" />
        <IconMapOff size={56} stroke={1.3} color="var(--mantine-color-moss-6)" />
        <Stack gap={6}>
          <Text c="dimmed" fw={600} size="sm">
            404
          </Text>
          <Title order={1} fz={28}>
            Page not found
          </Title>
          <Text c="dimmed">
            There is nothing at{' '}
            <Text span ff="monospace">
              {pathname}
            </Text>
            . The link may be old, or the address mistyped.
          </Text>
        </Stack>
        <Group>
          <ButtonLink to="/" leftSection={<IconArrowLeft size={16} />}>
            Back to the dashboard
          </ButtonLink>
        </Group>
      </Stack>
    </Center>
  );
}
