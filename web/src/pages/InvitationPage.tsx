import { Avatar, Button, Center, Divider, Group, Loader, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconCircleCheck, IconMailCheck, IconMailQuestion } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { ROLE_LABELS } from '../../../common/permissions.ts';
import { AuthLayout } from '../components/AuthLayout.tsx';
import { ConfirmModal } from '../components/ConfirmModal.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { ButtonLink } from '../components/links.tsx';
import { RoleBadge } from '../components/RoleBadge.tsx';
import { api, body } from '../lib/api.ts';
import { sendMagicLink, signOut } from '../lib/auth.ts';
import { hasStatus } from '../lib/errors.ts';
import { formatRelative } from '../lib/format.ts';
import { meQuery, myInvitationQuery } from '../lib/queries.ts';
import { queryClient } from '../lib/query-client.ts';
import { switchOrganization } from '../lib/session.ts';
import type { Invitation, Me } from '../lib/types.ts';

const route = getRouteApi('/invitations/$invitationId');

/** Where an invitation link lands: sign in first if needed, then accept or decline. */
export function InvitationPage() {
  const { invitationId } = route.useParams();
  const me = useQuery({ ...meQuery, retry: false });
  if (me.isPending) {
    return (
      <Center h="100vh">
        <Loader type="dots" aria-label="Loading" />
      </Center>
    );
  }
  if (me.isError && hasStatus(me.error, 401)) return <SignedOut invitationId={invitationId} />;
  if (me.isError) {
    return (
      <AuthLayout title="Your invitation">
        <ErrorAlert error={me.error} onRetry={() => me.refetch()} />
      </AuthLayout>
    );
  }
  return <SignedIn invitationId={invitationId} me={me.data} />;
}

function SignedOut({ invitationId }: { invitationId: string }) {
  const back = `/invitations/${invitationId}`;
  const form = useForm({
    initialValues: { email: '' },
    validate: { email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter a valid email address') },
  });
  const send = useMutation({ mutationFn: (email: string) => sendMagicLink(email, back) });
  return (
    <AuthLayout
      title="You're invited to Mycelium"
      subtitle="Sign in with the address the invitation was sent to; we bring you back here to accept it."
    >
      <Stack gap="md">
        <Group grow>
          <ButtonLink to="/sign-in" search={{ redirect: back }}>
            Sign in
          </ButtonLink>
          <ButtonLink to="/sign-up" search={{ redirect: back }} variant="default">
            Sign up
          </ButtonLink>
        </Group>
        <Divider label="or get a sign-in link, no password needed" labelPosition="center" />
        {send.isSuccess ? (
          <Stack align="center" gap={6} ta="center">
            <IconMailCheck size={36} stroke={1.4} color="var(--mantine-color-moss-7)" />
            <Text size="sm">
              We sent a link to <b>{send.variables}</b>. Open it to come back here signed in.
            </Text>
          </Stack>
        ) : (
          <form onSubmit={form.onSubmit((v) => send.mutate(v.email.trim()))} noValidate>
            <Stack gap="sm">
              <TextInput
                label="Invited email address"
                type="email"
                autoComplete="email"
                placeholder="you@company.com"
                autoFocus
                {...form.getInputProps('email')}
              />
              {send.error && <ErrorAlert error={send.error} title="Could not send the link" />}
              <Button type="submit" variant="light" loading={send.isPending}>
                Email me a sign-in link
              </Button>
            </Stack>
          </form>
        )}
      </Stack>
    </AuthLayout>
  );
}

const STATUS_TEXT: Record<Invitation['status'], string> = {
  pending: 'is waiting for your answer',
  accepted: 'has already been accepted',
  rejected: 'has been declined',
  canceled: 'was cancelled by the organization',
  expired: 'has expired',
};

function SignedIn({ invitationId, me }: { invitationId: string; me: Me }) {
  const navigate = useNavigate();
  const invitation = useQuery({ ...myInvitationQuery(invitationId), retry: false });
  const [declining, decline] = useDisclosure(false);
  const home = me.organizations.length ? '/' : '/welcome';
  const accept = useMutation({
    mutationFn: async () => {
      const joined = await body(
        api.POST('/api/v1/me/invitations/{id}/accept', { params: { path: { id: invitationId } } }),
      );
      await switchOrganization(joined.organizationId);
      return joined;
    },
    onSuccess: (joined) => {
      notifications.show({
        color: 'moss',
        title: `Welcome to ${joined.organizationName}`,
        message: 'You joined.',
      });
      navigate({ to: '/' });
    },
  });
  const switchAccount = async () => {
    await signOut();
    queryClient.clear();
    navigate({ to: '/sign-in', search: { redirect: `/invitations/${invitationId}` } });
  };

  if (invitation.isPending) {
    return (
      <Center h="100vh">
        <Loader type="dots" aria-label="Loading" />
      </Center>
    );
  }
  if (invitation.isError) {
    const missing = hasStatus(invitation.error, 404) || hasStatus(invitation.error, 400);
    return (
      <AuthLayout title={missing ? 'This invitation is not for this account' : 'Your invitation'}>
        <Stack gap="md">
          {missing ? (
            <Group gap="md" wrap="nowrap" align="flex-start">
              <IconMailQuestion size={36} stroke={1.4} color="var(--mantine-color-gray-6)" />
              <Text size="sm" c="dimmed">
                You are signed in as <b>{me.user.email}</b>. The invitation was sent to another address, or it
                no longer exists. Sign in with the invited address to answer it.
              </Text>
            </Group>
          ) : (
            <ErrorAlert error={invitation.error} onRetry={() => invitation.refetch()} />
          )}
          <Group grow>
            <Button onClick={switchAccount}>Sign in as someone else</Button>
            <Button variant="default" onClick={() => navigate({ to: home })}>
              Continue as {me.user.email.split('@')[0]}
            </Button>
          </Group>
        </Stack>
      </AuthLayout>
    );
  }

  const inv = invitation.data;
  const open = inv.status === 'pending';
  return (
    <AuthLayout title={open ? `Join ${inv.organizationName}` : 'Invitation'} width={480}>
      <Stack gap="lg">
        <Group gap="md" wrap="nowrap">
          <Avatar size={52} radius="md" color="moss" variant="filled">
            {inv.organizationName.slice(0, 1).toUpperCase()}
          </Avatar>
          <Stack gap={4}>
            <Text fw={600} size="lg">
              {inv.organizationName}
            </Text>
            <Group gap={6}>
              <Text size="sm" c="dimmed">
                as
              </Text>
              <RoleBadge role={inv.role} />
            </Group>
          </Stack>
        </Group>
        <Text size="sm">
          {inv.inviterName ? <b>{inv.inviterName}</b> : 'Someone'} invited <b>{inv.email}</b> to join{' '}
          {inv.organizationName} as {ROLE_LABELS[inv.role].toLowerCase()}. This invitation{' '}
          {STATUS_TEXT[inv.status]}
          {open && <> and expires {formatRelative(inv.expiresAt)}</>}.
        </Text>
        {accept.error && <ErrorAlert error={accept.error} title="Could not accept" />}
        {open ? (
          <Group grow>
            <Button variant="default" onClick={decline.open}>
              Decline
            </Button>
            <Button loading={accept.isPending} onClick={() => accept.mutate()} data-autofocus autoFocus>
              Accept and join
            </Button>
          </Group>
        ) : (
          <Group gap="xs">
            {inv.status === 'accepted' && <IconCircleCheck size={18} color="var(--mantine-color-moss-7)" />}
            <Button variant="light" onClick={() => navigate({ to: home })}>
              Go to Mycelium
            </Button>
          </Group>
        )}
      </Stack>
      <ConfirmModal
        opened={declining}
        onClose={decline.close}
        title="Decline this invitation?"
        confirmLabel="Decline invitation"
        onConfirm={() =>
          api.POST('/api/v1/me/invitations/{id}/decline', { params: { path: { id: invitationId } } })
        }
        onDone={() => {
          notifications.show({ message: `You declined the invitation to ${inv.organizationName}.` });
          queryClient.invalidateQueries({ queryKey: ['my-invitations'] });
        }}
      >
        {inv.organizationName} will see that you declined. To join later, someone there has to invite you
        again.
      </ConfirmModal>
    </AuthLayout>
  );
}
