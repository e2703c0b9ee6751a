import {
  Card,
  EmptyState,
  Group,
  Loader,
  SegmentedControl,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconAward, IconCoins, IconFileInvoice, IconFilterOff } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { DateText } from '../../components/DateText.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { AnchorLink, ButtonLink } from '../../components/links.tsx';
import { OrgAvatar } from '../../components/OrgAvatar.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryStates } from '../../components/QueryStates.tsx';
import { formatDate } from '../../lib/format.ts';
import {
  balancesByVendor,
  EARNING_STATE_META,
  EARNING_STATES,
  type EarningState,
  type EarningsBalance,
  type EarningsSearch,
  earningsQuery,
  formatMoney,
} from '../../lib/money.ts';
import { EarningStatements } from './EarningStatements.tsx';
import { Amount, EarningStateBadge, Figure, KindBadge } from './MoneyParts.tsx';

const route = getRouteApi('/authed/app/earnings');

const HOW_IT_WORKS =
  'Commissions arise when a deal you registered or referred is won (or a referral qualifies) with a vendor whose program you joined; MDF claims the vendor approves land here too. Each stays pending for the program’s holding period, then is paid out in the vendor’s next payout. P2P referral fees between partners are netted on the partnership’s page instead.';

/** A partner's earnings: balances per vendor and currency, every entry with its state, statements. */
export function EarningsPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const update = (patch: Partial<EarningsSearch>) =>
    navigate({ search: (s) => ({ ...s, ...patch }), replace: true });
  // Balances of every vendor, whatever the list below is filtered to.
  const all = useInfiniteQuery(earningsQuery({}));
  const balances = all.data?.pages[0]?.balances ?? [];
  const vendors = balancesByVendor(balances);
  const nothingYet = all.isSuccess && balances.length === 0 && (all.data.pages[0]?.data.length ?? 0) === 0;

  return (
    <>
      <PageHeader
        title="Earnings"
        description="What vendors owe your organization as their partner, from pending to paid."
      />
      {all.isPending ? (
        <Stack gap="lg" aria-busy="true" aria-label="Loading">
          <SimpleGrid cols={{ base: 1, md: 2 }}>
            <Skeleton height={150} radius="lg" />
            <Skeleton height={150} radius="lg" />
          </SimpleGrid>
          <Skeleton height={320} radius="lg" />
        </Stack>
      ) : all.isError ? (
        <ErrorAlert error={all.error} title="Could not load your earnings" onRetry={() => all.refetch()} />
      ) : nothingYet ? (
        <Card padding="xl">
          <EmptyState
            py={48}
            withIndicatorBackground
            icon={<IconCoins size={28} />}
            title="No earnings yet"
            description={HOW_IT_WORKS}
          >
            <ButtonLink
              to="/programs"
              search={{ tab: 'available' }}
              variant="default"
              leftSection={<IconAward size={16} />}
            >
              Browse programs
            </ButtonLink>
          </EmptyState>
        </Card>
      ) : (
        <Stack gap="lg">
          <Stack gap="md" component="section" aria-label="Balances">
            {vendors.map((v) => (
              <VendorCard key={v.vendor.id} vendor={v.vendor} balances={v.balances} />
            ))}
          </Stack>
          <EntriesCard
            search={search}
            vendorOptions={vendors.map((v) => ({ value: v.vendor.id, label: v.vendor.name }))}
            onChange={update}
          />
          <EarningStatements vendorId={search.vendorId} />
        </Stack>
      )}
    </>
  );
}

function VendorCard({
  vendor,
  balances,
}: {
  vendor: EarningsBalance['vendor'];
  balances: EarningsBalance[];
}) {
  return (
    <Card padding="lg" component="section" aria-label={vendor.name}>
      <Group justify="space-between" mb="md" gap="sm">
        <Group gap="sm" wrap="nowrap">
          <OrgAvatar name={vendor.name} size={32} />
          <Title order={3} fz="md">
            {vendor.name}
          </Title>
        </Group>
        <AnchorLink
          to="/earnings"
          search={(s) => ({ ...s, vendorId: vendor.id })}
          size="sm"
          aria-label={`Show ${vendor.name}’s entries`}
        >
          Show entries
        </AnchorLink>
      </Group>
      <Stack gap="md">
        {balances.map((b) => (
          <SimpleGrid key={b.currency} cols={{ base: 2, sm: 4 }} spacing="md">
            <Figure
              label={`Pending · ${b.currency}`}
              value={<Signed amountMinor={b.pendingMinor} currency={b.currency} />}
              hint="In the holding period"
            />
            <Figure
              label="Payable"
              value={<Signed amountMinor={b.payableMinor} currency={b.currency} />}
              hint={b.payableMinor < 0 ? 'Clawed back: deducted from later earnings' : 'In the next payout'}
            />
            <Figure
              label="In payout"
              value={<Signed amountMinor={b.inPayoutMinor} currency={b.currency} />}
              hint="Being paid"
            />
            <Figure label="Paid" value={<Signed amountMinor={b.paidMinor} currency={b.currency} />} />
          </SimpleGrid>
        ))}
      </Stack>
    </Card>
  );
}

/** A balance, red when clawbacks took it below zero. */
function Signed({ amountMinor, currency }: { amountMinor: number; currency: string }) {
  return (
    <Text inherit c={amountMinor < 0 ? 'red.7' : undefined}>
      {formatMoney({ amountMinor, currency })}
    </Text>
  );
}

const STATE_FILTERS = [
  { value: 'all', label: 'All' },
  ...EARNING_STATES.map((s) => ({ value: s, label: EARNING_STATE_META[s].label })),
];

function EntriesCard({
  search,
  vendorOptions,
  onChange,
}: {
  search: EarningsSearch;
  vendorOptions: { value: string; label: string }[];
  onChange: (patch: Partial<EarningsSearch>) => void;
}) {
  const entries = useInfiniteQuery(earningsQuery(search));
  const rows = entries.data?.pages.flatMap((p) => p.data) ?? [];
  const filtered = Boolean(search.state || search.vendorId);
  const refreshing = entries.isFetching && !entries.isFetchingNextPage && !entries.isPending;
  return (
    <Card padding={0} component="section" aria-label="Entries">
      <Group px="lg" pt="lg" pb="sm" justify="space-between" gap="sm">
        <Group gap="sm">
          <Title order={3} fz="md">
            Entries
          </Title>
          {refreshing && <Loader size={14} aria-label="Refreshing" />}
        </Group>
        <Group gap="sm">
          {vendorOptions.length > 1 && (
            <Select
              aria-label="Vendor"
              placeholder="All vendors"
              data={vendorOptions}
              value={search.vendorId ?? null}
              onChange={(v) => onChange({ vendorId: v ?? undefined })}
              clearable
              w={200}
              comboboxProps={{ withinPortal: true }}
            />
          )}
          <SegmentedControl
            aria-label="State"
            data={STATE_FILTERS}
            value={search.state ?? 'all'}
            onChange={(v) => onChange({ state: v === 'all' ? undefined : (v as EarningState) })}
          />
        </Group>
      </Group>
      <QueryStates
        query={entries}
        isEmpty={rows.length === 0}
        empty={{
          icon: filtered ? <IconFilterOff size={28} /> : <IconFileInvoice size={28} />,
          title: filtered ? 'Nothing matches' : 'No entries yet',
          description: filtered ? 'Try another state or vendor.' : HOW_IT_WORKS,
        }}
      >
        <div style={{ opacity: entries.isPlaceholderData ? 0.6 : 1 }}>
          <ListTable
            minWidth={900}
            aria-label="Earnings entries"
            horizontalSpacing="md"
            head={
              <>
                <Table.Th w={120}>Earned</Table.Th>
                <Table.Th w={170}>Vendor</Table.Th>
                <Table.Th w={130}>Kind</Table.Th>
                <Table.Th>Description</Table.Th>
                <Table.Th w={130} style={{ textAlign: 'right' }}>
                  Amount
                </Table.Th>
                <Table.Th w={150}>State</Table.Th>
              </>
            }
          >
            {rows.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>
                  <DateText value={e.earnedAt} format="date" style={{ whiteSpace: 'nowrap' }} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" truncate>
                    {e.vendor.name}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <KindBadge kind={e.kind} />
                </Table.Td>
                <Table.Td>
                  <Text size="sm" lineClamp={2}>
                    {e.description}
                  </Text>
                  {e.dealId && (
                    <AnchorLink to="/deals/$dealId" params={{ dealId: e.dealId }} size="xs">
                      Open the deal
                    </AnchorLink>
                  )}
                </Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>
                  <Amount money={e} />
                </Table.Td>
                <Table.Td>
                  <Stack gap={2} align="flex-start">
                    <EarningStateBadge state={e.state} />
                    {e.state === 'pending' && (
                      <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                        Payable from {formatDate(e.availableAt)}
                      </Text>
                    )}
                  </Stack>
                </Table.Td>
              </Table.Tr>
            ))}
          </ListTable>
        </div>
      </QueryStates>
      <div style={{ paddingBottom: entries.hasNextPage ? 'var(--mantine-spacing-md)' : 0 }}>
        <LoadMore {...entries} />
      </div>
    </Card>
  );
}
