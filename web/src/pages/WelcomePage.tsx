import {
  Avatar,
  Box,
  Button,
  Card,
  Container,
  Group,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBuildingCommunity, IconMailOpened } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Navigate } from '@tanstack/react-router';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { Brand } from '../components/Logo.tsx';
import { ButtonLink } from '../components/links.tsx';
import { NamePrompt } from '../components/Profile.tsx';
import { RoleBadge } from '../components/RoleBadge.tsx';
import { UserMenu } from '../components/UserMenu.tsx';
import { useCreateOrganization } from '../lib/create-organization.ts';
import { fieldErrors } from '../lib/errors.ts';
import { firstName, formatRelative } from '../lib/format.ts';
import { myInvitationsQuery } from '../lib/queries.ts';
import { useSession } from '../lib/session.ts';

/** First stop for someone without an organization: join one they were invited to, or create one. */
export function WelcomePage() {
  const { me } = useSession();
  if (me.organizations.length > 0) return <Navigate to="/" />;
  return (
    <Box mih="100vh">
      <Box bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size="md" py="sm">
          <Group justify="space-between">
            <Brand />
            <UserMenu withOrganizationLinks={false} />
          </Group>
        </Container>
      </Box>
      <Container size="sm" py={48}>
        <Stack gap={6} mb="xl">
          <Title order={1} fz={30}>
            {firstName(me.user.name) ? `Welcome, ${firstName(me.user.name)}` : 'Welcome to Mycelium'}
          </Title>
          <Text c="dimmed">
            You are not part of an organization yet. Join one you were invited to, or create your own.
          </Text>
        </Stack>
        <NamePrompt />
        <Stack gap="lg">
          <MyInvitations />
          <CreateFirstOrganization />
        </Stack>
      </Container>
    </Box>
  );
}

function MyInvitations() {
  const invitations = useQuery(myInvitationsQuery);
  return (
    <Card padding="lg">
      <Group gap="sm" mb="md">
        <IconMailOpened size={20} color="var(--mantine-color-moss-7)" />
        <Text fw={600}>Invitations for you</Text>
      </Group>
      {invitations.isPending ? (
        <Skeleton height={56} />
      ) : invitations.isError ? (
        <ErrorAlert error={invitations.error} onRetry={() => invitations.refetch()} />
      ) : invitations.data.data.length === 0 ? (
        <Text size="sm" c="dimmed">
          No open invitations. When a colleague invites your address, it shows up here.
        </Text>
      ) : (
        <Stack gap="sm">
          {invitations.data.data.map((inv) => (
            <Group
              key={inv.id}
              justify="space-between"
              p="sm"
              style={{
                border: '1px solid var(--mantine-color-gray-3)',
                borderRadius: 'var(--mantine-radius-md)',
              }}
            >
              <Group gap="sm">
                <Avatar radius="md" color="moss">
                  {inv.organizationName.slice(0, 1).toUpperCase()}
                </Avatar>
                <Stack gap={2}>
                  <Group gap={8}>
                    <Text fw={600} size="sm">
                      {inv.organizationName}
                    </Text>
                    <RoleBadge role={inv.role} size="xs" />
                  </Group>
                  <Text size="xs" c="dimmed">
                    From {inv.inviterName} · expires {formatRelative(inv.expiresAt)}
                  </Text>
                </Stack>
              </Group>
              <ButtonLink size="xs" to="/invitations/$invitationId" params={{ invitationId: inv.id }}>
                View invitation
              </ButtonLink>
            </Group>
          ))}
        </Stack>
      )}
    </Card>
  );
}

function CreateFirstOrganization() {
  const { form, create, submit } = useCreateOrganization((org) =>
    notifications.show({ color: 'moss', title: `${org.name} is ready`, message: 'Invite your team next.' }),
  );
  return (
    <Card padding="lg">
      <Group gap="sm" mb="xs">
        <IconBuildingCommunity size={20} color="var(--mantine-color-moss-7)" />
        <Text fw={600}>Create your organization</Text>
      </Group>
      <Text size="sm" c="dimmed" mb="md">
        Your company on Mycelium. You will be its owner and can invite your partner team.
      </Text>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          <Group align="flex-start" gap="sm" wrap="nowrap">
            <TextInput
              style={{ flex: 1 }}
              aria-label="Organization name"
              placeholder="Organization name, e.g. Northwind MSP"
              autoFocus
              {...form.getInputProps('name')}
            />
            <Button type="submit" loading={create.isPending}>
              Create organization
            </Button>
          </Group>
          {create.error && !fieldErrors(create.error).name && <ErrorAlert error={create.error} />}
        </Stack>
      </form>
    </Card>
  );
}
