import { Button, Divider, Group, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconCircleCheck, IconMailCheck, IconMailQuestion } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { AuthLayout } from '../components/AuthLayout.tsx';
import { ConfirmModal } from '../components/ConfirmModal.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { InvitationHeader, WhoInvitedWhom } from '../components/InvitationSummary.tsx';
import { ButtonLink } from '../components/links.tsx';
import { PageLoader } from '../components/PageLoader.tsx';
import { api, body } from '../lib/api.ts';
import { sendMagicLink, signOut } from '../lib/auth.ts';
import { hasStatus } from '../lib/errors.ts';
import { formatRelative } from '../lib/format.ts';
import { invitationPreviewQuery, meQuery, myInvitationQuery } from '../lib/queries.ts';
import { queryClient } from '../lib/query-client.ts';
import { organizationChanged } from '../lib/session.ts';
import type { Invitation, InvitationPreview, Me } from '../lib/types.ts';

const route = getRouteApi('/invitations/$invitationId');

/** Where an invitation link lands: sign in first if needed, then accept or decline. */
export function InvitationPage() {
  const { invitationId } = route.useParams();
  const me = useQuery({ ...meQuery, retry: false });
  if (me.isPending) {
    return <PageLoader />;
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

/** What an invitation that can no longer be answered says, to someone not signed in. */
const CLOSED: Record<
  Exclude<InvitationPreview['status'], 'pending'>,
  { title: string; text: (inv: InvitationPreview) => string }
> = {
  expired: {
    title: 'This invitation has expired',
    text: (inv) =>
      `It expired ${formatRelative(inv.expiresAt)}; invitations are valid for a week. Ask ${inv.inviterName} to send you a new one.`,
  },
  canceled: {
    title: 'This invitation was cancelled',
    text: (inv) =>
      `${inv.organizationName} withdrew it. If you still need access, ask ${inv.inviterName} to invite you again.`,
  },
  accepted: {
    title: 'This invitation has already been accepted',
    text: (inv) => `That address has joined already: sign in to open ${inv.organizationName}.`,
  },
  rejected: {
    title: 'This invitation was declined',
    text: (inv) => `To join ${inv.organizationName} after all, ask ${inv.inviterName} to invite you again.`,
  },
};

/** Why there is no invitation to show, beside a question-mark envelope. */
function MissingNote({ children }: { children: ReactNode }) {
  return (
    <Group gap="md" wrap="nowrap" align="flex-start">
      <IconMailQuestion
        size={36}
        stroke={1.4}
        color="var(--mantine-color-gray-6)"
        style={{ flexShrink: 0 }}
      />
      <Text size="sm" c="dimmed">
        {children}
      </Text>
    </Group>
  );
}

function SignedOut({ invitationId }: { invitationId: string }) {
  const preview = useQuery(invitationPreviewQuery(invitationId));
  if (preview.isPending) {
    return <PageLoader />;
  }
  if (preview.isError) {
    // A malformed id (400) is as unknown as a well-formed one nobody issued (404).
    const unknown = hasStatus(preview.error, 404) || hasStatus(preview.error, 400);
    return (
      <AuthLayout title={unknown ? 'Invitation not found' : 'Your invitation'}>
        {unknown ? (
          <Stack gap="md">
            <MissingNote>
              This link does not lead to an invitation. Check that you opened the whole link from the email,
              or ask the person who invited you to send a new one.
            </MissingNote>
            <ButtonLink to="/sign-in" variant="default">
              Go to sign-in
            </ButtonLink>
          </Stack>
        ) : (
          <ErrorAlert error={preview.error} onRetry={() => preview.refetch()} />
        )}
      </AuthLayout>
    );
  }
  const inv = preview.data;
  if (inv.status !== 'pending') {
    const closed = CLOSED[inv.status];
    return (
      <AuthLayout title={closed.title} width={480}>
        <Stack gap="lg">
          <InvitationHeader organizationName={inv.organizationName} role={inv.role} />
          <Text size="sm">
            <WhoInvitedWhom invitation={inv} />. {closed.text(inv)}
          </Text>
          <ButtonLink
            to="/sign-in"
            search={{ email: inv.email }}
            variant={inv.status === 'accepted' ? 'filled' : 'default'}
          >
            {inv.status === 'accepted' ? 'Sign in' : 'Go to sign-in'}
          </ButtonLink>
        </Stack>
      </AuthLayout>
    );
  }
  return <SignedOutPending invitationId={invitationId} invitation={inv} />;
}

function SignedOutPending({
  invitationId,
  invitation: inv,
}: {
  invitationId: string;
  invitation: InvitationPreview;
}) {
  const back = `/invitations/${invitationId}`;
  const form = useForm({
    initialValues: { email: inv.email },
    validate: { email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter a valid email address') },
  });
  const send = useMutation({ mutationFn: (email: string) => sendMagicLink(email, back) });
  return (
    <AuthLayout
      title={`Join ${inv.organizationName} on Mycelium`}
      subtitle="Sign in or create an account with the invited address; we bring you back here to accept."
      width={480}
    >
      <Stack gap="lg">
        <InvitationHeader organizationName={inv.organizationName} role={inv.role} />
        <Text size="sm">
          <WhoInvitedWhom invitation={inv} />. The invitation expires {formatRelative(inv.expiresAt)}.
        </Text>
        <Group grow>
          <ButtonLink to="/sign-in" search={{ redirect: back, email: inv.email }}>
            Sign in
          </ButtonLink>
          <ButtonLink to="/sign-up" search={{ redirect: back, email: inv.email }} variant="default">
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
      // The server makes the joined organization the session's active one.
      const joined = await body(
        api.POST('/api/v1/me/invitations/{id}/accept', { params: { path: { id: invitationId } } }),
      );
      await organizationChanged();
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
  const missing =
    invitation.isError && (hasStatus(invitation.error, 404) || hasStatus(invitation.error, 400));
  // Not addressed to this account: the public preview tells which address it was sent to, if any.
  const preview = useQuery({ ...invitationPreviewQuery(invitationId), enabled: missing });
  const switchAccount = async () => {
    await signOut();
    queryClient.clear();
    navigate({
      to: '/sign-in',
      search: { redirect: `/invitations/${invitationId}`, email: preview.data?.email },
    });
  };

  if (invitation.isPending) {
    return <PageLoader />;
  }
  if (invitation.isError) {
    const sentTo = preview.data?.email;
    if (missing && preview.isPending && preview.fetchStatus !== 'idle') {
      return <PageLoader />;
    }
    return (
      <AuthLayout
        title={
          !missing
            ? 'Your invitation'
            : sentTo
              ? 'This invitation is for another account'
              : 'Invitation not found'
        }
      >
        <Stack gap="md">
          {missing ? (
            <MissingNote>
              You are signed in as <b>{me.user.email}</b>.{' '}
              {sentTo ? (
                <>
                  The invitation was sent to <b>{sentTo}</b>; sign in with that address to answer it.
                </>
              ) : (
                'This link does not lead to an invitation. Ask the person who invited you to send a new one.'
              )}
            </MissingNote>
          ) : (
            <ErrorAlert error={invitation.error} onRetry={() => invitation.refetch()} />
          )}
          <Stack gap="xs">
            <Button onClick={switchAccount}>
              {sentTo ? 'Sign in with the invited address' : 'Sign in as someone else'}
            </Button>
            <Button variant="default" onClick={() => navigate({ to: home })}>
              Continue with this account
            </Button>
          </Stack>
        </Stack>
      </AuthLayout>
    );
  }

  const inv = invitation.data;
  const open = inv.status === 'pending';
  return (
    <AuthLayout title={open ? `Join ${inv.organizationName}` : 'Invitation'} width={480}>
      <Stack gap="lg">
        <InvitationHeader organizationName={inv.organizationName} role={inv.role} />
        <Text size="sm">
          <WhoInvitedWhom invitation={inv} />. This invitation {STATUS_TEXT[inv.status]}
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
