import { Select, type SelectProps, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { ROLE_LABELS, type Role } from '../../../../common/permissions.ts';
import { type OwnerChoice, ownerChoicesQuery } from '../../lib/partnerships.ts';

const GROUPS: { label: string; roles: Role[] }[] = [
  { label: 'Alliance managers', roles: ['alliance_manager'] },
  { label: 'Partner leadership', roles: ['cpo', 'owner', 'admin'] },
  { label: 'Others', roles: ['sales', 'finance', 'member'] },
];

/** The select's options: members grouped by how likely they own partnerships, alliance managers first. */
function ownerOptions(choices: readonly OwnerChoice[], meId: string) {
  return GROUPS.map((g) => ({
    group: g.label,
    items: choices
      .filter((c) => g.roles.includes(c.role))
      .map((c) => ({ value: c.userId, label: c.userId === meId ? `${c.name} (you)` : c.name })),
  })).filter((g) => g.items.length > 0);
}

/** Picks the member of your organization who owns a partnership on your side. */
export function OwnerSelect({
  meId,
  value,
  onChange,
  ...props
}: Omit<SelectProps, 'data' | 'value' | 'onChange'> & {
  meId: string;
  value: string | null;
  onChange: (userId: string | null) => void;
}) {
  const choices = useQuery(ownerChoicesQuery);
  const byId = new Map((choices.data ?? []).map((c) => [c.userId, c]));
  return (
    <Select
      searchable
      data={ownerOptions(choices.data ?? [], meId)}
      value={value}
      onChange={onChange}
      nothingFoundMessage={choices.isPending ? 'Loading members…' : 'No member matches'}
      error={choices.isError ? 'Could not load the members' : undefined}
      renderOption={({ option }) => {
        const member = byId.get(option.value);
        return (
          <div style={{ minWidth: 0 }}>
            <Text size="sm" truncate>
              {option.label}
            </Text>
            {member && (
              <Text size="xs" c="dimmed" truncate>
                {ROLE_LABELS[member.role]} · {member.email}
              </Text>
            )}
          </div>
        );
      }}
      comboboxProps={{ withinPortal: true }}
      {...props}
    />
  );
}
