import {
  ActionIcon,
  Button,
  Card,
  Divider,
  Group,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconPencil, IconScale, IconX } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { can } from '../../../../common/permissions.ts';
import { DateText } from '../../components/DateText.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { errorMessage, fieldErrors } from '../../lib/errors.ts';
import {
  activeMonths,
  formatDay,
  formatMoney,
  formatMonth,
  formatRate,
  ledgerEntriesQuery,
  moneyChanged,
  type Netting,
  nettingQuery,
  parsePercent,
  percentInput,
  type ReferralFee,
  referralFeeQuery,
  setReferralFee,
} from '../../lib/money.ts';
import type { Partnership } from '../../lib/partnerships.ts';
import { useSession } from '../../lib/session.ts';
import { Amount, Figure } from './MoneyParts.tsx';
import { SettleModal } from './SettleModal.tsx';

// Fees and netting only mean something once the partnership has been live.
const SHOWN_FOR: readonly Partnership['status'][] = ['active', 'paused', 'ended'];

/**
 * P2P referral fees with the partner (what each side pays the other on referrals it wins) and the
 * netting of those fees: per month each way, settlements, who owes whom, and settling it.
 */
export function NettingPanel({ partnership: p }: { partnership: Partnership }) {
  const { role } = useSession();
  if (!can(role, 'money.read') || !SHOWN_FOR.includes(p.status)) return null;
  return (
    <Card padding="lg" component="section" aria-label="Referral fees and netting">
      <Group gap="sm" wrap="nowrap" mb="md">
        <ThemeIcon variant="light" size={34} radius="md">
          <IconScale size={18} />
        </ThemeIcon>
        <div>
          <Title order={3} fz="md">
            Referral fees and netting
          </Title>
          <Text size="xs" c="dimmed">
            What each side pays the other on referrals it wins, netted per month.
          </Text>
        </div>
      </Group>
      <Stack gap="lg">
        <ReferralFees partnership={p} />
        <Divider />
        <NettingView partnership={p} />
      </Stack>
    </Card>
  );
}

function ReferralFees({ partnership: p }: { partnership: Partnership }) {
  const { role } = useSession();
  const fee = useQuery(referralFeeQuery(p.id));
  const [editing, edit] = useDisclosure(false);
  const editable = can(role, 'money.settings') && p.status !== 'ended';
  if (fee.isPending)
    return (
      <SimpleGrid cols={2} aria-busy="true" aria-label="Loading the referral fees">
        <Skeleton height={48} />
        <Skeleton height={48} />
      </SimpleGrid>
    );
  if (fee.isError)
    return (
      <ErrorAlert error={fee.error} title="Could not load the referral fees" onRetry={() => fee.refetch()} />
    );
  const f = fee.data;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
      {editing ? (
        <FeeForm fee={f} onClose={edit.close} />
      ) : (
        <Group gap="xs" align="flex-start" wrap="nowrap">
          <Figure
            label={`You pay ${p.partner.name}`}
            value={f.rateBp === null ? 'No fee' : formatRate(f.rateBp)}
            hint={`Of the won amount of ${p.partner.name}’s referrals you win`}
          />
          {editable && (
            <ActionIcon variant="subtle" color="gray" onClick={edit.open} aria-label="Change the fee you pay">
              <IconPencil size={16} />
            </ActionIcon>
          )}
        </Group>
      )}
      <Figure
        label={`${p.partner.name} pays you`}
        value={f.partnerRateBp === null ? 'No fee' : formatRate(f.partnerRateBp)}
        hint="Of the won amount of your referrals they win; they set it"
      />
    </SimpleGrid>
  );
}

function FeeForm({ fee, onClose }: { fee: ReferralFee; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [value, setValue] = useState(fee.rateBp === null ? '' : percentInput(fee.rateBp));
  const [error, setError] = useState<string | undefined>();
  const save = useMutation({
    mutationFn: (rateBp: number) => setReferralFee(fee.partnershipId, rateBp),
    onSuccess: (saved) => {
      queryClient.setQueryData(referralFeeQuery(fee.partnershipId).queryKey, saved);
      moneyChanged(queryClient);
      notifications.show({
        color: 'moss',
        message: `You pay ${saved.partner.name} ${formatRate(saved.rateBp ?? 0)} on their referrals you win from now on.`,
      });
      onClose();
    },
    onError: (err) => setError(fieldErrors(err).rateBp ?? errorMessage(err)),
  });
  const submit = () => {
    const parsed = parsePercent(value);
    if (!parsed.ok) return setError(parsed.error);
    setError(undefined);
    save.mutate(parsed.bp);
  };
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      noValidate
    >
      <Group gap="xs" align="flex-start" wrap="nowrap">
        <TextInput
          label={`You pay ${fee.partner.name}`}
          description="Percent of the won amount; applies to deals won from now on"
          inputMode="decimal"
          autoComplete="off"
          rightSection={
            <Text size="sm" c="dimmed">
              %
            </Text>
          }
          value={value}
          onChange={(e) => setValue(e.currentTarget.value)}
          onKeyDown={(e) => e.key === 'Escape' && onClose()}
          error={error}
          w={220}
          data-autofocus
          autoFocus
        />
        <ActionIcon type="submit" mt={46} size={36} loading={save.isPending} aria-label="Save the fee">
          <IconCheck size={16} />
        </ActionIcon>
        <ActionIcon variant="default" mt={46} size={36} onClick={onClose} aria-label="Cancel">
          <IconX size={16} />
        </ActionIcon>
      </Group>
    </form>
  );
}

function NettingView({ partnership: p }: { partnership: Partnership }) {
  const { role } = useSession();
  const netting = useQuery(nettingQuery(p.id));
  const [settling, settle] = useDisclosure(false);
  if (netting.isPending)
    return (
      <Stack gap="sm" aria-busy="true" aria-label="Loading the netting">
        <Skeleton height={28} width="60%" />
        <Skeleton height={120} />
      </Stack>
    );
  if (netting.isError)
    return (
      <ErrorAlert
        error={netting.error}
        title="Could not load the netting"
        onRetry={() => netting.refetch()}
      />
    );
  const n = netting.data;
  const owing = n.balances.some((b) => b.net !== 0);
  const months = activeMonths(n.months);
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" gap="md">
        <Stack gap={2}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: '0.04em' }}>
            Balance through {formatDay(n.to)}
          </Text>
          <Text fw={700} fz="xl" lh={1.3}>
            {n.headline}
          </Text>
        </Stack>
        {can(role, 'payouts.run') && owing && (
          <Button variant="light" onClick={settle.open}>
            Settle
          </Button>
        )}
      </Group>
      {months.length === 0 ? (
        <Text size="sm" c="dimmed">
          No referral fees either way since {formatDay(n.from)}. Fees post when one side wins a referral the
          other sent and a fee is agreed above.
        </Text>
      ) : (
        <MonthsTable netting={n} months={months} />
      )}
      <Settlements partnerId={p.partner.id} />
      <SettleModal
        partnershipId={p.id}
        partnerName={p.partner.name}
        headline={n.headline}
        opened={settling}
        onClose={settle.close}
      />
    </Stack>
  );
}

function MonthsTable({ netting: n, months }: { netting: Netting; months: Netting['months'] }) {
  const m = (amountMinor: number, currency: string) => formatMoney({ amountMinor, currency });
  return (
    <ListTable
      minWidth={620}
      aria-label="Netting per month"
      horizontalSpacing="sm"
      head={
        <>
          <Table.Th w={110}>Month</Table.Th>
          <Table.Th style={{ textAlign: 'right' }}>{n.partner.name} owes you</Table.Th>
          <Table.Th style={{ textAlign: 'right' }}>You owe</Table.Th>
          <Table.Th style={{ textAlign: 'right' }}>Settled</Table.Th>
          <Table.Th style={{ textAlign: 'right' }}>Net</Table.Th>
        </>
      }
    >
      {months.map((row) => (
        <Table.Tr key={`${row.month}:${row.currency}`}>
          <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatMonth(row.month)}</Table.Td>
          <Table.Td style={{ textAlign: 'right' }}>{m(row.owedToMe, row.currency)}</Table.Td>
          <Table.Td style={{ textAlign: 'right' }}>{m(row.owedByMe, row.currency)}</Table.Td>
          <Table.Td style={{ textAlign: 'right' }}>{m(row.settled, row.currency)}</Table.Td>
          <Table.Td style={{ textAlign: 'right' }}>
            <Text size="sm" fw={600} c={row.net < 0 ? 'red.7' : row.net > 0 ? 'moss.8' : undefined}>
              {m(row.net, row.currency)}
            </Text>
          </Table.Td>
        </Table.Tr>
      ))}
    </ListTable>
  );
}

function Settlements({ partnerId }: { partnerId: string }) {
  const settlements = useQuery(ledgerEntriesQuery({ counterpartyId: partnerId, kind: 'settlement' }));
  const rows = settlements.data?.data ?? [];
  if (settlements.isPending || rows.length === 0) return null;
  return (
    <Stack gap={6}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: '0.04em' }}>
        Settlements
      </Text>
      {rows.map((e) => (
        <Group key={e.id} justify="space-between" gap="sm" wrap="nowrap">
          <Stack gap={0} style={{ minWidth: 0 }}>
            <Text size="sm" truncate>
              {e.mySide === 'payer' ? `You paid ${e.beneficiary.name}` : `${e.payer.name} paid you`}
            </Text>
            <Text size="xs" c="dimmed" truncate>
              {e.description}
            </Text>
          </Stack>
          <Group gap="sm" wrap="nowrap">
            <DateText value={e.earnedAt} format="date" />
            <Amount money={e.amount} fw={600} />
          </Group>
        </Group>
      ))}
    </Stack>
  );
}
