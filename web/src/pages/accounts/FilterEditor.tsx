import { ActionIcon, Button, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import {
  type ConditionDraft,
  FILTER_OPS,
  type FilterOp,
  type PopulationField,
  STANDARD_FILTER_FIELDS,
} from '../../lib/accounts.ts';

/** Edits a custom population's conditions (every one must match): field, operator, value. */
export function FilterEditor({
  conditions,
  onChange,
  fields,
  errors,
}: {
  conditions: ConditionDraft[];
  onChange: (conditions: ConditionDraft[]) => void;
  /** Imported fields (as `fields.<name>`) beside the standard columns. */
  fields: readonly PopulationField[];
  errors: Record<number, string>;
}) {
  // The API lists the standard columns too; imported fields are the `fields.` ones.
  const imported = fields.filter((f) => f.field.startsWith('fields.'));
  const fieldOptions = [
    { group: 'Account', items: STANDARD_FILTER_FIELDS.map((f) => ({ value: f.field, label: f.label })) },
    ...(imported.length
      ? [{ group: 'Imported fields', items: imported.map((f) => ({ value: f.field, label: f.label })) }]
      : []),
  ];
  const update = (i: number, patch: Partial<ConditionDraft>) =>
    onChange(conditions.map((c, j) => (j === i ? { ...c, ...patch } : c)));
  return (
    <Stack gap="xs">
      <Text size="sm" fw={500}>
        Accounts that match all of these conditions
      </Text>
      {conditions.length === 0 && (
        <Text size="sm" c="dimmed">
          No conditions: every account belongs.
        </Text>
      )}
      {conditions.map((c, i) => {
        const op = FILTER_OPS.find((o) => o.value === c.op);
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: conditions have no identity but their place
          <Group key={i} gap="xs" align="flex-start" wrap="nowrap">
            <Select
              aria-label={`Condition ${i + 1} field`}
              placeholder="Field"
              data={fieldOptions}
              value={c.field}
              onChange={(field) => update(i, { field })}
              searchable
              w={200}
              error={errors[i] === 'Pick a field' ? errors[i] : undefined}
            />
            <Select
              aria-label={`Condition ${i + 1} operator`}
              data={FILTER_OPS.map((o) => ({ value: o.value, label: o.label }))}
              value={c.op}
              onChange={(v) => v && update(i, { op: v as FilterOp })}
              allowDeselect={false}
              w={150}
            />
            {op?.needsValue ? (
              <TextInput
                aria-label={`Condition ${i + 1} value`}
                placeholder={c.op === 'in' ? 'Values, separated by commas' : 'Value'}
                value={c.value}
                onChange={(e) => update(i, { value: e.currentTarget.value })}
                style={{ flex: 1 }}
                error={errors[i] === 'Enter a value' ? errors[i] : undefined}
              />
            ) : (
              <div style={{ flex: 1 }} />
            )}
            <ActionIcon
              variant="subtle"
              color="gray"
              size={36}
              aria-label={`Remove condition ${i + 1}`}
              onClick={() => onChange(conditions.filter((_, j) => j !== i))}
            >
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        );
      })}
      <div>
        <Button
          variant="subtle"
          size="xs"
          leftSection={<IconPlus size={14} />}
          onClick={() => onChange([...conditions, { field: null, op: 'equals', value: '' }])}
        >
          Add condition
        </Button>
      </div>
      <Text size="xs" c="dimmed">
        Values compare without regard to case or surrounding spaces.
      </Text>
    </Stack>
  );
}
