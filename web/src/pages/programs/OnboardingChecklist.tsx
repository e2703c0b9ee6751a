import {
  ActionIcon,
  Badge,
  Button,
  Checkbox,
  Group,
  Progress,
  Select,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { api, body } from '../../lib/api.ts';
import { formatDay, todayIso } from '../../lib/deals.ts';
import { errorMessage, fieldErrors } from '../../lib/errors.ts';
import {
  type Enrollment,
  isOverdue,
  type OnboardingTask,
  programsChanged,
  progressPercent,
} from '../../lib/programs.ts';
import { useSession } from '../../lib/session.ts';
import { OwnerSelect } from '../partnerships/OwnerSelect.tsx';
import { SectionCard } from './parts.tsx';

/**
 * The onboarding checklist both sides see; each side ticks its own tasks and assigns their owners,
 * due dates move on its own side's tasks (the vendor's on any task), the vendor adds tasks.
 */
export function OnboardingChecklist({ enrollment: e, mayAdd }: { enrollment: Enrollment; mayAdd: boolean }) {
  const queryClient = useQueryClient();
  const [adding, setAdding] = useState(false);
  const [editing, setEditing] = useState<string | null>(null);
  const tick = useMutation({
    mutationFn: ({ task, done }: { task: OnboardingTask; done: boolean }) =>
      body(
        api.PATCH('/api/v1/enrollments/{id}/tasks/{taskId}', {
          params: { path: { id: e.id, taskId: task.id } },
          body: { done },
        }),
      ),
    onSuccess: () => programsChanged(queryClient),
    onError: (err) =>
      notifications.show({ color: 'red', title: 'Could not update the task', message: errorMessage(err) }),
  });
  const done = e.tasks.filter((t) => t.done).length;
  const total = e.tasks.length;
  const today = todayIso();
  const them = e.side === 'vendor' ? e.partner.name : e.vendor.name;
  return (
    <SectionCard
      title="Onboarding"
      description={total ? `${done} of ${total} done` : undefined}
      actions={
        mayAdd &&
        !adding && (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconPlus size={14} />}
            onClick={() => setAdding(true)}
          >
            Add task
          </Button>
        )
      }
    >
      <Stack gap="md">
        {total > 0 && (
          <Progress value={progressPercent(done, total)} aria-label={`Onboarding ${done} of ${total} done`} />
        )}
        {total === 0 && (
          <Text size="sm" c="dimmed">
            No onboarding tasks.
          </Text>
        )}
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {e.tasks.map((t) => {
            const overdue = isOverdue(t, today);
            const pending = tick.isPending && tick.variables?.task.id === t.id;
            const mine = t.ownerSide === e.side;
            const editable = t.canTick || t.canReschedule;
            return (
              <li key={t.id}>
                <Group gap="sm" wrap="nowrap" align="flex-start">
                  <Checkbox
                    mt={2}
                    checked={pending ? Boolean(tick.variables?.done) : t.done}
                    disabled={!t.canTick || pending}
                    onChange={(event) => tick.mutate({ task: t, done: event.currentTarget.checked })}
                    aria-label={`${t.done ? 'Untick' : 'Tick'} “${t.title}”`}
                  />
                  <Stack gap={2} style={{ flex: 1, minWidth: 0 }}>
                    <Text
                      size="sm"
                      td={t.done ? 'line-through' : undefined}
                      c={t.done ? 'dimmed' : undefined}
                    >
                      {t.title}
                    </Text>
                    <Group gap="xs">
                      <Badge size="xs" variant="light" color={mine ? 'blue' : 'gray'}>
                        {mine ? 'Your side' : them}
                      </Badge>
                      {t.owner && (
                        <Text size="xs" c="dimmed">
                          {t.owner.name}
                        </Text>
                      )}
                      {t.dueOn && (
                        <Text size="xs" c={overdue ? 'red' : 'dimmed'} fw={overdue ? 600 : undefined}>
                          {overdue ? 'Overdue since' : 'Due'} {formatDay(t.dueOn)}
                        </Text>
                      )}
                      {t.done && t.doneAt && (
                        <Text size="xs" c="dimmed">
                          Done {formatDay(t.doneAt)}
                          {t.doneBy ? ` by ${t.doneBy.name}` : ''}
                        </Text>
                      )}
                    </Group>
                    {editing === t.id && (
                      <EditTaskForm enrollmentId={e.id} task={t} onClose={() => setEditing(null)} />
                    )}
                  </Stack>
                  {editable && editing !== t.id && (
                    <Tooltip label={t.canTick ? 'Owner and due date' : 'Due date'}>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        size="sm"
                        onClick={() => setEditing(t.id)}
                        aria-label={`${t.canTick ? 'Assign or reschedule' : 'Reschedule'} “${t.title}”`}
                      >
                        <IconPencil size={14} />
                      </ActionIcon>
                    </Tooltip>
                  )}
                </Group>
              </li>
            );
          })}
        </Stack>
        {adding && (
          <AddTaskForm enrollmentId={e.id} partnerName={e.partner.name} onClose={() => setAdding(false)} />
        )}
      </Stack>
    </SectionCard>
  );
}

/** Assigns a task to a member of your organization (its side's tasks) and moves its due date. */
function EditTaskForm({
  enrollmentId,
  task: t,
  onClose,
}: {
  enrollmentId: string;
  task: OnboardingTask;
  onClose: () => void;
}) {
  const { me } = useSession();
  const queryClient = useQueryClient();
  const [owner, setOwner] = useState<string | null>(t.owner?.id ?? null);
  const [dueOn, setDueOn] = useState(t.dueOn ?? '');
  const patch = {
    ...(t.canTick && owner !== (t.owner?.id ?? null) && { ownerUserId: owner }),
    ...(t.canReschedule && (dueOn || null) !== t.dueOn && { dueOn: dueOn || null }),
  };
  const save = useMutation({
    mutationFn: () =>
      body(
        api.PATCH('/api/v1/enrollments/{id}/tasks/{taskId}', {
          params: { path: { id: enrollmentId, taskId: t.id } },
          body: patch,
        }),
      ),
    onSuccess: () => {
      void programsChanged(queryClient);
      onClose();
    },
  });
  const issues = fieldErrors(save.error);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (Object.keys(patch).length === 0) return onClose();
        save.mutate();
      }}
    >
      <Stack
        gap="sm"
        mt="xs"
        p="sm"
        style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}
      >
        <Group grow align="flex-start">
          {t.canTick && (
            <OwnerSelect
              label="Owner"
              placeholder="Nobody yet"
              meId={me.user.id}
              value={owner}
              onChange={setOwner}
              clearable
              error={issues.ownerUserId}
              data-autofocus
            />
          )}
          {t.canReschedule && (
            <TextInput
              label="Due"
              type="date"
              value={dueOn}
              onChange={(ev) => setDueOn(ev.currentTarget.value)}
              error={issues.dueOn}
            />
          )}
        </Group>
        {save.error && !issues.ownerUserId && !issues.dueOn && (
          <ErrorAlert error={save.error} title="Could not update the task" />
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" size="xs" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" size="xs" loading={save.isPending}>
            Save
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function AddTaskForm({
  enrollmentId,
  partnerName,
  onClose,
}: {
  enrollmentId: string;
  partnerName: string;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const [title, setTitle] = useState('');
  const [ownerSide, setOwnerSide] = useState<'vendor' | 'partner'>('partner');
  const [dueOn, setDueOn] = useState('');
  const [owner, setOwner] = useState<string | null>(null);
  const [missing, setMissing] = useState(false);
  const { me } = useSession();
  const add = useMutation({
    mutationFn: () =>
      body(
        api.POST('/api/v1/enrollments/{id}/tasks', {
          params: { path: { id: enrollmentId } },
          body: {
            title: title.trim(),
            ownerSide,
            dueOn: dueOn || null,
            // Only your own team's members can be picked; the partner assigns its own tasks.
            ownerUserId: ownerSide === 'vendor' ? owner : null,
          },
        }),
      ),
    onSuccess: () => {
      void programsChanged(queryClient);
      notifications.show({ color: 'moss', message: 'Task added to the checklist.' });
      onClose();
    },
  });
  const issues = fieldErrors(add.error);
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!title.trim()) return setMissing(true);
        add.mutate();
      }}
    >
      <Stack gap="sm" p="sm" style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}>
        <TextInput
          label="Task"
          withAsterisk
          maxLength={300}
          value={title}
          onChange={(ev) => {
            setTitle(ev.currentTarget.value);
            setMissing(false);
          }}
          error={missing ? 'Name the task' : issues.title}
          data-autofocus
          autoFocus
        />
        <Group grow align="flex-start">
          <Select
            label="Done by"
            data={[
              { value: 'partner', label: partnerName },
              { value: 'vendor', label: 'Your team' },
            ]}
            allowDeselect={false}
            value={ownerSide}
            onChange={(v) => v && setOwnerSide(v as 'vendor' | 'partner')}
            comboboxProps={{ withinPortal: true }}
          />
          <TextInput
            label="Due"
            type="date"
            value={dueOn}
            onChange={(ev) => setDueOn(ev.currentTarget.value)}
            error={issues.dueOn}
          />
        </Group>
        {ownerSide === 'vendor' && (
          <OwnerSelect
            label="Owner"
            placeholder="Nobody yet"
            meId={me.user.id}
            value={owner}
            onChange={setOwner}
            clearable
            error={issues.ownerUserId}
          />
        )}
        {add.error && !issues.title && !issues.dueOn && !issues.ownerUserId && (
          <ErrorAlert error={add.error} title="Could not add the task" />
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" size="xs" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" size="xs" loading={add.isPending}>
            Add task
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
