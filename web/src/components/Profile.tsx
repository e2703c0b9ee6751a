import { Button, CloseButton, Group, Modal, Paper, Stack, Text, TextInput, ThemeIcon } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useLocalStorage } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconUserEdit } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useEffect } from 'react';
import { fieldErrors } from '../lib/errors.ts';
import { firstName } from '../lib/format.ts';
import { renameMe, useSession } from '../lib/session.ts';
import { ErrorAlert } from './ErrorAlert.tsx';

const validName = (v: string) => (v.trim() ? null : 'Enter your name');

function useRename(onDone: () => void) {
  const form = useForm({ initialValues: { name: '' }, validate: { name: validName } });
  const rename = useMutation({
    mutationFn: (name: string) => renameMe(name),
    onSuccess: (user) => {
      notifications.show({ color: 'moss', message: `Thanks, ${firstName(user.name) ?? user.name}. Saved.` });
      onDone();
    },
    onError: (err) => form.setErrors(fieldErrors(err)),
  });
  const generalError = rename.error && !fieldErrors(rename.error).name ? rename.error : null;
  return { form, rename, generalError };
}

/** The signed-in user's own details; the display name can be changed. */
export function ProfileModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { me } = useSession();
  const { form, rename, generalError } = useRename(onClose);
  const { setValues, setInitialValues } = form;
  const { reset: resetRename } = rename;
  useEffect(() => {
    if (!opened) return;
    setInitialValues({ name: me.user.name });
    setValues({ name: me.user.name });
    resetRename();
  }, [opened, me.user.name, setInitialValues, setValues, resetRename]);
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={600}>Your profile</Text>}>
      <form onSubmit={form.onSubmit((v) => rename.mutate(v.name.trim()))} noValidate>
        <Stack gap="md">
          <TextInput
            label="Display name"
            description="How colleagues see you in member lists, the org chart and the audit log."
            autoComplete="name"
            data-autofocus
            {...form.getInputProps('name')}
          />
          <TextInput
            label="Email"
            value={me.user.email}
            readOnly
            variant="filled"
            description="You sign in with this address."
          />
          {generalError && <ErrorAlert error={generalError} title="Could not save" />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={rename.isPending} disabled={!form.isDirty()}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * Asks someone without a name (signed in by a link, never signed up) for one, until they give it or
 * wave the prompt away; that choice is remembered in this browser.
 */
export function NamePrompt() {
  const { me } = useSession();
  const [dismissed, setDismissed] = useLocalStorage({
    key: `mycelium.name-prompt-dismissed.${me.user.id}`,
    defaultValue: false,
    getInitialValueInEffect: false,
  });
  const { form, rename, generalError } = useRename(() => {});
  if (me.user.name.trim() || dismissed) return null;
  return (
    <Paper withBorder p="md" mb="lg" radius="lg" bg="moss.0" role="region" aria-label="Add your name">
      <Group align="flex-start" wrap="nowrap" gap="md">
        <ThemeIcon variant="light" size={38} radius="md" visibleFrom="xs">
          <IconUserEdit size={20} />
        </ThemeIcon>
        <Stack gap="sm" style={{ flex: 1 }}>
          <div>
            <Text fw={600}>What should we call you?</Text>
            <Text size="sm" c="dimmed">
              Colleagues see only {me.user.email} until you add your name.
            </Text>
          </div>
          <form onSubmit={form.onSubmit((v) => rename.mutate(v.name.trim()))} noValidate>
            <Group align="flex-start" gap="sm" wrap="nowrap">
              <TextInput
                style={{ flex: 1, maxWidth: 360 }}
                aria-label="Your name"
                placeholder="Your name, e.g. Camille Laurent"
                autoComplete="name"
                {...form.getInputProps('name')}
              />
              <Button type="submit" loading={rename.isPending}>
                Save name
              </Button>
            </Group>
          </form>
          {generalError && <ErrorAlert error={generalError} title="Could not save" />}
        </Stack>
        <CloseButton aria-label="Not now" title="Not now" onClick={() => setDismissed(true)} />
      </Group>
    </Paper>
  );
}
