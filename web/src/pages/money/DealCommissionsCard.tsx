import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Skeleton,
  Stack,
  Text,
  Textarea,
  Title,
  Tooltip,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArrowBackUp, IconInfoCircle } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { can } from '../../../../common/permissions.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { type Deal, dealsChanged } from '../../lib/deals.ts';
import { errorMessage, fieldErrors } from '../../lib/errors.ts';
import { formatDate } from '../../lib/format.ts';
import {
  clawbackDeal,
  formatMoney,
  hasCode,
  isReversible,
  type LedgerEntry,
  ledgerEntriesQuery,
  moneyChanged,
  sumByCurrency,
} from '../../lib/money.ts';
import { useSession } from '../../lib/session.ts';
import { Amount, KindBadge } from './MoneyParts.tsx';

/**
 * The ledger entries of a deal both sides see (commissions, fees, reversals), and for its payer with
 * payouts.run, clawing back what is not reversed yet. Shows nothing for a deal that earned nothing
 * and is not won.
 */
export function DealCommissionsCard({ deal: d }: { deal: Deal }) {
  const { role } = useSession();
  const readable = can(role, 'money.read') && d.kind !== 'opportunity';
  const entries = useQuery({ ...ledgerEntriesQuery({ dealId: d.id }), enabled: readable });
  const [clawing, clawback] = useDisclosure(false);
  if (!readable) return null;
  const rows = entries.data?.data ?? [];
  if (entries.isSuccess && rows.length === 0 && d.status !== 'won') return null;
  // Only the payer claws back, and only what is not reversed yet.
  const mayClawBack = can(role, 'payouts.run') && rows.some(isReversible);
  return (
    <Card padding="lg" component="section" aria-label="Commissions">
      <Group justify="space-between" mb="md" gap="sm">
        <Title order={3} fz="md">
          Commissions
        </Title>
        {mayClawBack && (
          <Button
            size="xs"
            variant="light"
            color="red"
            leftSection={<IconArrowBackUp size={14} />}
            onClick={clawback.open}
          >
            Claw back
          </Button>
        )}
      </Group>
      {entries.isPending ? (
        <Stack gap="sm" aria-busy="true" aria-label="Loading the commissions">
          <Skeleton height={36} />
          <Skeleton height={36} />
        </Stack>
      ) : entries.isError ? (
        <ErrorAlert error={entries.error} onRetry={() => entries.refetch()} />
      ) : rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          No commission was posted for this deal: the partner is not enrolled in a program of the vendor with
          a rule that pays on it, or no referral fee is agreed.
        </Text>
      ) : (
        <Stack gap="sm">
          {rows.map((e) => (
            <EntryRow key={e.id} entry={e} />
          ))}
          {rows.length > 1 && (
            <Group
              justify="space-between"
              pt={4}
              style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
            >
              <Text size="sm" fw={600}>
                Net
              </Text>
              <Stack gap={0} align="flex-end">
                {sumByCurrency(rows.map((e) => e.amount)).map((m) => (
                  <Amount key={m.currency} money={m} fw={700} />
                ))}
              </Stack>
            </Group>
          )}
        </Stack>
      )}
      <ClawbackModal deal={d} opened={clawing} onClose={clawback.close} />
    </Card>
  );
}

function EntryRow({ entry: e }: { entry: LedgerEntry }) {
  const other = e.mySide === 'payer' ? `To ${e.beneficiary.name}` : `From ${e.payer.name}`;
  return (
    <Group justify="space-between" align="flex-start" gap="sm" wrap="nowrap">
      <Stack gap={2} style={{ minWidth: 0 }}>
        <Group gap={6}>
          <KindBadge kind={e.kind} />
          {e.reversedByEntryId ? (
            <Badge size="sm" variant="light" color="gray">
              Reversed
            </Badge>
          ) : e.kind !== 'reversal' && e.pending ? (
            <Tooltip label="Inside the holding period" withArrow>
              <Badge size="sm" variant="light" color="yellow">
                Pending until {formatDate(e.availableAt)}
              </Badge>
            </Tooltip>
          ) : null}
        </Group>
        <Text size="sm" lineClamp={2} title={e.description}>
          {e.description}
        </Text>
        <Text size="xs" c="dimmed">
          {other} · {formatDate(e.earnedAt)}
        </Text>
      </Stack>
      <Amount money={e.amount} fw={600} />
    </Group>
  );
}

function ClawbackModal({ deal, opened, onClose }: { deal: Deal; opened: boolean; onClose: () => void }) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={<Text fw={600}>Claw back the commissions on {deal.customerName}?</Text>}
    >
      {opened && <ClawbackForm deal={deal} onClose={onClose} />}
    </Modal>
  );
}

function ClawbackForm({ deal, onClose }: { deal: Deal; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | undefined>();
  const claw = useMutation({
    mutationFn: (text: string) => clawbackDeal(deal.id, text),
    onSuccess: (result) => {
      moneyChanged(queryClient);
      dealsChanged(queryClient);
      const total = sumByCurrency(result.data.map((e) => e.amount))
        .map((m) => formatMoney({ ...m, amountMinor: -m.amountMinor }))
        .join(' + ');
      notifications.show({
        color: 'moss',
        title: 'Commissions clawed back',
        message: `${total} reversed on ${deal.customerName}. The partner is told.`,
      });
      onClose();
    },
    onError: (err) => setError(fieldErrors(err).reason),
  });
  const submit = () => {
    if (reason.trim().length < 3) return setError('Say why (at least 3 characters): the partner sees it');
    setError(undefined);
    claw.mutate(reason.trim());
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      noValidate
    >
      <Stack gap="md">
        <Text size="sm">
          Every commission and fee your organization owes on this deal gets a reversing entry. Unpaid amounts
          are cancelled; amounts already paid are deducted from the partner’s next payout. This cannot be
          undone.
        </Text>
        <Textarea
          label="Reason"
          description="The partner sees it"
          placeholder="The customer was refunded; the win was reversed…"
          autosize
          minRows={3}
          maxLength={2000}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={error}
          withAsterisk
          data-autofocus
        />
        {claw.error &&
          !error &&
          (hasCode(claw.error, 'nothing_to_pay') ? (
            <Alert
              color="yellow"
              variant="light"
              title="Nothing to claw back"
              icon={<IconInfoCircle size={18} />}
              role="alert"
            >
              {errorMessage(claw.error)}
            </Alert>
          ) : (
            <ErrorAlert error={claw.error} title="Could not claw back" />
          ))}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" color="red" loading={claw.isPending}>
            Claw back
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
