import { Badge, Group, Select, Skeleton, Text, Tooltip } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { OrgAvatar } from '../../components/OrgAvatar.tsx';
import { accountPartnersQuery, LEVEL_META, type SharingLevel } from '../../lib/accounts.ts';

/** A sharing level as a badge, its meaning on hover. */
export function LevelBadge({ level, prefix }: { level: SharingLevel; prefix?: string }) {
  const meta = LEVEL_META[level];
  return (
    <Tooltip label={meta.hint} withArrow>
      <Badge variant="light" color={meta.color} size="sm">
        {prefix ? `${prefix}: ${meta.label.toLowerCase()}` : meta.label}
      </Badge>
    </Tooltip>
  );
}

/** Picks one of the partners to map accounts with (active partnerships, offline partners too). */
export function PartnerSelect({
  value,
  onChange,
  label = 'Partner',
}: {
  value: string | undefined;
  onChange: (partnerId: string | undefined) => void;
  label?: string;
}) {
  const partners = useQuery(accountPartnersQuery);
  if (partners.isPending) return <Skeleton height={58} width={320} />;
  const rows = partners.data?.data ?? [];
  const byId = new Map(rows.map((p) => [p.partner.id, p]));
  return (
    <Select
      label={label}
      placeholder={rows.length ? 'Pick a partner' : 'No active partnerships'}
      w={{ base: '100%', sm: 360 }}
      searchable
      data={rows.map((p) => ({ value: p.partner.id, label: p.partner.name }))}
      value={value ?? null}
      onChange={(id) => onChange(id ?? undefined)}
      nothingFoundMessage="No partner by that name"
      error={partners.isError ? 'Could not load your partners' : undefined}
      renderOption={({ option }) => {
        const p = byId.get(option.value);
        return (
          <Group gap="sm" wrap="nowrap">
            <OrgAvatar name={option.label} size={24} />
            <Text size="sm" truncate>
              {option.label}
            </Text>
            {p?.offline && (
              <Badge size="xs" variant="outline" color="gray">
                Offline
              </Badge>
            )}
          </Group>
        );
      }}
    />
  );
}
