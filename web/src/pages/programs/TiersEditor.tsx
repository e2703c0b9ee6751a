import {
  Alert,
  Badge,
  Button,
  Group,
  NumberInput,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconPlus } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, body } from '../../lib/api.ts';
import { errorMessage } from '../../lib/errors.ts';
import {
  emptyTier,
  type Program,
  programsChanged,
  type TierInput,
  type TierValues,
  tierErrors,
  tiersPayload,
  tierValues,
} from '../../lib/programs.ts';
import { move, RowControls } from './ListEditors.tsx';

type CountField = 'wonDeals' | 'registeredDeals' | 'certifiedPeople' | 'customers';
const COUNTS: { field: CountField; label: string }[] = [
  { field: 'wonDeals', label: 'Won deals' },
  { field: 'registeredDeals', label: 'Registered deals' },
  { field: 'certifiedPeople', label: 'Certified people' },
  { field: 'customers', label: 'Customers' },
];

/**
 * The tier ladder, lowest first: names, requirements (trailing 12 months) and benefits. Saved as a
 * whole; the server refuses overlapping thresholds and removing a tier partners sit in.
 */
export function TiersEditor({ program: p }: { program: Program }) {
  const queryClient = useQueryClient();
  const saved = () => p.tiers.map((t) => tierValues(t, p.currency));
  const [tiers, setTiers] = useState<TierValues[]>(saved);
  const [local, setLocal] = useState<Record<string, string>>({});
  const save = useMutation({
    mutationFn: (input: TierInput[]) =>
      body(
        api.PUT('/api/v1/programs/{id}/tiers', { params: { path: { id: p.id } }, body: { tiers: input } }),
      ),
    onSuccess: (result) => {
      setTiers(result.data.map((t) => tierValues(t, p.currency)));
      void programsChanged(queryClient);
      notifications.show({
        color: 'moss',
        message: 'Tiers saved. Enrolled partners were re-evaluated against the new ladder.',
      });
    },
  });
  const errors = { ...tierErrors(save.error), ...local };
  const patch = (i: number, change: Partial<TierValues>) => {
    setTiers((ts) => ts.map((t, j) => (j === i ? { ...t, ...change } : t)));
    setLocal({});
  };
  const submit = () => {
    const payload = tiersPayload(tiers, p.currency);
    if (!payload.ok) {
      setLocal(payload.errors);
      return;
    }
    setLocal({});
    save.mutate(payload.tiers);
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
        <Text size="sm" c="dimmed">
          Requirements count the trailing 12 months of the partner’s deals with you; revenue is in{' '}
          {p.currency}. Each tier must require at least what the one below does on every number, and more on
          at least one. Leave a number at 0 when it does not matter.
        </Text>
        {tiers.length === 0 && (
          <Text size="sm" c="dimmed">
            No tiers yet: add the lowest first (for example Silver, Gold, Platinum).
          </Text>
        )}
        {tiers.map((t, i) => {
          const err = (field: string) => errors[`${i}.${field}`];
          const label = t.name.trim() || `tier ${i + 1}`;
          return (
            <Paper key={t.key} withBorder p="md" radius="md">
              <Stack gap="sm">
                <Group justify="space-between" align="flex-end" wrap="nowrap" gap="sm">
                  <Group gap="sm" align="flex-end" style={{ flex: 1 }} wrap="nowrap">
                    <Badge variant="light" color="grape" mb={8} style={{ flex: 'none' }}>
                      Tier {i + 1}
                    </Badge>
                    <TextInput
                      label="Name"
                      placeholder={['Silver', 'Gold', 'Platinum'][i] ?? 'Diamond'}
                      withAsterisk
                      maxLength={80}
                      style={{ flex: 1, maxWidth: 320 }}
                      value={t.name}
                      onChange={(e) => patch(i, { name: e.currentTarget.value })}
                      error={err('name')}
                    />
                  </Group>
                  <RowControls
                    index={i}
                    count={tiers.length}
                    what={label}
                    onMove={(by) => {
                      setTiers((ts) => move(ts, i, by));
                      setLocal({});
                    }}
                    onRemove={() => {
                      setTiers((ts) => ts.filter((_, j) => j !== i));
                      setLocal({});
                    }}
                  />
                </Group>
                <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                  Requirements
                </Text>
                <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }} spacing="sm">
                  <TextInput
                    label="Won revenue"
                    placeholder="0"
                    inputMode="decimal"
                    autoComplete="off"
                    rightSection={
                      <Text size="xs" c="dimmed">
                        {p.currency}
                      </Text>
                    }
                    rightSectionWidth={44}
                    value={t.revenue}
                    onChange={(e) => patch(i, { revenue: e.currentTarget.value })}
                    error={err('revenue')}
                  />
                  {COUNTS.map(({ field, label: l }) => (
                    <NumberInput
                      key={field}
                      label={l}
                      min={0}
                      max={1_000_000}
                      allowDecimal={false}
                      allowNegative={false}
                      value={t[field]}
                      onChange={(v) => patch(i, { [field]: typeof v === 'number' ? v : 0 })}
                      error={err(field)}
                    />
                  ))}
                </SimpleGrid>
                <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                  Benefits
                </Text>
                <SimpleGrid cols={{ base: 1, xs: 2, md: 5 }} spacing="sm">
                  <TextInput
                    label="Reseller discount"
                    placeholder="0"
                    inputMode="decimal"
                    autoComplete="off"
                    rightSection={
                      <Text size="xs" c="dimmed">
                        %
                      </Text>
                    }
                    value={t.discount}
                    onChange={(e) => patch(i, { discount: e.currentTarget.value })}
                    error={err('discount')}
                  />
                  <TextInput
                    label="MDF budget per year"
                    placeholder="0"
                    inputMode="decimal"
                    autoComplete="off"
                    rightSection={
                      <Text size="xs" c="dimmed">
                        {p.currency}
                      </Text>
                    }
                    rightSectionWidth={44}
                    value={t.mdfBudget}
                    onChange={(e) => patch(i, { mdfBudget: e.currentTarget.value })}
                    error={err('mdfBudget')}
                  />
                </SimpleGrid>
              </Stack>
            </Paper>
          );
        })}
        {save.error && (
          <Alert
            color="red"
            variant="light"
            icon={<IconAlertTriangle size={18} />}
            title="The tiers were not saved"
            role="alert"
          >
            {errorMessage(save.error)}
          </Alert>
        )}
        <Group justify="space-between">
          <Button
            variant="default"
            leftSection={<IconPlus size={16} />}
            onClick={() => setTiers((ts) => [...ts, emptyTier(ts.at(-1))])}
            disabled={tiers.length >= 20}
          >
            Add tier
          </Button>
          <Group gap="sm">
            <Button
              variant="subtle"
              color="gray"
              onClick={() => {
                setTiers(saved());
                setLocal({});
                save.reset();
              }}
            >
              Undo changes
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save tiers
            </Button>
          </Group>
        </Group>
      </Stack>
    </form>
  );
}
