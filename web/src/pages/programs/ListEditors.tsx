import {
  ActionIcon,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { QUESTION_KIND_LABELS, type QuestionKind } from '../../lib/programs.ts';
import { emptyQuestion, emptyTask, type OnboardingValues, type QuestionValues } from './program-form.ts';

const QUESTION_KINDS = (Object.keys(QUESTION_KIND_LABELS) as QuestionKind[]).map((k) => ({
  value: k,
  label: QUESTION_KIND_LABELS[k],
}));

/** Moves item `i` of a list by `by` places. */
export function move<T>(items: readonly T[], i: number, by: -1 | 1): T[] {
  const j = i + by;
  if (j < 0 || j >= items.length) return [...items];
  const out = [...items];
  [out[i], out[j]] = [out[j] as T, out[i] as T];
  return out;
}

/** Up, down and remove buttons of a row in an ordered list. */
export function RowControls({
  index,
  count,
  what,
  onMove,
  onRemove,
}: {
  index: number;
  count: number;
  what: string;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  return (
    <Group gap={4} wrap="nowrap">
      <ActionIcon
        variant="subtle"
        color="gray"
        disabled={index === 0}
        onClick={() => onMove(-1)}
        aria-label={`Move ${what} up`}
      >
        <IconArrowUp size={16} />
      </ActionIcon>
      <ActionIcon
        variant="subtle"
        color="gray"
        disabled={index === count - 1}
        onClick={() => onMove(1)}
        aria-label={`Move ${what} down`}
      >
        <IconArrowDown size={16} />
      </ActionIcon>
      <ActionIcon variant="subtle" color="red" onClick={onRemove} aria-label={`Remove ${what}`}>
        <IconTrash size={16} />
      </ActionIcon>
    </Group>
  );
}

function EmptyLine({ children }: { children: ReactNode }) {
  return (
    <Text size="sm" c="dimmed">
      {children}
    </Text>
  );
}

/** The application form's questions: label, kind, choices, required; ordered. */
export function QuestionsEditor({
  items,
  onChange,
  errors,
}: {
  items: QuestionValues[];
  onChange: (items: QuestionValues[]) => void;
  errors: Record<string, string>;
}) {
  const patch = (i: number, p: Partial<QuestionValues>) =>
    onChange(items.map((q, j) => (j === i ? { ...q, ...p } : q)));
  return (
    <Stack gap="sm">
      {items.length === 0 && (
        <EmptyLine>
          No questions: partners apply with a message only. Add questions you need answered.
        </EmptyLine>
      )}
      {items.map((q, i) => (
        <Paper key={q.key} withBorder p="md" radius="md">
          <Stack gap="sm">
            <Group align="flex-start" gap="sm" wrap="nowrap">
              <Text size="sm" c="dimmed" fw={600} mt={30} w={20}>
                {i + 1}.
              </Text>
              <TextInput
                label="Question"
                placeholder="How many certified engineers do you have?"
                withAsterisk
                maxLength={300}
                style={{ flex: 1 }}
                value={q.label}
                onChange={(e) => patch(i, { label: e.currentTarget.value })}
                error={errors[`${i}.label`] ?? errors[`${i}.id`]}
              />
              <Select
                label="Answer"
                data={QUESTION_KINDS}
                allowDeselect={false}
                w={200}
                value={q.kind}
                onChange={(v) => v && patch(i, { kind: v as QuestionKind })}
                comboboxProps={{ withinPortal: true }}
              />
              <div style={{ marginTop: 26 }}>
                <RowControls
                  index={i}
                  count={items.length}
                  what={`question ${i + 1}`}
                  onMove={(by) => onChange(move(items, i, by))}
                  onRemove={() => onChange(items.filter((_, j) => j !== i))}
                />
              </div>
            </Group>
            {q.kind === 'choice' && (
              <Textarea
                label="Choices"
                description="One per line"
                withAsterisk
                autosize
                minRows={2}
                maxRows={8}
                ml={28}
                value={q.options}
                onChange={(e) => patch(i, { options: e.currentTarget.value })}
                error={errors[`${i}.options`]}
              />
            )}
            <Checkbox
              ml={28}
              label="Required"
              checked={q.required}
              onChange={(e) => patch(i, { required: e.currentTarget.checked })}
            />
          </Stack>
        </Paper>
      ))}
      <Group>
        <Button
          variant="default"
          leftSection={<IconPlus size={16} />}
          onClick={() => onChange([...items, emptyQuestion()])}
          disabled={items.length >= 50}
        >
          Add question
        </Button>
      </Group>
    </Stack>
  );
}

const SIDES = [
  { value: 'partner', label: 'Partner' },
  { value: 'vendor', label: 'Your team' },
];

/** The onboarding checklist copied into each enrollment: title, which side does it, due in days. */
export function OnboardingEditor({
  items,
  onChange,
  errors,
}: {
  items: OnboardingValues[];
  onChange: (items: OnboardingValues[]) => void;
  errors: Record<string, string>;
}) {
  const patch = (i: number, p: Partial<OnboardingValues>) =>
    onChange(items.map((o, j) => (j === i ? { ...o, ...p } : o)));
  return (
    <Stack gap="sm">
      {items.length === 0 && (
        <EmptyLine>No onboarding tasks: approved partners start without a checklist.</EmptyLine>
      )}
      {items.map((o, i) => (
        <Group key={o.key} align="flex-start" gap="sm" wrap="nowrap">
          <Text size="sm" c="dimmed" fw={600} mt={30} w={20}>
            {i + 1}.
          </Text>
          <TextInput
            label="Task"
            placeholder="Complete the sales certification"
            withAsterisk
            maxLength={300}
            style={{ flex: 1 }}
            value={o.title}
            onChange={(e) => patch(i, { title: e.currentTarget.value })}
            error={errors[`${i}.title`]}
          />
          <Select
            label="Done by"
            data={SIDES}
            allowDeselect={false}
            w={140}
            value={o.ownerSide}
            onChange={(v) => v && patch(i, { ownerSide: v as 'vendor' | 'partner' })}
            comboboxProps={{ withinPortal: true }}
          />
          <NumberInput
            label="Due in days"
            min={0}
            max={365}
            allowDecimal={false}
            allowNegative={false}
            w={120}
            value={o.dueInDays}
            onChange={(v) => patch(i, { dueInDays: v })}
            error={errors[`${i}.dueInDays`]}
          />
          <div style={{ marginTop: 26 }}>
            <RowControls
              index={i}
              count={items.length}
              what={`task ${i + 1}`}
              onMove={(by) => onChange(move(items, i, by))}
              onRemove={() => onChange(items.filter((_, j) => j !== i))}
            />
          </div>
        </Group>
      ))}
      <Group>
        <Button
          variant="default"
          leftSection={<IconPlus size={16} />}
          onClick={() => onChange([...items, emptyTask()])}
          disabled={items.length >= 50}
        >
          Add task
        </Button>
      </Group>
    </Stack>
  );
}
