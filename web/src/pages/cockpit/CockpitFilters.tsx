import { Button, Card, Group, Select, TextInput } from '@mantine/core';
import { IconFilterOff } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { INDUSTRIES, REGIONS } from '../../../../common/taxonomy/index.ts';
import { type CockpitFilters, presetPeriods } from '../../lib/cockpit.ts';
import { programQuery, programsQuery } from '../../lib/programs.ts';
import { membersQuery } from '../../lib/queries.ts';

const REGION_OPTIONS = [
  {
    group: 'Regions',
    items: REGIONS.filter((r) => r.kind === 'region').map((r) => ({ value: r.key, label: r.label })),
  },
  {
    group: 'Sub-regions',
    items: REGIONS.filter((r) => r.kind === 'sub-region').map((r) => ({ value: r.key, label: r.label })),
  },
];
const INDUSTRY_OPTIONS = INDUSTRIES.map((i) => ({ value: i.key, label: i.label }));

/**
 * The cockpit's filter bar: period (a preset or two days), program and tier, region, industry and
 * alliance manager. Every change goes to the URL, so a filtered cockpit can be shared as a link.
 */
export function CockpitFilterBar({
  filters,
  onChange,
  showManagers,
}: {
  filters: CockpitFilters;
  onChange: (next: CockpitFilters) => void;
  showManagers: boolean;
}) {
  const presets = useMemo(() => presetPeriods(), []);
  const preset =
    !filters.from && !filters.to
      ? '12m'
      : (presets.find((p) => p.from === filters.from && p.to === filters.to)?.value ?? 'custom');
  const [custom, setCustom] = useState(preset === 'custom');
  const programs = useInfiniteQuery(programsQuery({ scope: 'mine' }));
  const program = useQuery({ ...programQuery(filters.programId ?? ''), enabled: Boolean(filters.programId) });
  const managers = useInfiniteQuery({ ...membersQuery({ role: 'alliance_manager' }), enabled: showManagers });
  const programOptions = (programs.data?.pages.flatMap((p) => p.data) ?? []).map((p) => ({
    value: p.id,
    label: p.name,
  }));
  const tierOptions = (program.data?.tiers ?? []).map((t) => ({ value: t.id, label: t.name }));
  const managerOptions = (managers.data?.pages.flatMap((p) => p.data) ?? []).map((m) => ({
    value: m.userId,
    label: m.name,
  }));
  const set = (patch: Partial<CockpitFilters>) => onChange({ ...filters, ...patch });
  const any = Object.values(filters).some(Boolean);
  return (
    <Card padding="md" component="section" aria-label="Filters">
      <Group gap="sm" align="flex-end" wrap="wrap">
        <Select
          label="Period"
          w={{ base: '100%', xs: 165 }}
          data={[
            ...presets.map((p) => ({ value: p.value, label: p.label })),
            { value: 'custom', label: 'Custom…' },
          ]}
          value={custom ? 'custom' : preset}
          allowDeselect={false}
          onChange={(v) => {
            if (v === 'custom') return setCustom(true);
            setCustom(false);
            const p = presets.find((x) => x.value === v);
            // The default period is left out of the URL.
            set(v === '12m' || !p ? { from: undefined, to: undefined } : { from: p.from, to: p.to });
          }}
        />
        {custom && (
          <>
            <TextInput
              label="From"
              type="date"
              w={{ base: '100%', xs: 150 }}
              value={filters.from ?? ''}
              onChange={(e) => set({ from: e.currentTarget.value || undefined })}
            />
            <TextInput
              label="To"
              type="date"
              w={{ base: '100%', xs: 150 }}
              value={filters.to ?? ''}
              onChange={(e) => set({ to: e.currentTarget.value || undefined })}
              error={
                filters.from && filters.to && filters.from > filters.to ? 'Before the first day' : undefined
              }
            />
          </>
        )}
        <Select
          label="Program"
          placeholder="All programs"
          w={{ base: '100%', xs: 170 }}
          data={programOptions}
          value={filters.programId ?? null}
          onChange={(v) => set({ programId: v ?? undefined, tierId: undefined })}
          clearable
          searchable
          nothingFoundMessage="No programs"
        />
        <Select
          label="Tier"
          placeholder="All tiers"
          title={filters.programId ? undefined : 'Choose a program first'}
          w={{ base: '100%', xs: 130 }}
          data={tierOptions}
          value={filters.tierId ?? null}
          onChange={(v) => set({ tierId: v ?? undefined })}
          disabled={!filters.programId}
          clearable
        />
        <Select
          label="Region"
          placeholder="Everywhere"
          w={{ base: '100%', xs: 160 }}
          data={REGION_OPTIONS}
          value={filters.region ?? null}
          onChange={(v) => set({ region: v ?? undefined })}
          clearable
          searchable
        />
        <Select
          label="Industry"
          placeholder="All industries"
          w={{ base: '100%', xs: 170 }}
          data={INDUSTRY_OPTIONS}
          value={filters.industry ?? null}
          onChange={(v) => set({ industry: v ?? undefined })}
          clearable
          searchable
          comboboxProps={{ width: 360, position: 'bottom-start' }}
        />
        {showManagers && (
          <Select
            label="Alliance manager"
            placeholder="Everyone"
            w={{ base: '100%', xs: 170 }}
            data={managerOptions}
            value={filters.allianceManagerId ?? null}
            onChange={(v) => set({ allianceManagerId: v ?? undefined })}
            clearable
            searchable
            nothingFoundMessage="No alliance managers"
          />
        )}
        {any && (
          <Button
            variant="subtle"
            color="gray"
            leftSection={<IconFilterOff size={16} />}
            onClick={() => {
              setCustom(false);
              onChange({});
            }}
          >
            Clear
          </Button>
        )}
      </Group>
    </Card>
  );
}
