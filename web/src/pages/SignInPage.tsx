import { Alert, Anchor, Button, PasswordInput, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconInfoCircle, IconLock, IconMail, IconMailCheck } from '@tabler/icons-react';
import { useMutation, useQuery } from '@tanstack/react-query';
import { getRouteApi, useRouter } from '@tanstack/react-router';
import { useState } from 'react';
import { AuthLayout } from '../components/AuthLayout.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { InvitationNote } from '../components/InvitationSummary.tsx';
import { AnchorLink, ButtonLink } from '../components/links.tsx';
import { sendMagicLink, signInWithPassword } from '../lib/auth.ts';
import { mailboxAvailableQuery } from '../lib/queries.ts';
import { queryClient } from '../lib/query-client.ts';

const route = getRouteApi('/sign-in');

const LINK_ERRORS: Record<string, string> = {
  INVALID_TOKEN: 'That sign-in link is invalid or has already been used. Links work once, for 15 minutes.',
  EXPIRED_TOKEN: 'That sign-in link has expired. Links work for 15 minutes; ask for a new one below.',
};

const validEmail = (v: string) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter a valid email address');

/** Sign in with a password or a link by email. */
export function SignInPage() {
  const search = route.useSearch();
  const [tab, setTab] = useState<string | null>(search.error ? 'link' : 'password');
  const mailbox = useQuery(mailboxAvailableQuery);
  const linkError = search.error
    ? (LINK_ERRORS[search.error] ?? 'That sign-in link did not work. Ask for a new one.')
    : null;
  return (
    <AuthLayout
      title="Sign in to Mycelium"
      subtitle="Your partners, programs and reporting lines in one place."
      footer={
        <Stack gap={6} align="center">
          <span>
            New to Mycelium?{' '}
            <AnchorLink to="/sign-up" search={{ redirect: search.redirect, email: search.email }} fw={500}>
              Create an account
            </AnchorLink>
          </span>
          {mailbox.data && (
            <AnchorLink to="/dev/mailbox" size="sm" c="dimmed">
              Check the dev mailbox
            </AnchorLink>
          )}
        </Stack>
      }
    >
      {linkError && (
        <Alert
          color="yellow"
          variant="light"
          icon={<IconInfoCircle size={18} />}
          mb="md"
          title="Link not valid"
        >
          {linkError}
        </Alert>
      )}
      <InvitationNote redirect={search.redirect}>Sign in to accept the invitation.</InvitationNote>
      <Tabs value={tab} onChange={setTab} keepMounted={false}>
        <Tabs.List grow mb="lg">
          <Tabs.Tab value="password" leftSection={<IconLock size={16} />}>
            Password
          </Tabs.Tab>
          <Tabs.Tab value="link" leftSection={<IconMail size={16} />}>
            Email me a link
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="password">
          <PasswordForm redirect={search.redirect} email={search.email} />
        </Tabs.Panel>
        <Tabs.Panel value="link">
          <MagicLinkForm redirect={search.redirect} email={search.email} mailbox={mailbox.data === true} />
        </Tabs.Panel>
      </Tabs>
    </AuthLayout>
  );
}

function PasswordForm({ redirect, email }: { redirect?: string; email?: string }) {
  const router = useRouter();
  const form = useForm({
    initialValues: { email: email ?? '', password: '' },
    validate: { email: validEmail, password: (v) => (v ? null : 'Enter your password') },
  });
  const signIn = useMutation({
    mutationFn: (v: { email: string; password: string }) => signInWithPassword(v.email.trim(), v.password),
    onSuccess: () => {
      queryClient.clear();
      router.history.push(redirect ?? '/');
    },
  });
  return (
    <form onSubmit={form.onSubmit((v) => signIn.mutate(v))} noValidate>
      <Stack gap="md">
        <TextInput
          label="Email"
          type="email"
          autoComplete="username"
          placeholder="you@company.com"
          autoFocus={!email}
          {...form.getInputProps('email')}
        />
        <PasswordInput
          label="Password"
          autoComplete="current-password"
          autoFocus={!!email}
          {...form.getInputProps('password')}
        />
        {signIn.error && <ErrorAlert error={signIn.error} title="Could not sign you in" />}
        <Button type="submit" fullWidth loading={signIn.isPending} mt={4}>
          Sign in
        </Button>
      </Stack>
    </form>
  );
}

function MagicLinkForm({
  redirect,
  email,
  mailbox,
}: {
  redirect?: string;
  email?: string;
  mailbox: boolean;
}) {
  const form = useForm({ initialValues: { email: email ?? '' }, validate: { email: validEmail } });
  const send = useMutation({ mutationFn: (to: string) => sendMagicLink(to, redirect ?? '/') });
  if (send.isSuccess) {
    return (
      <Stack gap="md" align="center" ta="center" py="sm">
        <IconMailCheck size={44} stroke={1.4} color="var(--mantine-color-moss-7)" />
        <Text fw={600}>Check your inbox</Text>
        <Text size="sm" c="dimmed">
          We sent a sign-in link to <b>{send.variables}</b>. It works once, for 15 minutes.
        </Text>
        {mailbox && (
          <ButtonLink to="/dev/mailbox" search={{ to: send.variables }} variant="light">
            Open the dev mailbox
          </ButtonLink>
        )}
        <Anchor component="button" type="button" size="sm" onClick={() => send.reset()}>
          Use another address
        </Anchor>
      </Stack>
    );
  }
  return (
    <form onSubmit={form.onSubmit((v) => send.mutate(v.email.trim()))} noValidate>
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          No password needed: we email you a link that signs you in. New here? The link creates your account.
        </Text>
        <TextInput
          label="Email"
          type="email"
          autoComplete="email"
          placeholder="you@company.com"
          autoFocus
          {...form.getInputProps('email')}
        />
        {send.error && <ErrorAlert error={send.error} title="Could not send the link" />}
        <Button type="submit" fullWidth loading={send.isPending}>
          Send sign-in link
        </Button>
      </Stack>
    </form>
  );
}
