import { Button, Center, Group, Stack, Text, Title } from '@mantine/core';
import { IconBug } from '@tabler/icons-react';
import type { ErrorComponentProps } from '@tanstack/react-router';
import { Brand } from '../components/Logo.tsx';
import { errorMessage } from '../lib/errors.ts';

/** Shown when a page cannot load at all (server down, unexpected failure). */
export function RouteErrorPage({ error, reset }: ErrorComponentProps) {
  return (
    <Center mih="100vh" px="md">
      <Stack align="center" gap="lg" maw={520} ta="center">
        <Brand size="lg" />
        <IconBug size={52} stroke={1.3} color="var(--mantine-color-red-6)" />
        <Stack gap={6}>
          <Title order={1} fz={26}>
            This page could not load
          </Title>
          <Text c="dimmed">{errorMessage(error)}</Text>
        </Stack>
        <Group>
          <Button
            onClick={() => {
              reset();
              window.location.reload();
            }}
          >
            Reload
          </Button>
          <Button variant="default" component="a" href="/">
            Go to the dashboard
          </Button>
        </Group>
      </Stack>
    </Center>
  );
}
