import {
  Accordion,
  Alert,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  Loader,
  SimpleGrid,
  Stack,
  Text,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAlertTriangle, IconBriefcase, IconDownload, IconSettings } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { can } from '../../../../common/permissions.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { AnchorLink, ButtonLink } from '../../components/links.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { type Cockpit, type CockpitFilters, cockpitExportHref, cockpitQuery } from '../../lib/cockpit.ts';
import { errorMessage, hasStatus } from '../../lib/errors.ts';
import { formatPeriod, hasCode } from '../../lib/money.ts';
import { useSession } from '../../lib/session.ts';
import {
  ComparisonCard,
  ConcentrationChart,
  PartnerActivityChart,
  RevenueTrendChart,
  TierChart,
} from './CockpitCharts.tsx';
import { CockpitFilterBar } from './CockpitFilters.tsx';
import { CockpitSettingsModal } from './CockpitSettingsModal.tsx';
import { KpiGrid } from './KpiGrid.tsx';
import { RollupTable } from './RollupTable.tsx';

const route = getRouteApi('/authed/app/cockpit');

/** The CPO cockpit: how the partner business is doing, by month, with the alliance managers' roll-up. */
export function CockpitPage() {
  const filters = route.useSearch();
  const navigate = route.useNavigate();
  const { role } = useSession();
  const [settingsOpen, settings] = useDisclosure(false);
  const cockpit = useQuery({ ...cockpitQuery(filters), placeholderData: keepPreviousData });
  const data = cockpit.data;
  const setFilters = (next: CockpitFilters) => navigate({ search: next, replace: true });
  return (
    <>
      <PageHeader
        title="Cockpit"
        description="How the partner business is doing: revenue partners bring, how many partners are active, what indirect selling costs, and each alliance manager’s share."
        actions={
          <>
            {can(role, 'partnerships.manage') && (
              <ButtonLink to="/cockpit/me" variant="default" leftSection={<IconBriefcase size={16} />}>
                My portfolio
              </ButtonLink>
            )}
            <Button
              component="a"
              href={cockpitExportHref(filters)}
              variant="default"
              leftSection={<IconDownload size={16} />}
            >
              Export CSV
            </Button>
            {can(role, 'cockpit.settings') && (
              <Button variant="default" leftSection={<IconSettings size={16} />} onClick={settings.open}>
                Settings
              </Button>
            )}
          </>
        }
      />
      <Stack gap="lg">
        <CockpitFilterBar
          filters={filters}
          onChange={setFilters}
          showManagers={role !== 'alliance_manager'}
        />
        {cockpit.isError && !data ? (
          <CockpitError error={cockpit.error} onRetry={() => cockpit.refetch()} />
        ) : (
          <>
            {cockpit.isError && <CockpitError error={cockpit.error} onRetry={() => cockpit.refetch()} />}
            <Group gap="sm" mih={22}>
              {data && (
                <>
                  <Badge variant="light" color={data.scope === 'portfolio' ? 'blue' : 'moss'}>
                    {data.scope === 'portfolio' ? 'Your portfolio' : 'Whole organization'}
                  </Badge>
                  <Text size="sm" c="dimmed">
                    {formatPeriod(data.period.from, data.period.to)} · amounts in {data.currency}
                  </Text>
                </>
              )}
              {cockpit.isFetching && <Loader size={14} aria-label="Updating" />}
            </Group>
            <div style={{ opacity: cockpit.isPlaceholderData ? 0.6 : 1, transition: 'opacity 120ms' }}>
              <Stack gap="lg">
                <KpiGrid cockpit={data} />
                {data && <Charts cockpit={data} />}
              </Stack>
            </div>
          </>
        )}
      </Stack>
      {can(role, 'cockpit.settings') && (
        <CockpitSettingsModal opened={settingsOpen} onClose={settings.close} />
      )}
    </>
  );
}

/** Why the cockpit cannot be shown: a missing exchange rate says where to add it; bad filters say so. */
function CockpitError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  if (hasCode(error, 'fx_rate_missing'))
    return (
      <Alert
        color="orange"
        variant="light"
        title="An exchange rate is missing"
        icon={<IconAlertTriangle size={18} />}
        role="alert"
      >
        <Text size="sm">{errorMessage(error)}.</Text>
        <Text size="sm" mt={4}>
          Add it under{' '}
          <AnchorLink to="/settings/money" size="sm" inherit>
            Money settings
          </AnchorLink>
          , then come back.
        </Text>
      </Alert>
    );
  if (hasStatus(error, 400) || hasStatus(error, 403))
    return <ErrorAlert error={error} title="Cannot show the cockpit for these filters" />;
  return <ErrorAlert error={error} onRetry={onRetry} />;
}

function Charts({ cockpit }: { cockpit: Cockpit }) {
  return (
    <>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 8 }}>
          <RevenueTrendChart cockpit={cockpit} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 4 }}>
          <TierChart cockpit={cockpit} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <ComparisonCard cockpit={cockpit} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <ConcentrationChart cockpit={cockpit} />
        </Grid.Col>
        <Grid.Col span={12}>
          <PartnerActivityChart cockpit={cockpit} />
        </Grid.Col>
      </Grid>
      <RollupTable cockpit={cockpit} />
      <Definitions cockpit={cockpit} />
    </>
  );
}

const DEFINITION_LABELS: Record<string, string> = {
  partnerSourced: 'Partner-sourced revenue',
  partnerInfluenced: 'Partner-influenced revenue',
  direct: 'Direct revenue',
  channelShare: 'Channel share',
  activePartners: 'Active partners',
  activation: 'Activation rate',
  timeToFirstDeal: 'Time to first deal',
  winRate: 'Win rate',
  avgDealSize: 'Average deal size',
  timeToClose: 'Time to close',
  concentration: 'Partner concentration',
  tiers: 'Tier distribution',
  costOfIndirect: 'Cost of indirect selling',
  p2p: 'P2P share',
  trend: 'Trend by month',
  rollup: 'Alliance manager roll-up',
  filters: 'Filters',
};

/** Every definition the cockpit answers with, written out: the numbers mean what these say. */
function Definitions({ cockpit }: { cockpit: Cockpit }) {
  const rows = Object.entries(cockpit.definitions);
  if (rows.length === 0) return null;
  return (
    <Card padding={0} component="section" aria-label="Definitions">
      <Accordion variant="default" chevronPosition="right">
        <Accordion.Item value="definitions" style={{ borderBottom: 0 }}>
          <Accordion.Control px="lg">
            <Text fw={600} size="sm">
              How these numbers are counted
            </Text>
          </Accordion.Control>
          <Accordion.Panel px="sm">
            <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md" verticalSpacing="sm">
              {rows.map(([key, text]) => (
                <div key={key}>
                  <Text size="sm" fw={600}>
                    {DEFINITION_LABELS[key] ?? key}
                  </Text>
                  <Text size="sm" c="dimmed">
                    {text}
                  </Text>
                </div>
              ))}
            </SimpleGrid>
          </Accordion.Panel>
        </Accordion.Item>
      </Accordion>
    </Card>
  );
}
