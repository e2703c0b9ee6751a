import {
  Badge,
  Button,
  Group,
  Modal,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconReceipt } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { DateText } from '../../components/DateText.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { QueryStates } from '../../components/QueryStates.tsx';
import { api, body } from '../../lib/api.ts';
import { fieldErrors } from '../../lib/errors.ts';
import {
  amountPlaceholder,
  type CommissionRule,
  type NewRule,
  type Program,
  programsChanged,
  RULE_DEAL_KIND_LABELS,
  RULE_EVENT_LABELS,
  RULE_EVENTS_BY_KIND,
  RULE_KIND_LABELS,
  type RuleDealKind,
  type RuleEvent,
  type RuleKind,
  type RuleValues,
  rulePayload,
  ruleSummary,
  rulesQuery,
} from '../../lib/programs.ts';

/** The program's commission rules: add and retire (rules are never edited, so what paid stays explained). */
export function RulesEditor({ program: p }: { program: Program }) {
  const queryClient = useQueryClient();
  const rules = useQuery(rulesQuery(p.id));
  const [adding, setAdding] = useState(false);
  const [retiring, setRetiring] = useState<CommissionRule | null>(null);
  const [showRetired, setShowRetired] = useState(false);
  const all = rules.data?.data ?? [];
  const shown = all.filter((r) => showRetired || r.status === 'active');
  const tierName = (id: string | null) =>
    id === null ? 'Every tier' : (p.tiers.find((t) => t.id === id)?.name ?? 'A removed tier');
  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed" maw={640}>
          What partners earn, in {p.currency}. A rule pays at one tier or at every tier. To change a rule,
          retire it and add a new one: entries already posted keep pointing at the rule that priced them.
        </Text>
        <Group gap="md">
          <Switch
            label="Show retired"
            checked={showRetired}
            onChange={(e) => setShowRetired(e.currentTarget.checked)}
          />
          <Button leftSection={<IconPlus size={16} />} onClick={() => setAdding(true)}>
            Add rule
          </Button>
        </Group>
      </Group>
      <QueryStates
        query={rules}
        skeletonRows={3}
        isEmpty={shown.length === 0}
        empty={{
          icon: <IconReceipt size={28} />,
          title: 'No commission rules',
          description:
            'Add a percentage of won deals, a flat bounty per deal or qualified referral, a recurring share of subscriptions, or an amount per accepted lead.',
        }}
      >
        <ListTable
          minWidth={820}
          aria-label="Commission rules"
          actionsWidth={100}
          head={
            <>
              <Table.Th w={140}>Applies to</Table.Th>
              <Table.Th w={120}>Kind</Table.Th>
              <Table.Th>Pays</Table.Th>
              <Table.Th w={160}>On</Table.Th>
              <Table.Th w={120}>Added</Table.Th>
            </>
          }
        >
          {shown.map((r) => (
            <Table.Tr key={r.id} style={{ opacity: r.status === 'retired' ? 0.6 : 1 }}>
              <Table.Td>
                <Text size="sm">{tierName(r.tierId)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{RULE_KIND_LABELS[r.kind]}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{ruleSummary(r)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{RULE_EVENT_LABELS[r.event]}</Text>
              </Table.Td>
              <Table.Td>
                <DateText value={r.createdAt} format="date" />
              </Table.Td>
              <Table.Td>
                <Group justify="flex-end">
                  {r.status === 'active' ? (
                    <Button size="xs" variant="default" color="red" onClick={() => setRetiring(r)}>
                      Retire
                    </Button>
                  ) : (
                    <Badge color="gray" variant="light" size="sm">
                      Retired
                    </Badge>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      </QueryStates>
      {adding && <AddRuleModal program={p} onClose={() => setAdding(false)} />}
      <ConfirmModal
        opened={retiring !== null}
        onClose={() => setRetiring(null)}
        title="Retire this rule?"
        confirmLabel="Retire rule"
        onConfirm={() =>
          body(
            api.DELETE('/api/v1/programs/{id}/rules/{ruleId}', {
              params: { path: { id: p.id, ruleId: retiring?.id ?? '' } },
            }),
          )
        }
        onDone={() => {
          void programsChanged(queryClient);
          notifications.show({ color: 'moss', message: 'Rule retired: it pays nothing from now on.' });
        }}
      >
        {retiring &&
          `“${ruleSummary(retiring)}” (${tierName(retiring.tierId)}) stops paying from now on. Commissions it already posted stay. This cannot be undone; add a new rule instead of editing.`}
      </ConfirmModal>
    </Stack>
  );
}

const KIND_OPTIONS = (Object.keys(RULE_KIND_LABELS) as RuleKind[]).map((k) => ({
  value: k,
  label: RULE_KIND_LABELS[k],
}));
const DEAL_KIND_OPTIONS = (Object.keys(RULE_DEAL_KIND_LABELS) as RuleDealKind[]).map((k) => ({
  value: k,
  label: RULE_DEAL_KIND_LABELS[k],
}));
const KIND_HINTS: Record<RuleKind, string> = {
  percentage: 'A percentage of the deal amount',
  flat: 'A fixed bounty per event',
  recurring: 'A percentage of each month of a subscription deal, for a number of months',
  per_lead: 'A fixed amount per lead the vendor accepts',
};

function AddRuleModal({ program: p, onClose }: { program: Program; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [values, setValues] = useState<RuleValues>({
    kind: 'percentage',
    tierId: null,
    event: 'deal_won',
    dealKind: 'any',
    rate: '',
    amount: '',
    months: 12,
  });
  const [local, setLocal] = useState<Record<string, string>>({});
  const add = useMutation({
    mutationFn: (rule: NewRule) =>
      body(api.POST('/api/v1/programs/{id}/rules', { params: { path: { id: p.id } }, body: rule })),
    onSuccess: () => {
      void programsChanged(queryClient);
      notifications.show({ color: 'moss', message: 'Rule added: it pays on events from now on.' });
      onClose();
    },
  });
  const server = fieldErrors(add.error);
  const errors = {
    ...local,
    rate: local.rate ?? server.rateBp,
    amount: local.amount ?? server.amountMinor,
    months: local.months ?? server.months,
  };
  const placed = ['rateBp', 'amountMinor', 'months'].some((f) => server[f]);
  const set = (patch: Partial<RuleValues>) => {
    setValues((v) => {
      const next = { ...v, ...patch };
      const events = RULE_EVENTS_BY_KIND[next.kind];
      return events.includes(next.event) ? next : { ...next, event: events[0] as RuleEvent };
    });
    setLocal({});
  };
  const usesRate = values.kind === 'percentage' || values.kind === 'recurring';
  const events = RULE_EVENTS_BY_KIND[values.kind];
  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>Add a commission rule</Text>} size="lg">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const payload = rulePayload(values, p.currency);
          if (!payload.ok) setLocal(payload.errors);
          else add.mutate(payload.rule);
        }}
      >
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
            <Select
              label="Kind"
              description={KIND_HINTS[values.kind]}
              data={KIND_OPTIONS}
              allowDeselect={false}
              value={values.kind}
              onChange={(v) => v && set({ kind: v as RuleKind })}
              data-autofocus
              comboboxProps={{ withinPortal: true }}
            />
            <Select
              label="Applies to"
              description="One tier, or every tier of the program"
              data={[
                { value: '', label: 'Every tier' },
                ...p.tiers.map((t) => ({ value: t.id, label: t.name })),
              ]}
              allowDeselect={false}
              value={values.tierId ?? ''}
              onChange={(v) => set({ tierId: v || null })}
              error={server.tierId}
              comboboxProps={{ withinPortal: true }}
            />
            <Select
              label="Pays on"
              data={events.map((e) => ({ value: e, label: RULE_EVENT_LABELS[e] }))}
              allowDeselect={false}
              disabled={events.length === 1}
              value={values.event}
              onChange={(v) => v && set({ event: v as RuleEvent })}
              comboboxProps={{ withinPortal: true }}
            />
            <Select
              label="Deals"
              data={DEAL_KIND_OPTIONS}
              allowDeselect={false}
              value={values.dealKind}
              onChange={(v) => v && set({ dealKind: v as RuleDealKind })}
              comboboxProps={{ withinPortal: true }}
            />
            {usesRate ? (
              <TextInput
                label="Rate"
                description="A percentage, like 12.5"
                placeholder="10"
                withAsterisk
                inputMode="decimal"
                autoComplete="off"
                rightSection={
                  <Text size="xs" c="dimmed">
                    %
                  </Text>
                }
                value={values.rate}
                onChange={(e) => set({ rate: e.currentTarget.value })}
                error={errors.rate}
              />
            ) : (
              <TextInput
                label="Amount"
                description={`In ${p.currency}`}
                placeholder={amountPlaceholder(p.currency).replace('25,000', '500')}
                withAsterisk
                inputMode="decimal"
                autoComplete="off"
                rightSection={
                  <Text size="xs" c="dimmed">
                    {p.currency}
                  </Text>
                }
                rightSectionWidth={44}
                value={values.amount}
                onChange={(e) => set({ amount: e.currentTarget.value })}
                error={errors.amount}
              />
            )}
            {values.kind === 'recurring' && (
              <NumberInput
                label="Months"
                description="How many monthly amounts it pays on"
                withAsterisk
                min={1}
                max={60}
                allowDecimal={false}
                allowNegative={false}
                value={values.months}
                onChange={(v) => set({ months: v })}
                error={errors.months}
              />
            )}
          </SimpleGrid>
          {add.error && !placed && <ErrorAlert error={add.error} title="Could not add the rule" />}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={add.isPending}>
              Add rule
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
