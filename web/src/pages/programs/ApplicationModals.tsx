import { Blockquote, Button, Divider, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { api, body } from '../../lib/api.ts';
import { fieldErrors } from '../../lib/errors.ts';
import { formatDateTime } from '../../lib/format.ts';
import {
  labelledAnswers,
  type ProgramApplication,
  programQuery,
  programsChanged,
} from '../../lib/programs.ts';
import { useSession } from '../../lib/session.ts';
import { OwnerSelect } from '../partnerships/OwnerSelect.tsx';
import { ApplicationStatusBadge } from './ProgramBadges.tsx';

/** An application's answers with the questions' labels (ids when the program cannot be read). */
export function useAnswers(a: ProgramApplication) {
  const program = useQuery({ ...programQuery(a.program.id), retry: false });
  return labelledAnswers(a.answers, program.data?.questions);
}

/** The whole application: answers, note, decision. */
export function ApplicationDetailsModal({
  application: a,
  onClose,
  onApprove,
  onReject,
}: {
  application: ProgramApplication;
  onClose: () => void;
  onApprove?: () => void;
  onReject?: () => void;
}) {
  const answers = useAnswers(a);
  const other = a.side === 'vendor' ? a.partner.name : a.vendor.name;
  return (
    <Modal
      opened
      onClose={onClose}
      size="lg"
      title={
        <Text fw={600}>
          {a.side === 'vendor'
            ? `${a.partner.name} applies to ${a.program.name}`
            : `Your application to ${a.program.name}`}
        </Text>
      }
    >
      <Stack gap="md">
        <Group gap="sm">
          <ApplicationStatusBadge status={a.status} />
          <Text size="sm" c="dimmed">
            Applied {formatDateTime(a.createdAt)}
            {a.appliedBy ? ` by ${a.appliedBy.name}` : ''}
            {a.side === 'partner' ? ` · to ${other}` : ''}
          </Text>
        </Group>
        {answers.length === 0 ? (
          <Text size="sm" c="dimmed">
            No answers: the program asked no questions.
          </Text>
        ) : (
          <Stack gap="sm">
            {answers.map((x) => (
              <div key={x.id}>
                <Text size="sm" fw={600}>
                  {x.label}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
                  {x.answer}
                </Text>
              </div>
            ))}
          </Stack>
        )}
        {a.message && (
          <Blockquote color="gray" p="md" radius="md" style={{ whiteSpace: 'pre-line' }}>
            <Text size="sm">{a.message}</Text>
          </Blockquote>
        )}
        {a.reason && (
          <Text size="sm">
            <Text span fw={600}>
              Reason:{' '}
            </Text>
            {a.reason}
          </Text>
        )}
        {a.decidedAt && (
          <Text size="xs" c="dimmed">
            Decided {formatDateTime(a.decidedAt)}
            {a.decidedBy ? ` by ${a.decidedBy.name}` : ''}
          </Text>
        )}
        {(onApprove || onReject) && (
          <>
            <Divider />
            <Group justify="flex-end" gap="sm">
              {onReject && (
                <Button variant="default" onClick={onReject}>
                  Reject
                </Button>
              )}
              {onApprove && (
                <Button leftSection={<IconCheck size={16} />} onClick={onApprove}>
                  Approve
                </Button>
              )}
            </Group>
          </>
        )}
      </Stack>
    </Modal>
  );
}

/** Approves an application: optionally a starting tier and the owning alliance manager. */
export function ApproveModal({
  application: a,
  onClose,
}: {
  application: ProgramApplication;
  onClose: () => void;
}) {
  const { me } = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const program = useQuery(programQuery(a.program.id));
  const [tierId, setTierId] = useState<string | null>(null);
  const [owner, setOwner] = useState<string | null>(null);
  const approve = useMutation({
    mutationFn: () =>
      body(
        api.POST('/api/v1/applications/{id}/approve', {
          params: { path: { id: a.id } },
          body: { ...(tierId && { tierId }), ...(owner && { ownerUserId: owner }) },
        }),
      ),
    onSuccess: (done) => {
      void programsChanged(queryClient);
      notifications.show({
        color: 'moss',
        title: `${a.partner.name} is enrolled in ${a.program.name}`,
        message: 'Its onboarding checklist has started, and the partnership was created or extended.',
      });
      onClose();
      if (done.enrollmentId)
        navigate({ to: '/enrollments/$enrollmentId', params: { enrollmentId: done.enrollmentId } });
    },
  });
  const issues = fieldErrors(approve.error);
  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>Approve {a.partner.name}?</Text>}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          approve.mutate();
        }}
      >
        <Stack gap="md">
          <Text size="sm">
            {a.partner.name} is enrolled in {a.program.name}: it gets the onboarding checklist, a tier from
            its numbers, and the partnership between you is created or extended.
          </Text>
          <Select
            label="Starting tier"
            description="Optional: otherwise the tier its numbers qualify for"
            placeholder={program.isPending ? 'Loading…' : 'Let the numbers decide'}
            data={(program.data?.tiers ?? []).map((t) => ({ value: t.id, label: t.name }))}
            clearable
            value={tierId}
            onChange={setTierId}
            error={issues.tierId}
            comboboxProps={{ withinPortal: true }}
            data-autofocus
          />
          <OwnerSelect
            label="Owning alliance manager"
            description="Optional: who owns this partner on your side"
            placeholder="Keep the partnership’s owner"
            meId={me.user.id}
            value={owner}
            onChange={setOwner}
            clearable
            error={issues.ownerUserId}
          />
          {approve.error && !issues.tierId && !issues.ownerUserId && (
            <ErrorAlert error={approve.error} title="Could not approve" />
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={approve.isPending} leftSection={<IconCheck size={16} />}>
              Approve and enroll
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** A required reason, for rejecting an application (shown to the partner). */
export function ReasonModal({
  title,
  description,
  confirmLabel,
  onSubmit,
  onDone,
  onClose,
}: {
  title: string;
  description: string;
  confirmLabel: string;
  onSubmit: (reason: string) => Promise<unknown>;
  onDone: () => void;
  onClose: () => void;
}) {
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const act = useMutation({
    mutationFn: onSubmit,
    onSuccess: () => {
      onDone();
      onClose();
    },
  });
  const issues = fieldErrors(act.error);
  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>{title}</Text>}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!reason.trim()) return setMissing(true);
          act.mutate(reason.trim());
        }}
      >
        <Stack gap="md">
          <Text size="sm">{description}</Text>
          <Textarea
            label="Reason"
            withAsterisk
            autosize
            minRows={3}
            maxRows={8}
            maxLength={2000}
            value={reason}
            onChange={(e) => {
              setReason(e.currentTarget.value);
              setMissing(false);
            }}
            error={missing ? 'Give a reason: the other side sees it' : issues.reason}
            data-autofocus
          />
          {act.error && !issues.reason && <ErrorAlert error={act.error} title="Could not do that" />}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" color="red" loading={act.isPending}>
              {confirmLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Rejects an application, saying why. */
export function RejectModal({
  application: a,
  onClose,
}: {
  application: ProgramApplication;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  return (
    <ReasonModal
      title={`Reject ${a.partner.name}’s application?`}
      description={`${a.partner.name} is told, with your reason. They can apply again later.`}
      confirmLabel="Reject application"
      onSubmit={(reason) =>
        body(
          api.POST('/api/v1/applications/{id}/reject', { params: { path: { id: a.id } }, body: { reason } }),
        )
      }
      onDone={() => {
        void programsChanged(queryClient);
        notifications.show({ color: 'moss', message: `${a.partner.name}’s application rejected.` });
      }}
      onClose={onClose}
    />
  );
}
