import {
  Checkbox,
  Fieldset,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { ReactNode } from 'react';
import { todayIso } from '../../lib/deals.ts';
import type { DealValues } from './deal-form.ts';
import { COUNTRY_OPTIONS, CURRENCY_OPTIONS } from './options.ts';

/** The customer: who they are (fixed once the deal has left its creator). */
export function CustomerFields({
  form,
  autoFocus,
}: {
  form: UseFormReturnType<DealValues>;
  autoFocus?: boolean;
}) {
  return (
    <Fieldset legend={<Legend>Customer</Legend>} variant="unstyled">
      <Stack gap="sm">
        <TextInput
          label="Customer name"
          placeholder="Adventure Works AB"
          withAsterisk
          maxLength={200}
          data-autofocus={autoFocus || undefined}
          {...form.getInputProps('customerName')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label="Customer domain"
            placeholder="adventure-works.com"
            description="Best for matching: the conflict check compares domains"
            maxLength={253}
            autoComplete="off"
            {...form.getInputProps('customerDomain')}
          />
          <Select
            label="Country"
            placeholder="Choose a country"
            data={COUNTRY_OPTIONS}
            searchable
            clearable
            nothingFoundMessage="No such country"
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('customerCountry')}
          />
        </SimpleGrid>
      </Stack>
    </Fieldset>
  );
}

/** The deal itself: title, value and timing. */
export function DealDetailsFields({ form }: { form: UseFormReturnType<DealValues> }) {
  return (
    <Fieldset legend={<Legend>Deal</Legend>} variant="unstyled">
      <Stack gap="sm">
        <TextInput
          label="Title"
          description="Optional: a short name; the customer name otherwise"
          placeholder="Security assessment and E5 upgrade"
          maxLength={200}
          {...form.getInputProps('title')}
        />
        <Group gap="sm" align="flex-start" grow wrap="wrap">
          <TextInput
            label="Amount"
            description="Estimated value"
            placeholder="25,000.00"
            inputMode="decimal"
            autoComplete="off"
            withAsterisk
            miw={160}
            {...form.getInputProps('amount')}
          />
          <Select
            label="Currency"
            description="ISO 4217 code"
            data={CURRENCY_OPTIONS}
            searchable
            allowDeselect={false}
            nothingFoundMessage="No such currency"
            withAsterisk
            miw={120}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('currency')}
          />
          <TextInput
            label="Expected close"
            description="Optional"
            type="date"
            min={todayIso()}
            miw={160}
            {...form.getInputProps('expectedClose')}
          />
        </Group>
        <Checkbox
          label="Subscription (amounts per month)"
          description="The amount is monthly recurring revenue; recurring commissions pay on it each month"
          {...form.getInputProps('subscription', { type: 'checkbox' })}
        />
      </Stack>
    </Fieldset>
  );
}

/** The person to talk to and what they need. */
export function ContactFields({ form }: { form: UseFormReturnType<DealValues> }) {
  return (
    <Fieldset legend={<Legend>Contact</Legend>} variant="unstyled">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label="Contact name"
            placeholder="Anna Svensson"
            maxLength={200}
            autoComplete="off"
            {...form.getInputProps('contactName')}
          />
          <TextInput
            label="Contact email"
            placeholder="anna@adventure-works.com"
            type="email"
            maxLength={254}
            autoComplete="off"
            {...form.getInputProps('contactEmail')}
          />
        </SimpleGrid>
        <Textarea
          label="What the customer needs"
          placeholder="Moving 300 seats to the cloud by Q3; wants a security assessment first."
          autosize
          minRows={3}
          maxRows={8}
          maxLength={4000}
          {...form.getInputProps('need')}
        />
      </Stack>
    </Fieldset>
  );
}

function Legend({ children }: { children: ReactNode }) {
  return (
    <Text span size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: '0.04em' }}>
      {children}
    </Text>
  );
}
