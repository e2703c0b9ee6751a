import { Group, Select, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { facetLabel } from '../../../common/taxonomy/index.ts';
import { organizationLookupQuery } from '../lib/queries.ts';
import type { DirectoryHit } from '../lib/types.ts';
import { OrgAvatar } from './OrgAvatar.tsx';

/**
 * Picks an organization from the directory by name (typo-tolerant, as the directory searches),
 * showing each with its logo, domain and country. `exclude` leaves one out (usually your own).
 */
export function OrganizationPicker({
  value,
  onChange,
  exclude,
  label = 'Organization',
  placeholder = 'Search by name',
  error,
  withAsterisk,
}: {
  value: DirectoryHit | null;
  onChange: (org: DirectoryHit | null) => void;
  exclude?: string;
  label?: string;
  placeholder?: string;
  error?: string;
  withAsterisk?: boolean;
}) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const lookup = useQuery(organizationLookupQuery(q));
  const found = (lookup.data?.data ?? []).filter((o) => o.id !== exclude);
  // The chosen organization stays an option while the search moves on, so the choice keeps showing.
  const options = value && !found.some((o) => o.id === value.id) ? [value, ...found] : found;
  const byId = new Map(options.map((o) => [o.id, o]));
  return (
    <Select
      label={label}
      placeholder={placeholder}
      withAsterisk={withAsterisk}
      leftSection={<IconSearch size={16} />}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      // The directory already matched the words (typos too); the list shows what it found as is.
      filter={({ options: all }) => all}
      data={options.map((o) => ({ value: o.id, label: o.name }))}
      value={value?.id ?? null}
      onChange={(id) => onChange(id ? (byId.get(id) ?? null) : null)}
      renderOption={({ option }) => {
        const org = byId.get(option.value);
        return (
          <Group gap="sm" wrap="nowrap">
            <OrgAvatar name={option.label} logoUrl={org?.logoUrl} size={28} />
            <div style={{ minWidth: 0 }}>
              <Text size="sm" truncate>
                {option.label}
              </Text>
              <Text size="xs" c="dimmed" truncate>
                {[org?.domain, org?.hqCountry && facetLabel('country', org.hqCountry)]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
            </div>
          </Group>
        );
      }}
      nothingFoundMessage={lookup.isFetching ? 'Searching…' : 'No organization matches'}
      error={error}
      comboboxProps={{ withinPortal: true }}
      data-autofocus
    />
  );
}
