import { MultiSelect, NumberInput, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { PARTNERSHIP_TYPE_LABELS, PARTNERSHIP_TYPES } from '../../../../common/deals.ts';
import { KIND_META, PROGRAM_KINDS, type ProgramKind } from '../../lib/programs.ts';
import { CURRENCY_OPTIONS } from '../deals/options.ts';
import type { BasicsValues } from './program-form.ts';

const KIND_OPTIONS = PROGRAM_KINDS.map((k) => ({ value: k, label: KIND_META[k].label }));
const TYPE_OPTIONS = PARTNERSHIP_TYPES.map((t) => ({ value: t, label: PARTNERSHIP_TYPE_LABELS[t] }));

/** The program's own fields: name, kind, currency, description, terms, partnership types, periods. */
export function BasicsFields({
  values,
  onChange,
  errors,
  currencyLocked,
}: {
  values: BasicsValues;
  onChange: (patch: Partial<BasicsValues>) => void;
  errors: Record<string, string>;
  /** The currency is fixed once the program has tiers or enrollments. */
  currencyLocked?: boolean;
}) {
  return (
    <Stack gap="md">
      <TextInput
        label="Name"
        placeholder="Contoso Partner Network"
        withAsterisk
        maxLength={120}
        data-autofocus
        value={values.name}
        onChange={(e) => onChange({ name: e.currentTarget.value })}
        error={errors.name}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <Select
          label="Kind"
          description={KIND_META[values.kind].hint}
          data={KIND_OPTIONS}
          allowDeselect={false}
          value={values.kind}
          onChange={(v) => v && onChange({ kind: v as ProgramKind })}
          error={errors.kind}
          comboboxProps={{ withinPortal: true }}
        />
        <Select
          label="Currency"
          description={
            currencyLocked
              ? 'Fixed: tiers and enrollments are priced in it'
              : 'Revenue requirements, bounties and MDF are in it'
          }
          data={CURRENCY_OPTIONS}
          searchable
          allowDeselect={false}
          disabled={currencyLocked}
          value={values.currency}
          onChange={(v) => v && onChange({ currency: v })}
          error={errors.currency}
          comboboxProps={{ withinPortal: true }}
        />
      </SimpleGrid>
      <MultiSelect
        label="Partnership types"
        description={
          values.kind === 'custom'
            ? 'What enrolling a partner creates or adds to your partnership with it'
            : `Optional: by default a ${KIND_META[values.kind].label.toLowerCase()} program creates a ${values.kind === 'reseller' ? 'resells' : 'refers'} partnership`
        }
        withAsterisk={values.kind === 'custom'}
        data={TYPE_OPTIONS}
        value={values.partnershipTypes}
        onChange={(v) => onChange({ partnershipTypes: v })}
        error={errors.partnershipTypes}
        clearable
        comboboxProps={{ withinPortal: true }}
      />
      <Textarea
        label="Description"
        description="What partners get and who the program is for; shown on the program page"
        autosize
        minRows={3}
        maxRows={10}
        maxLength={10000}
        value={values.description}
        onChange={(e) => onChange({ description: e.currentTarget.value })}
        error={errors.description}
      />
      <Textarea
        label="Terms"
        description="Partners accept them by applying"
        autosize
        minRows={3}
        maxRows={14}
        maxLength={50000}
        value={values.terms}
        onChange={(e) => onChange({ terms: e.currentTarget.value })}
        error={errors.terms}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <NumberInput
          label="Holding period (days)"
          description="A commission stays pending this long before it is payable"
          min={0}
          max={365}
          allowDecimal={false}
          allowNegative={false}
          value={values.holdingDays}
          onChange={(v) => onChange({ holdingDays: v })}
          error={errors.holdingDays}
        />
        <NumberInput
          label="Downgrade grace period (days)"
          description="How long a partner may sit below its tier before it moves down"
          min={0}
          max={365}
          allowDecimal={false}
          allowNegative={false}
          value={values.downgradeGraceDays}
          onChange={(v) => onChange({ downgradeGraceDays: v })}
          error={errors.downgradeGraceDays}
        />
      </SimpleGrid>
    </Stack>
  );
}
