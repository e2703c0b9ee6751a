import { Button, Chip, Group, Loader, Select, TextInput } from '@mantine/core';
import { IconSearch, IconX } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import {
  ALL_DEAL_STATUSES,
  DEAL_STATUS_LABELS,
  DEAL_STATUSES,
  type DealStatus,
} from '../../../../common/deals.ts';
import { type DealDirection, type DealsSearch, partnershipChoicesQuery, viewKind } from '../../lib/deals.ts';
import { useSearchText } from '../../lib/use-search-text.ts';

const DIRECTION_OPTIONS: { value: DealDirection; label: string }[] = [
  { value: 'sent', label: 'Sent by us' },
  { value: 'received', label: 'Received' },
  { value: 'co_selling', label: 'Co-selling' },
];

/** The deals page's filters: words, direction, state (table), partner, overdue only. */
export function DealFilterBar({
  search,
  update,
  busy,
}: {
  search: DealsSearch;
  update: (patch: Partial<DealsSearch>, replace?: boolean) => void;
  busy: boolean;
}) {
  const [text, setText] = useSearchText(search.q, (q) => update({ q }, true));
  const partnerships = useQuery(partnershipChoicesQuery);
  const kind = viewKind(search);
  const statuses: readonly DealStatus[] = kind ? DEAL_STATUSES[kind] : ALL_DEAL_STATUSES;
  const partners = [...new Map((partnerships.data?.data ?? []).map((p) => [p.partner.id, p.partner.name]))]
    .map(([value, label]) => ({ value, label }))
    .sort((a, b) => a.label.localeCompare(b.label));
  const filtered = Boolean(
    search.q || search.direction || search.status || search.partnerId || search.overdue,
  );
  return (
    <Group gap="sm" mb="md" align="flex-end">
      <TextInput
        leftSection={<IconSearch size={16} />}
        rightSection={busy ? <Loader size={14} aria-label="Searching" /> : null}
        placeholder="Customer or title"
        aria-label="Search deals"
        type="search"
        value={text}
        onChange={(e) => setText(e.currentTarget.value)}
        style={{ flex: '1 1 220px', maxWidth: 320 }}
      />
      <Select
        aria-label="Direction"
        placeholder="Any direction"
        data={DIRECTION_OPTIONS}
        value={search.direction ?? null}
        onChange={(v) => update({ direction: (v as DealDirection | null) ?? undefined })}
        clearable
        w={160}
      />
      {search.view === 'table' && (
        <Select
          aria-label="Status"
          placeholder="Any status"
          data={statuses.map((s) => ({ value: s, label: DEAL_STATUS_LABELS[s] }))}
          value={search.status && statuses.includes(search.status) ? search.status : null}
          onChange={(v) => update({ status: (v as DealStatus | null) ?? undefined })}
          clearable
          w={160}
        />
      )}
      <Select
        aria-label="Partner"
        placeholder={partnerships.isPending ? 'Loading partners…' : 'Any partner'}
        data={partners}
        value={search.partnerId ?? null}
        onChange={(v) => update({ partnerId: v ?? undefined })}
        searchable
        clearable
        nothingFoundMessage="No such partner"
        w={200}
      />
      <Chip
        checked={Boolean(search.overdue)}
        onChange={(checked) => update({ overdue: checked ? true : undefined })}
        color="red"
        variant="outline"
        mb={4}
      >
        Overdue only
      </Chip>
      {filtered && (
        <Button
          variant="subtle"
          color="gray"
          size="sm"
          leftSection={<IconX size={14} />}
          onClick={() =>
            update({
              q: undefined,
              direction: undefined,
              status: undefined,
              partnerId: undefined,
              overdue: undefined,
            })
          }
        >
          Clear filters
        </Button>
      )}
    </Group>
  );
}
