import {
  Badge,
  Card,
  EmptyState,
  Group,
  Progress,
  Select,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { IconChartBar, IconLock } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { ListTable } from '../../components/ListTable.tsx';
import { AnchorLink } from '../../components/links.tsx';
import { OrgAvatar } from '../../components/OrgAvatar.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryStates } from '../../components/QueryStates.tsx';
import { formatCount, networkQuery, populationsQuery } from '../../lib/accounts.ts';

const route = getRouteApi('/authed/app/accounts/network');

/** For one of your populations: which partners overlap it most (partners who share nothing say so). */
export function NetworkPage() {
  const { population } = route.useSearch();
  const navigate = route.useNavigate();
  const populations = useQuery(populationsQuery);
  const options = (populations.data?.data ?? []).map((p) => ({ value: p.id, label: p.name }));
  // Without a choice, the first population (customers) is shown.
  const chosen = population ?? options[0]?.value;
  return (
    <>
      <PageHeader
        title="Network"
        description="Which partners share the most accounts with one of your populations: where co-selling is likeliest to pay off."
      />
      <Stack gap="lg">
        {populations.isPending ? (
          <Skeleton height={58} width={320} />
        ) : (
          <Select
            label="Your population"
            w={{ base: '100%', sm: 360 }}
            data={options}
            value={chosen ?? null}
            onChange={(id) => id && navigate({ search: { population: id } })}
            allowDeselect={false}
            placeholder={options.length ? 'Pick a population' : 'Import your accounts first'}
            error={populations.isError ? 'Could not load your populations' : undefined}
          />
        )}
        {chosen ? (
          <Ranking population={chosen} />
        ) : (
          !populations.isPending && (
            <Card>
              <EmptyState
                py={40}
                withIndicatorBackground
                icon={<IconChartBar size={28} />}
                title="Import your accounts to see who you share with partners"
                description="The network view ranks partners by their overlap with your populations."
              />
            </Card>
          )
        )}
      </Stack>
    </>
  );
}

function Ranking({ population }: { population: string }) {
  const network = useQuery(networkQuery(population));
  const rows = [...(network.data?.data ?? [])].sort(
    (a, b) => (b.keys ?? -1) - (a.keys ?? -1) || a.partner.name.localeCompare(b.partner.name),
  );
  const max = rows.reduce((m, r) => Math.max(m, r.keys ?? 0), 0);
  return (
    <Card padding={0} component="section" aria-label="Partners by overlap">
      <Stack gap={2} px="lg" pt="lg" pb="sm">
        <Title order={3} fz="md">
          Partners by overlap with your {network.data?.population.name ?? 'population'}
        </Title>
        <Text size="xs" c="dimmed">
          The count is the partner’s best overlap among the populations it shares with you.
        </Text>
      </Stack>
      <QueryStates
        query={network}
        isEmpty={rows.length === 0}
        empty={{
          icon: <IconChartBar size={28} />,
          title: 'No partners yet',
          description: 'Account mapping works with your active partnerships.',
        }}
      >
        <ListTable
          minWidth={720}
          aria-label="Partners ranked by overlap"
          horizontalSpacing="md"
          head={
            <>
              <Table.Th w={260}>Partner</Table.Th>
              <Table.Th>Overlap</Table.Th>
              <Table.Th w={110} style={{ textAlign: 'right' }}>
                Accounts
              </Table.Th>
            </>
          }
        >
          {rows.map((r) => (
            <Table.Tr key={r.partner.id}>
              <Table.Td>
                <Group gap="sm" wrap="nowrap">
                  <OrgAvatar name={r.partner.name} size={28} />
                  <div style={{ minWidth: 0 }}>
                    <AnchorLink
                      to="/accounts/matrix"
                      search={{ partnerId: r.partner.id }}
                      size="sm"
                      fw={600}
                      c="dark"
                      truncate
                    >
                      {r.partner.name}
                    </AnchorLink>
                    {r.best && (
                      <Text size="xs" c="dimmed" truncate>
                        with their {r.best.name}
                      </Text>
                    )}
                  </div>
                  {r.offline && (
                    <Badge size="xs" variant="outline" color="gray">
                      Offline
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                {r.status === 'shared' && r.keys !== null ? (
                  <Progress
                    value={max > 0 ? (r.keys / max) * 100 : 0}
                    size="lg"
                    aria-label={`${r.partner.name}: ${r.keys} accounts`}
                  />
                ) : r.status === 'not_shared' ? (
                  <Group gap={6} c="dimmed">
                    <IconLock size={14} />
                    <Text size="sm">not shared</Text>
                  </Group>
                ) : (
                  <Text size="sm" c="dimmed">
                    No accounts imported
                  </Text>
                )}
              </Table.Td>
              <Table.Td style={{ textAlign: 'right' }}>
                <Text size="sm" fw={600}>
                  {r.keys === null ? '—' : formatCount(r.keys)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      </QueryStates>
    </Card>
  );
}
