import {
  Alert,
  Button,
  Group,
  Modal,
  Radio,
  Select,
  Skeleton,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { api, body } from '../../lib/api.ts';
import { fieldErrors } from '../../lib/errors.ts';
import { type Program, type ProgramQuestion, programQuery, programsChanged } from '../../lib/programs.ts';

type Answer = string | boolean;

/** The application form of a program: its questions (required ones marked) and a note to the vendor. */
export function ApplyModal({ programId, onClose }: { programId: string; onClose: () => void }) {
  const program = useQuery(programQuery(programId));
  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={<Text fw={600}>{program.data ? `Apply to ${program.data.name}` : 'Apply to the program'}</Text>}
    >
      {program.isPending ? (
        <Stack gap="md" aria-busy="true" aria-label="Loading the form">
          <Skeleton height={14} width="70%" />
          <Skeleton height={36} />
          <Skeleton height={36} />
        </Stack>
      ) : program.isError ? (
        <ErrorAlert error={program.error} onRetry={() => program.refetch()} />
      ) : (
        <ApplyForm program={program.data} onClose={onClose} />
      )}
    </Modal>
  );
}

function ApplyForm({ program: p, onClose }: { program: Program; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [answers, setAnswers] = useState<Record<string, Answer | undefined>>({});
  const [message, setMessage] = useState('');
  const [missing, setMissing] = useState<Record<string, string>>({});
  const apply = useMutation({
    mutationFn: () => {
      const given = Object.fromEntries(
        Object.entries(answers).filter(
          (entry): entry is [string, Answer] =>
            entry[1] !== undefined && !(typeof entry[1] === 'string' && !entry[1].trim()),
        ),
      );
      return body(
        api.POST('/api/v1/programs/{id}/applications', {
          params: { path: { id: p.id } },
          body: { answers: given, message: message.trim() },
        }),
      );
    },
    onSuccess: () => {
      void programsChanged(queryClient);
      notifications.show({
        color: 'moss',
        title: 'Application sent',
        message: `${p.vendor.name} reviews it; you hear back here and in your notifications.`,
      });
      onClose();
    },
  });
  const server = fieldErrors(apply.error);
  const errorOf = (q: ProgramQuestion) => missing[q.id] ?? server[`answers.${q.id}`] ?? server.answers;
  const placed = Object.keys(server).some((k) => k.startsWith('answers') || k === 'message');
  const set = (id: string, value: Answer | undefined) => {
    setAnswers((a) => ({ ...a, [id]: value }));
    setMissing(({ [id]: _, ...rest }) => rest);
  };
  const submit = () => {
    const problems: Record<string, string> = {};
    for (const q of p.questions) {
      const value = answers[q.id];
      if (q.required && (value === undefined || (typeof value === 'string' && !value.trim())))
        problems[q.id] = 'Answer this question';
    }
    setMissing(problems);
    if (Object.keys(problems).length === 0) apply.mutate();
  };
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
    >
      <Stack gap="md">
        {p.terms && (
          <Alert variant="light" color="blue" icon={<IconInfoCircle size={18} />}>
            By applying, your organization accepts the program’s terms (on the program page).
          </Alert>
        )}
        {p.questions.map((q, i) => (
          <QuestionField
            key={q.id}
            question={q}
            value={answers[q.id]}
            onChange={(v) => set(q.id, v)}
            error={errorOf(q)}
            autoFocus={i === 0}
          />
        ))}
        <Textarea
          label="Message to the vendor"
          description="Optional: why you would be a good partner"
          autosize
          minRows={3}
          maxRows={8}
          maxLength={4000}
          value={message}
          onChange={(e) => setMessage(e.currentTarget.value)}
          error={server.message}
          data-autofocus={p.questions.length === 0 || undefined}
        />
        {apply.error && !placed && <ErrorAlert error={apply.error} title="Could not apply" />}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={apply.isPending}>
            Send application
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function QuestionField({
  question: q,
  value,
  onChange,
  error,
  autoFocus,
}: {
  question: ProgramQuestion;
  value: Answer | undefined;
  onChange: (value: Answer | undefined) => void;
  error?: string;
  autoFocus: boolean;
}) {
  const common = {
    label: q.label,
    withAsterisk: q.required,
    error,
    'data-autofocus': autoFocus || undefined,
  };
  switch (q.kind) {
    case 'text':
      return (
        <TextInput
          {...common}
          maxLength={10000}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'long_text':
      return (
        <Textarea
          {...common}
          autosize
          minRows={3}
          maxRows={10}
          maxLength={10000}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.currentTarget.value)}
        />
      );
    case 'yes_no':
      return (
        <Radio.Group
          label={q.label}
          withAsterisk={q.required}
          error={error}
          value={value === true ? 'yes' : value === false ? 'no' : ''}
          onChange={(v) => onChange(v === 'yes')}
        >
          <Group gap="lg" mt={6}>
            <Radio value="yes" label="Yes" data-autofocus={autoFocus || undefined} />
            <Radio value="no" label="No" />
          </Group>
        </Radio.Group>
      );
    case 'choice': {
      const options = q.options ?? [];
      if (options.length <= 4)
        return (
          <Radio.Group
            label={q.label}
            withAsterisk={q.required}
            error={error}
            value={typeof value === 'string' ? value : ''}
            onChange={(v) => onChange(v)}
          >
            <Stack gap={6} mt={6}>
              {options.map((o, i) => (
                <Radio key={o} value={o} label={o} data-autofocus={(autoFocus && i === 0) || undefined} />
              ))}
            </Stack>
          </Radio.Group>
        );
      return (
        <Select
          {...common}
          data={options}
          placeholder="Choose one"
          clearable={!q.required}
          value={typeof value === 'string' ? value : null}
          onChange={(v) => onChange(v ?? undefined)}
          comboboxProps={{ withinPortal: true }}
        />
      );
    }
  }
}
