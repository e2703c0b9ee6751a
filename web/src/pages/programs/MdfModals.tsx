import { Button, Group, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { formatMoney, parseMoney } from '../../../../common/money.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { api, body } from '../../lib/api.ts';
import { fieldErrors } from '../../lib/errors.ts';
import {
  amountPlaceholder,
  enrollmentQuery,
  type MdfRequest,
  myEnrollmentsQuery,
  programsChanged,
} from '../../lib/programs.ts';
import { ReasonModal } from './ApplicationModals.tsx';

/** A new MDF request against one of your enrollments' budgets. */
export function NewMdfModal({ enrollmentId, onClose }: { enrollmentId?: string; onClose: () => void }) {
  const queryClient = useQueryClient();
  const enrollments = useQuery(myEnrollmentsQuery);
  const [chosen, setChosen] = useState<string | null>(enrollmentId ?? null);
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [amount, setAmount] = useState('');
  const [local, setLocal] = useState<Record<string, string>>({});
  const options = (enrollments.data?.data ?? []).map((e) => ({
    value: e.id,
    label: `${e.program.name} · ${e.vendor.name}`,
  }));
  const enrollment = enrollments.data?.data.find((e) => e.id === chosen);
  const detail = useQuery({ ...enrollmentQuery(chosen ?? ''), enabled: Boolean(chosen) });
  const currency = enrollment?.program.currency ?? detail.data?.program.currency ?? 'EUR';
  const budget = detail.data?.mdf;
  const create = useMutation({
    mutationFn: (amountMinor: number) =>
      body(
        api.POST('/api/v1/mdf', {
          body: {
            enrollmentId: chosen ?? '',
            title: title.trim(),
            description: description.trim(),
            amountMinor,
          },
        }),
      ),
    onSuccess: (m) => {
      void programsChanged(queryClient);
      notifications.show({
        color: 'moss',
        title: 'MDF request sent',
        message: `${m.vendor.name} approves or rejects it; once approved, claim it with proof.`,
      });
      onClose();
    },
  });
  const server = fieldErrors(create.error);
  const errors = {
    enrollmentId: local.enrollmentId ?? server.enrollmentId,
    title: local.title ?? server.title,
    amount: local.amount ?? server.amountMinor,
    description: server.description,
  };
  const placed = Object.values(errors).some(Boolean);
  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>Request marketing funds</Text>} size="lg">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const found: Record<string, string> = {};
          if (!chosen) found.enrollmentId = 'Choose the program whose budget it draws on';
          if (title.trim().length < 2) found.title = 'At least 2 characters';
          const parsed = parseMoney(amount, currency);
          if (!parsed.ok) found.amount = parsed.error;
          else if (parsed.minor === 0) found.amount = 'Ask for more than nothing';
          setLocal(found);
          if (Object.keys(found).length === 0 && parsed.ok) create.mutate(parsed.minor);
        }}
      >
        <Stack gap="md">
          <Select
            label="Program"
            description="Your enrollment whose tier budget it draws on"
            placeholder={enrollments.isPending ? 'Loading…' : 'Choose a program'}
            data={options}
            withAsterisk
            allowDeselect={false}
            value={chosen}
            onChange={(v) => {
              setChosen(v);
              setLocal({});
            }}
            error={errors.enrollmentId}
            nothingFoundMessage="You are not enrolled in any program"
            comboboxProps={{ withinPortal: true }}
            data-autofocus={!enrollmentId || undefined}
          />
          {budget && (
            <Text size="sm" c="dimmed">
              {budget.budgetMinor > 0
                ? `Budget ${budget.year}: ${formatMoney({ amountMinor: budget.budgetMinor, currency: budget.currency })}, ${formatMoney({ amountMinor: Math.max(0, budget.budgetMinor - budget.usedMinor), currency: budget.currency })} left.`
                : `Your tier has no MDF budget in ${budget.year}.`}
            </Text>
          )}
          <TextInput
            label="Title"
            placeholder="Joint webinar on cloud security"
            withAsterisk
            maxLength={200}
            value={title}
            onChange={(e) => {
              setTitle(e.currentTarget.value);
              setLocal({});
            }}
            error={errors.title}
            data-autofocus={enrollmentId ? true : undefined}
          />
          <Textarea
            label="What it is for"
            autosize
            minRows={3}
            maxRows={8}
            maxLength={4000}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={errors.description}
          />
          <TextInput
            label="Amount"
            placeholder={amountPlaceholder(currency).replace('25,000', '2,500')}
            withAsterisk
            inputMode="decimal"
            autoComplete="off"
            rightSection={
              <Text size="xs" c="dimmed">
                {currency}
              </Text>
            }
            rightSectionWidth={44}
            value={amount}
            onChange={(e) => {
              setAmount(e.currentTarget.value);
              setLocal({});
            }}
            error={errors.amount}
          />
          {create.error && !placed && <ErrorAlert error={create.error} title="Could not send the request" />}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Send request
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Claims approved funds with proof (a link or a note). */
export function ClaimModal({ request: m, onClose }: { request: MdfRequest; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [proof, setProof] = useState('');
  const [missing, setMissing] = useState(false);
  const claim = useMutation({
    mutationFn: () =>
      body(
        api.POST('/api/v1/mdf/{id}/{action}', {
          params: { path: { id: m.id, action: 'claim' } },
          body: { proof: proof.trim() },
        }),
      ),
    onSuccess: () => {
      void programsChanged(queryClient);
      notifications.show({ color: 'moss', message: `Claim sent to ${m.vendor.name}.` });
      onClose();
    },
  });
  const issues = fieldErrors(claim.error);
  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>Claim “{m.title}”</Text>}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          if (!proof.trim()) return setMissing(true);
          claim.mutate();
        }}
      >
        <Stack gap="md">
          <Text size="sm">
            Show {m.vendor.name} the activity happened: a link to the campaign, the event page or the invoice,
            or a note. Once they approve the claim, {formatMoney(m.amount)} is posted to your earnings.
          </Text>
          <Textarea
            label="Proof"
            withAsterisk
            autosize
            minRows={3}
            maxRows={8}
            maxLength={4000}
            placeholder="https://…"
            value={proof}
            onChange={(e) => {
              setProof(e.currentTarget.value);
              setMissing(false);
            }}
            error={missing ? 'Give proof: a link or a note' : issues.proof}
            data-autofocus
          />
          {claim.error && !issues.proof && <ErrorAlert error={claim.error} title="Could not claim" />}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={claim.isPending}>
              Send claim
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Rejects a request or a claim, saying why. */
export function MdfRejectModal({
  request: m,
  claim,
  onClose,
}: {
  request: MdfRequest;
  claim: boolean;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  return (
    <ReasonModal
      title={claim ? `Reject the claim for “${m.title}”?` : `Reject “${m.title}”?`}
      description={
        claim
          ? `${m.partner.name} is told why; nothing is posted to the ledger.`
          : `${m.partner.name} is told why; the amount stays in their budget.`
      }
      confirmLabel={claim ? 'Reject claim' : 'Reject request'}
      onSubmit={(reason) =>
        body(
          api.POST('/api/v1/mdf/{id}/{action}', {
            params: { path: { id: m.id, action: claim ? 'reject-claim' : 'reject' } },
            body: { reason },
          }),
        )
      }
      onDone={() => {
        void programsChanged(queryClient);
        notifications.show({ color: 'moss', message: claim ? 'Claim rejected.' : 'Request rejected.' });
      }}
      onClose={onClose}
    />
  );
}
