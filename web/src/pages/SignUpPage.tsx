import { Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { getRouteApi, useRouter } from '@tanstack/react-router';
import { AuthLayout } from '../components/AuthLayout.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { InvitationNote } from '../components/InvitationSummary.tsx';
import { AnchorLink } from '../components/links.tsx';
import { api, body } from '../lib/api.ts';
import { invitationIdIn } from '../lib/auth.ts';
import { fieldErrors } from '../lib/errors.ts';
import { queryClient } from '../lib/query-client.ts';

const route = getRouteApi('/sign-up');

const FIELDS = ['name', 'email', 'password', 'organizationName'];

/**
 * Create an account and its organization; on the way to accept an invitation, just the account
 * (the invitation's organization is the one to join).
 */
export function SignUpPage() {
  const search = route.useSearch();
  const router = useRouter();
  const invited = invitationIdIn(search.redirect) !== undefined;
  const form = useForm({
    initialValues: { name: '', email: search.email ?? '', password: '', organizationName: '' },
    validate: {
      name: (v) => (v.trim() ? null : 'Enter your name'),
      email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter a valid email address'),
      password: (v) => (v.length >= 10 ? null : 'Use at least 10 characters'),
      organizationName: (v) => (invited || v.trim().length >= 2 ? null : 'At least 2 characters'),
    },
  });
  const signUp = useMutation({
    mutationFn: (v: typeof form.values) =>
      body(
        api.POST('/api/v1/signup', {
          body: {
            name: v.name.trim(),
            email: v.email.trim(),
            password: v.password,
            organizationName: invited ? undefined : v.organizationName.trim(),
          },
        }),
      ),
    onSuccess: () => {
      queryClient.clear();
      router.history.push(search.redirect ?? '/');
    },
    onError: (err) => form.setErrors(fieldErrors(err)),
  });
  const issues = fieldErrors(signUp.error);
  const unplaced = signUp.error && !FIELDS.some((f) => issues[f]);
  return (
    <AuthLayout
      title="Create your account"
      subtitle={
        invited
          ? 'Then accept the invitation; no organization of your own needed.'
          : 'Start your organization on Mycelium; invite your partner team next.'
      }
      footer={
        <span>
          Already have an account?{' '}
          <AnchorLink to="/sign-in" search={{ redirect: search.redirect, email: search.email }} fw={500}>
            Sign in
          </AnchorLink>
        </span>
      }
    >
      <InvitationNote redirect={search.redirect}>Use the address the invitation was sent to.</InvitationNote>
      <form onSubmit={form.onSubmit((v) => signUp.mutate(v))} noValidate>
        <Stack gap="md">
          <TextInput label="Your name" autoComplete="name" autoFocus {...form.getInputProps('name')} />
          <TextInput
            label="Work email"
            type="email"
            autoComplete="email"
            placeholder="you@company.com"
            {...form.getInputProps('email')}
          />
          <PasswordInput
            label="Password"
            description="At least 10 characters"
            autoComplete="new-password"
            {...form.getInputProps('password')}
          />
          {!invited && (
            <TextInput
              label="Organization name"
              placeholder="Contoso Cloud"
              autoComplete="organization"
              {...form.getInputProps('organizationName')}
            />
          )}
          {unplaced && <ErrorAlert error={signUp.error} title="Could not create your account" />}
          <Button type="submit" fullWidth loading={signUp.isPending} mt={4}>
            {invited ? 'Create account and continue' : 'Create account'}
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
