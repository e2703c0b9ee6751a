import { Badge, type BadgeProps, SimpleGrid, Stack, Text, TextInput, Tooltip } from '@mantine/core';
import type { ReactNode } from 'react';
import { DateText } from '../../components/DateText.tsx';
import { todayIso } from '../../lib/deals.ts';
import {
  EARNING_STATE_META,
  type EarningState,
  formatMoney,
  kindLabel,
  type Money,
  type PayoutStatement,
  STATEMENT_STATUS_META,
  type StatementStatus,
} from '../../lib/money.ts';

/** Where an earning stands, with what that means on hover. */
export function EarningStateBadge({ state, ...props }: { state: EarningState } & BadgeProps) {
  const meta = EARNING_STATE_META[state];
  return (
    <Tooltip label={meta.hint} withArrow>
      <Badge variant="light" color={meta.color} {...props}>
        {meta.label}
      </Badge>
    </Tooltip>
  );
}

/** A payout statement's status. */
export function StatementStatusBadge({ status, ...props }: { status: StatementStatus } & BadgeProps) {
  const meta = STATEMENT_STATUS_META[status];
  return (
    <Badge variant="light" color={meta.color} {...props}>
      {meta.label}
    </Badge>
  );
}

/** What an entry is: commission, MDF, P2P fee, reversal, payout, settlement. */
export function KindBadge({ kind }: { kind: string }) {
  return (
    <Badge variant="outline" color={kind === 'reversal' ? 'red' : 'gray'} size="sm">
      {kindLabel(kind)}
    </Badge>
  );
}

/** An amount, red when negative (a reversal). */
export function Amount({ money, fw = 500 }: { money: Money; fw?: number }) {
  return (
    <Text size="sm" fw={fw} c={money.amountMinor < 0 ? 'red.7' : undefined} style={{ whiteSpace: 'nowrap' }}>
      {formatMoney(money)}
    </Text>
  );
}

/** Amounts in several currencies, one a line (never added across currencies); a dash for none. */
export function Amounts({ amounts, fw = 500 }: { amounts: readonly Money[]; fw?: number }) {
  if (amounts.length === 0)
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  return (
    <Stack gap={0}>
      {amounts.map((m) => (
        <Amount key={m.currency} money={m} fw={fw} />
      ))}
    </Stack>
  );
}

/** A labelled number on a card. */
export function Figure({ label, value, hint }: { label: string; value: ReactNode; hint?: string }) {
  return (
    <Stack gap={2} style={{ minWidth: 0 }}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: '0.04em' }}>
        {label}
      </Text>
      <Text fw={650} fz="lg" lh={1.25} component="div">
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Stack>
  );
}

/** The payment reference of a paid statement, the reason of a failed one, when it was decided. */
export function StatementOutcome({ statement: s }: { statement: PayoutStatement }) {
  if (s.status === 'open')
    return (
      <Text size="sm" c="dimmed">
        Waiting for payment
      </Text>
    );
  return (
    <Stack gap={0}>
      <Text size="sm" c={s.status === 'failed' ? 'red.7' : undefined} lineClamp={2}>
        {s.status === 'paid' ? s.externalReference : s.failureReason}
      </Text>
      <DateText value={s.decidedAt} format="date" />
    </Stack>
  );
}

/** A period as two dates (YYYY-MM-DD). */
export interface Period {
  start: string;
  end: string;
}

/** The first and last day of a period, side by side; the last day cannot be in the future. */
export function PeriodFields({
  period,
  onChange,
  errors,
}: {
  period: Period;
  onChange: (update: (p: Period) => Period) => void;
  errors: { start?: string; end?: string };
}) {
  return (
    <SimpleGrid cols={2} spacing="sm">
      <TextInput
        label="First day"
        type="date"
        value={period.start}
        onChange={(e) => {
          const value = e.currentTarget.value;
          onChange((p) => ({ ...p, start: value }));
        }}
        error={errors.start}
        withAsterisk
        data-autofocus
      />
      <TextInput
        label="Last day"
        type="date"
        max={todayIso()}
        value={period.end}
        onChange={(e) => {
          const value = e.currentTarget.value;
          onChange((p) => ({ ...p, end: value }));
        }}
        error={errors.end}
        withAsterisk
      />
    </SimpleGrid>
  );
}
