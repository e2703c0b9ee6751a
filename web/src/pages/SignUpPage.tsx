import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconInfoCircle } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { getRouteApi, useRouter } from '@tanstack/react-router';
import { AuthLayout } from '../components/AuthLayout.tsx';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { AnchorLink } from '../components/links.tsx';
import { api, body } from '../lib/api.ts';
import { fieldErrors } from '../lib/errors.ts';
import { queryClient } from '../lib/query-client.ts';

const route = getRouteApi('/sign-up');

const FIELDS = ['name', 'email', 'password', 'organizationName'];

/** Create an account and its organization. */
export function SignUpPage() {
  const search = route.useSearch();
  const router = useRouter();
  const invited = search.redirect?.startsWith('/invitations/');
  const form = useForm({
    initialValues: { name: '', email: search.email ?? '', password: '', organizationName: '' },
    validate: {
      name: (v) => (v.trim() ? null : 'Enter your name'),
      email: (v) => (/^\S+@\S+\.\S+$/.test(v.trim()) ? null : 'Enter a valid email address'),
      password: (v) => (v.length >= 10 ? null : 'Use at least 10 characters'),
      organizationName: (v) => (v.trim().length >= 2 ? null : 'At least 2 characters'),
    },
  });
  const signUp = useMutation({
    mutationFn: (v: typeof form.values) =>
      body(
        api.POST('/api/v1/signup', {
          body: {
            ...v,
            name: v.name.trim(),
            email: v.email.trim(),
            organizationName: v.organizationName.trim(),
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
      subtitle="Start your organization on Mycelium; invite your partner team next."
      footer={
        <span>
          Already have an account?{' '}
          <AnchorLink to="/sign-in" search={{ redirect: search.redirect }} fw={500}>
            Sign in
          </AnchorLink>
        </span>
      }
    >
      {invited && (
        <Alert color="moss" variant="light" icon={<IconInfoCircle size={18} />} mb="md">
          Signing up also creates an organization of your own. You can accept the invitation right after.
        </Alert>
      )}
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
          <TextInput
            label="Organization name"
            placeholder="Contoso Cloud"
            autoComplete="organization"
            {...form.getInputProps('organizationName')}
          />
          {unplaced && <ErrorAlert error={signUp.error} title="Could not create your account" />}
          <Button type="submit" fullWidth loading={signUp.isPending} mt={4}>
            Create account
          </Button>
        </Stack>
      </form>
    </AuthLayout>
  );
}
