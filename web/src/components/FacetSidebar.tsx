import { Anchor, Button, Checkbox, Group, Pill, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { FACET_LABELS, type Facet, facetLabel } from '../../../common/taxonomy/index.ts';
import {
  countChosen,
  FACET_NAMES,
  type FacetSelection,
  foldedValues,
  matchValues,
  roughly,
  toggleKey,
  withChosen,
} from '../lib/directory.ts';
import type { FacetCount } from '../lib/types.ts';

/** Facet counts as the API returns them. */
type FacetCounts = Partial<Record<string, FacetCount[]>>;

const FOLDED = 8;
const numbers = new Intl.NumberFormat('en');

/**
 * Facet filters with counts: per facet the most frequent values as checkboxes (chosen ones always),
 * the rest behind "Show all" with a filter box. Shared by the directory and ecosystem member lists.
 */
export function FacetSidebar({
  facets,
  selection,
  onChange,
  onClear,
  withTitle = true,
  approximate = false,
}: {
  /** Counts of the current result; undefined while the first result loads. */
  facets: FacetCounts | undefined;
  selection: FacetSelection;
  onChange: (facet: Facet, keys: string[]) => void;
  onClear: () => void;
  /** Whether to head the filters with "Filters" (not where a drawer's title already says it). */
  withTitle?: boolean;
  /** The counts are estimates (many matches): shown as "≈ 1,200". */
  approximate?: boolean;
}) {
  const chosen = countChosen(selection);
  const groups = FACET_NAMES.map((facet) => ({
    facet,
    chosen: selection[facet] ?? [],
    values: withChosen(facets?.[facet] ?? [], selection[facet] ?? [], (key) => facetLabel(facet, key)),
  })).filter((g) => g.values.length > 0);
  return (
    <Stack gap="lg" component="section" aria-label="Filters">
      <Group justify={withTitle ? 'space-between' : 'flex-end'} h={28}>
        {withTitle && <Text fw={600}>Filters</Text>}
        {chosen > 0 && (
          <Button variant="subtle" size="compact-sm" onClick={onClear}>
            Clear filters
          </Button>
        )}
      </Group>
      {facets === undefined && groups.length === 0 ? (
        <Stack gap="lg" aria-busy="true" aria-label="Loading filters">
          {[0, 1, 2].map((i) => (
            <Stack key={i} gap={8}>
              <Skeleton height={10} width="40%" />
              <Skeleton height={8} width="80%" />
              <Skeleton height={8} width="70%" />
              <Skeleton height={8} width="75%" />
            </Stack>
          ))}
        </Stack>
      ) : groups.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nothing to filter by in these results.
        </Text>
      ) : (
        groups.map((g) => (
          <FacetGroup
            key={g.facet}
            facet={g.facet}
            values={g.values}
            chosen={g.chosen}
            approximate={approximate}
            onChange={(keys) => onChange(g.facet, keys)}
          />
        ))
      )}
    </Stack>
  );
}

function FacetGroup({
  facet,
  values,
  chosen,
  approximate,
  onChange,
}: {
  facet: Facet;
  values: FacetCount[];
  chosen: string[];
  approximate: boolean;
  onChange: (keys: string[]) => void;
}) {
  const [expanded, setExpanded] = useState(false);
  const [filter, setFilter] = useState('');
  const label = FACET_LABELS[facet];
  const shown = expanded
    ? matchValues(
        [...values].sort((a, b) => a.label.localeCompare(b.label, 'en')),
        filter,
      )
    : foldedValues(values, chosen, FOLDED);
  const foldable = values.length > FOLDED;
  return (
    <fieldset style={{ border: 0, margin: 0, padding: 0, minWidth: 0 }}>
      <Text
        component="legend"
        p={0}
        size="xs"
        fw={700}
        tt="uppercase"
        c="dimmed"
        mb={8}
        style={{ letterSpacing: '0.04em' }}
      >
        {label}
      </Text>
      {expanded && (
        <TextInput
          size="xs"
          mb={8}
          leftSection={<IconSearch size={14} />}
          placeholder={`Find a ${label.toLowerCase()}`}
          aria-label={`Find a ${label.toLowerCase()}`}
          value={filter}
          onChange={(e) => setFilter(e.currentTarget.value)}
          autoFocus
        />
      )}
      {/* A plain box, not a ScrollArea: its table layout would stop long labels from shrinking. */}
      <div style={expanded ? { maxHeight: 300, overflowY: 'auto', paddingRight: 6 } : undefined}>
        <Stack gap={7}>
          {shown.map((v) => (
            <Group key={v.key} justify="space-between" wrap="nowrap" gap="xs">
              <Checkbox
                size="xs"
                label={v.label}
                title={v.label}
                checked={chosen.includes(v.key)}
                onChange={() => onChange(toggleKey(chosen, v.key))}
                styles={{
                  root: { minWidth: 0, flex: 1 },
                  body: { minWidth: 0 },
                  labelWrapper: { minWidth: 0 },
                  label: {
                    overflow: 'hidden',
                    textOverflow: 'ellipsis',
                    whiteSpace: 'nowrap',
                    fontSize: 'var(--mantine-font-size-sm)',
                  },
                }}
              />
              <Text size="xs" c="dimmed" aria-hidden="true" style={{ fontVariantNumeric: 'tabular-nums' }}>
                {approximate ? `≈${numbers.format(roughly(v.count))}` : numbers.format(v.count)}
              </Text>
            </Group>
          ))}
          {expanded && shown.length === 0 && (
            <Text size="xs" c="dimmed">
              No {label.toLowerCase()} matches “{filter.trim()}”.
            </Text>
          )}
        </Stack>
      </div>
      {foldable && (
        <Anchor
          component="button"
          type="button"
          size="xs"
          mt={8}
          onClick={() => {
            setExpanded((open) => !open);
            setFilter('');
          }}
          aria-expanded={expanded}
        >
          {expanded ? 'Show fewer' : `Show all ${numbers.format(values.length)}`}
        </Anchor>
      )}
    </fieldset>
  );
}

/** The chosen filters as removable pills, with a way to drop them all. */
export function FilterChips({
  selection,
  facets,
  onRemove,
  onClear,
}: {
  selection: FacetSelection;
  facets: FacetCounts | undefined;
  onRemove: (facet: Facet, key: string) => void;
  onClear: () => void;
}) {
  const chosen = FACET_NAMES.flatMap((facet) =>
    (selection[facet] ?? []).map((key) => ({
      facet,
      key,
      label: facets?.[facet]?.find((v) => v.key === key)?.label ?? facetLabel(facet, key) ?? key,
    })),
  );
  if (chosen.length === 0) return null;
  return (
    <Group gap={6} aria-label="Chosen filters" role="list">
      {chosen.map((c) => (
        <Pill
          key={`${c.facet}:${c.key}`}
          role="listitem"
          size="md"
          withRemoveButton
          onRemove={() => onRemove(c.facet, c.key)}
          // Mantine hides a pill's remove button from keyboards and screen readers (it expects a
          // PillsInput around it); here it is the only way to remove the filter, so it is a real button.
          removeButtonProps={{ 'aria-label': `Remove filter ${c.label}`, 'aria-hidden': false, tabIndex: 0 }}
          title={`${FACET_LABELS[c.facet]}: ${c.label}`}
          bg="moss.0"
        >
          {c.label}
        </Pill>
      ))}
      {chosen.length > 1 && (
        <Anchor component="button" type="button" size="sm" onClick={onClear} ml={4}>
          Clear all
        </Anchor>
      )}
    </Group>
  );
}
