import { Breadcrumbs, Stack, Text } from '@mantine/core';
import { AnchorLink } from '../../components/links.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { FxRatesCard } from './FxRatesCard.tsx';
import { LedgerReportCard } from './LedgerReportCard.tsx';
import { PayoutSettingsCard } from './PayoutSettingsCard.tsx';

/** Money settings: reporting currency, payout minimums, exchange rates, and the report they feed. */
export function MoneySettingsPage() {
  return (
    <>
      <Breadcrumbs separatorMargin={6} fz="sm" mb="sm">
        <AnchorLink to="/settings" size="sm" c="dimmed">
          Settings
        </AnchorLink>
        <Text size="sm" c="dimmed" aria-current="page">
          Money
        </Text>
      </Breadcrumbs>
      <PageHeader
        title="Money settings"
        description="The currency your reports use, the least a partner is paid out per currency, the exchange rates that convert amounts, and the report itself."
      />
      <Stack gap="lg">
        <PayoutSettingsCard />
        <LedgerReportCard />
        <FxRatesCard />
      </Stack>
    </>
  );
}
