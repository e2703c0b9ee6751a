import {
  Badge,
  Card,
  EmptyState,
  Group,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import {
  IconChartBar,
  IconCirclesRelation,
  IconDatabaseImport,
  IconFilter,
  IconGridDots,
  IconShare,
  IconUpload,
} from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { can } from '../../../../common/permissions.ts';
import { DateText } from '../../components/DateText.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { ButtonLink } from '../../components/links.tsx';
import { OrgAvatar } from '../../components/OrgAvatar.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryStates } from '../../components/QueryStates.tsx';
import {
  accountPartnersQuery,
  formatCount,
  IMPORT_STATUS_META,
  importsQuery,
  populationsQuery,
  type SharingLevel,
  sharedSummary,
  topLevel,
} from '../../lib/accounts.ts';
import { useSession } from '../../lib/session.ts';
import { LevelBadge } from './parts.tsx';

/** Account mapping at a glance: your accounts and populations, partners to map with, and where to go next. */
export function AccountsPage() {
  const { role } = useSession();
  const populations = useQuery(populationsQuery);
  const imports = useInfiniteQuery(importsQuery);
  const mayImport = can(role, 'accounts.import');
  const pops = populations.data?.data ?? [];
  const orgId = useSession().organization?.id;
  // Your own accounts' latest import (offline partners' lists are imports too).
  const lastImport = imports.data?.pages[0]?.data.find((i) => i.subject.id === orgId);
  const hasAccounts = pops.some((p) => p.accounts > 0) || Boolean(lastImport);
  const loading = populations.isPending || imports.isPending;
  return (
    <>
      <PageHeader
        title="Account mapping"
        description="Find the customers and prospects you share with partners. Your lists stay on this server; each side decides, per partner and per population, what the other may see."
        actions={
          mayImport && (
            <ButtonLink to="/accounts/imports" search={{}} leftSection={<IconUpload size={16} />}>
              Import accounts
            </ButtonLink>
          )
        }
      />
      <Stack gap="lg">
        <QuickLinks />
        {loading ? (
          <Skeleton height={220} radius="lg" />
        ) : populations.isError ? (
          <ErrorAlert error={populations.error} onRetry={() => populations.refetch()} />
        ) : !hasAccounts ? (
          <Card>
            <EmptyState
              py={48}
              withIndicatorBackground
              icon={<IconDatabaseImport size={28} />}
              title="Import your accounts to see who you share with partners"
              description="Upload a CSV export of your CRM accounts (Salesforce and HubSpot exports are recognized). Nothing is shared until you choose to."
            >
              {mayImport && (
                <ButtonLink to="/accounts/imports" search={{}} mt="md" leftSection={<IconUpload size={16} />}>
                  Import accounts
                </ButtonLink>
              )}
            </EmptyState>
          </Card>
        ) : (
          <Card component="section" aria-label="Your accounts" padding="lg">
            <Group justify="space-between" align="flex-start" mb="md">
              <Stack gap={2}>
                <Title order={3} fz="md">
                  Your accounts
                </Title>
                {lastImport && (
                  <Group gap={6}>
                    <Text size="sm" c="dimmed">
                      Last import: {lastImport.fileName},
                    </Text>
                    <DateText value={lastImport.createdAt} format="relative" />
                    <Badge size="sm" variant="light" color={IMPORT_STATUS_META[lastImport.status].color}>
                      {IMPORT_STATUS_META[lastImport.status].label}
                    </Badge>
                  </Group>
                )}
              </Stack>
            </Group>
            <SimpleGrid cols={{ base: 2, sm: 3, md: 4 }} spacing="md">
              {pops.map((p) => (
                <Card key={p.id} withBorder radius="md" padding="sm">
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm" fw={600} truncate title={p.name}>
                      {p.name}
                    </Text>
                    {p.kind === 'custom' && (
                      <Badge size="xs" variant="light" color="grape">
                        Custom
                      </Badge>
                    )}
                  </Group>
                  <Text fw={650} fz={22}>
                    {formatCount(p.accounts)}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {p.keys === p.accounts
                      ? 'accounts'
                      : `accounts · ${formatCount(p.keys)} distinct companies`}
                  </Text>
                </Card>
              ))}
            </SimpleGrid>
          </Card>
        )}
        <PartnersCard />
      </Stack>
    </>
  );
}

type QuickPath =
  | '/accounts/imports'
  | '/accounts/populations'
  | '/accounts/sharing'
  | '/accounts/matrix'
  | '/accounts/network';

function QuickLinks() {
  const links: { to: QuickPath; title: string; text: string; icon: ReactNode }[] = [
    {
      to: '/accounts/imports',
      title: 'Import',
      text: 'Upload a CSV, map its columns',
      icon: <IconUpload size={18} />,
    },
    {
      to: '/accounts/populations',
      title: 'Populations',
      text: 'Customers, prospects, your own',
      icon: <IconFilter size={18} />,
    },
    {
      to: '/accounts/sharing',
      title: 'Sharing',
      text: 'What each partner may see',
      icon: <IconShare size={18} />,
    },
    {
      to: '/accounts/matrix',
      title: 'Matrix',
      text: 'Overlap with one partner',
      icon: <IconGridDots size={18} />,
    },
    {
      to: '/accounts/network',
      title: 'Network',
      text: 'Partners ranked by overlap',
      icon: <IconChartBar size={18} />,
    },
  ];
  return (
    <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="md" component="nav" aria-label="Account mapping">
      {links.map((l) => (
        <Link
          key={l.to}
          to={l.to}
          search={{}}
          preload="intent"
          style={{
            border: '1px solid var(--mantine-color-default-border)',
            borderRadius: 'var(--mantine-radius-lg)',
            padding: 'var(--mantine-spacing-md)',
            background: 'var(--mantine-color-body)',
            color: 'inherit',
            textDecoration: 'none',
          }}
        >
          <Group gap="sm" wrap="nowrap">
            <ThemeIcon variant="light" size={36} radius="md">
              {l.icon}
            </ThemeIcon>
            <div style={{ minWidth: 0 }}>
              <Text fw={600} size="sm">
                {l.title}
              </Text>
              <Text size="xs" c="dimmed">
                {l.text}
              </Text>
            </div>
          </Group>
        </Link>
      ))}
    </SimpleGrid>
  );
}

function PartnersCard() {
  const partners = useQuery(accountPartnersQuery);
  const rows = partners.data?.data ?? [];
  return (
    <Card padding={0} component="section" aria-label="Partners to map with">
      <Stack gap={2} px="lg" pt="lg" pb="sm">
        <Title order={3} fz="md">
          Partners to map with
        </Title>
        <Text size="xs" c="dimmed">
          A matrix cell is visible when both sides share at least counts for it.
        </Text>
      </Stack>
      <QueryStates
        query={partners}
        skeletonRows={3}
        isEmpty={rows.length === 0}
        empty={{
          icon: <IconCirclesRelation size={28} />,
          title: 'No partners yet',
          description: 'Account mapping works with your active partnerships.',
        }}
      >
        <ListTable
          minWidth={980}
          aria-label="Partners"
          horizontalSpacing="md"
          actionsWidth={220}
          head={
            <>
              <Table.Th>Partner</Table.Th>
              <Table.Th w={130}>Accounts</Table.Th>
              <Table.Th w={190}>You share</Table.Th>
              <Table.Th w={190}>They share</Table.Th>
            </>
          }
        >
          {rows.map((p) => (
            <Table.Tr key={p.partner.id}>
              <Table.Td>
                <Group gap="sm" wrap="nowrap">
                  <OrgAvatar name={p.partner.name} size={28} />
                  <Text size="sm" fw={600} truncate>
                    {p.partner.name}
                  </Text>
                  {p.offline && (
                    <Badge size="sm" variant="outline" color="gray">
                      Offline
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              <Table.Td>
                {p.hasAccounts ? (
                  <Badge size="sm" variant="light" color="moss">
                    Imported
                  </Badge>
                ) : (
                  <Text size="sm" c="dimmed">
                    None yet
                  </Text>
                )}
              </Table.Td>
              {p.offline ? (
                <Table.Td colSpan={2}>
                  <Text size="sm" c="dimmed">
                    Your own upload of their list: you see it in full
                  </Text>
                </Table.Td>
              ) : (
                <>
                  <Table.Td>
                    <SharedCell counts={p.iShare} />
                  </Table.Td>
                  <Table.Td>
                    <SharedCell counts={p.theyShare} />
                  </Table.Td>
                </>
              )}
              <Table.Td>
                <Group gap="xs" justify="flex-end" wrap="nowrap">
                  <ButtonLink
                    size="xs"
                    variant="default"
                    to="/accounts/sharing"
                    search={{ partnerId: p.partner.id }}
                  >
                    Sharing
                  </ButtonLink>
                  <ButtonLink
                    size="xs"
                    variant="light"
                    to="/accounts/matrix"
                    search={{ partnerId: p.partner.id }}
                  >
                    Open matrix
                  </ButtonLink>
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      </QueryStates>
    </Card>
  );
}

function SharedCell({ counts }: { counts: Partial<Record<SharingLevel, number>> }) {
  const top = topLevel(counts);
  return (
    <Stack gap={2} align="flex-start">
      <LevelBadge level={top} />
      {top !== 'hidden' && (
        <Text size="xs" c="dimmed">
          {sharedSummary(counts)}
        </Text>
      )}
    </Stack>
  );
}
