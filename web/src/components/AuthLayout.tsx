import { Anchor, Box, Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Brand } from './Logo.tsx';

/** A centred card for sign-in, sign-up, invitations and onboarding. */
export function AuthLayout({
  title,
  subtitle,
  children,
  footer,
  width = 440,
}: {
  title: string;
  subtitle?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
  width?: number;
}) {
  return (
    <Box mih="100vh" style={{ display: 'flex', flexDirection: 'column' }}>
      <Center style={{ flex: 1 }} px="md" py={48}>
        <Stack w="100%" maw={width} gap="lg">
          <Center>
            <Brand size="xl" />
          </Center>
          <Paper withBorder shadow="sm" p={{ base: 'lg', sm: 32 }}>
            <Stack gap={6} mb="lg">
              <Title order={2} fz={22}>
                {title}
              </Title>
              {subtitle && (
                <Text c="dimmed" size="sm">
                  {subtitle}
                </Text>
              )}
            </Stack>
            {children}
          </Paper>
          {footer && (
            <Text ta="center" size="sm" c="dimmed">
              {footer}
            </Text>
          )}
        </Stack>
      </Center>
      <Group justify="center" pb="lg" gap="lg">
        <Text size="xs" c="dimmed">
          Mycelium — the open-source partner-ecosystem platform
        </Text>
        <Anchor size="xs" c="dimmed" href="/api/docs">
          API docs
        </Anchor>
      </Group>
    </Box>
  );
}
