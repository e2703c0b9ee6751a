import { Badge, Card, Grid, Group, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlarm, IconBriefcase, IconClockPause, IconShieldCheck, IconSparkles } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { DateText } from '../../components/DateText.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { AnchorLink, ButtonLink } from '../../components/links.tsx';
import { OrgAvatar } from '../../components/OrgAvatar.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { type AllianceManagerView, allianceManagerQuery, formatAmount } from '../../lib/cockpit.ts';
import { formatRelative } from '../../lib/format.ts';
import { trustBand } from '../../lib/insights.ts';
import { useSession } from '../../lib/session.ts';
import { KpiCard } from './KpiGrid.tsx';

const route = getRouteApi('/authed/app/cockpit/me');

type View = AllianceManagerView;
type Partner = { id: string; name: string };

const KIND_LABELS: Record<string, string> = {
  referral: 'Referral',
  registration: 'Registration',
  opportunity: 'Opportunity',
};

/** An alliance manager's day: the portfolio, who is going quiet, what waits for an answer, what expires. */
export function AllianceManagerPage() {
  const { userId } = route.useSearch();
  const { me } = useSession();
  const view = useQuery(allianceManagerQuery(userId));
  const mine = !userId || userId === me.user.id;
  const data = view.data;
  return (
    <>
      <PageHeader
        title={mine ? 'My portfolio' : data ? `${data.user.name}’s portfolio` : 'Portfolio'}
        description={
          mine
            ? 'Your partners at a glance: who is going quiet, what waits for your answer, which protections run out, and who to approach next.'
            : 'This alliance manager’s partners: who is going quiet, what waits for an answer and which protections run out.'
        }
        actions={
          <ButtonLink to="/cockpit" variant="default">
            Cockpit
          </ButtonLink>
        }
      />
      {view.isError ? (
        <ErrorAlert error={view.error} onRetry={() => view.refetch()} />
      ) : !data ? (
        <Stack>
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            {[0, 1, 2, 3].map((i) => (
              <Skeleton key={i} height={100} radius="lg" />
            ))}
          </SimpleGrid>
          <Skeleton height={300} radius="lg" />
        </Stack>
      ) : (
        <Stack gap="lg">
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            <KpiCard label="Partners" value={data.portfolio.length} hint="in the portfolio" />
            <KpiCard
              label="Going inactive"
              value={data.goingInactive.length}
              hint="no deal activity lately"
            />
            <KpiCard
              label="Waiting for you"
              value={data.openSla.length}
              hint="open referrals and registrations"
            />
            <KpiCard
              label="Protections expiring"
              value={data.expiringProtections.length}
              hint="approved registrations running out"
            />
          </SimpleGrid>
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, md: 4 }}>
              <OpenSla rows={data.openSla} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>
              <Expiring rows={data.expiringProtections} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>
              <GoingInactive rows={data.goingInactive} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 8 }}>
              <Portfolio rows={data.portfolio} currency={data.currency} />
            </Grid.Col>
            <Grid.Col span={{ base: 12, lg: 4 }}>
              <Recommendations rows={data.recommendations} />
            </Grid.Col>
          </Grid>
        </Stack>
      )}
    </>
  );
}

function Section({
  title,
  description,
  icon,
  empty,
  children,
}: {
  title: string;
  description: string;
  icon: ReactNode;
  empty: string | false;
  children: ReactNode;
}) {
  return (
    <Card padding={0} component="section" aria-label={title} h="100%">
      <Group px="lg" pt="lg" pb="sm" gap="sm" wrap="nowrap" align="flex-start">
        <span style={{ color: 'var(--mantine-color-moss-7)', marginTop: 2 }}>{icon}</span>
        <Stack gap={2}>
          <Title order={3} fz="md">
            {title}
          </Title>
          <Text size="xs" c="dimmed">
            {description}
          </Text>
        </Stack>
      </Group>
      {empty ? (
        <Text size="sm" c="dimmed" px="lg" pb="lg">
          {empty}
        </Text>
      ) : (
        children
      )}
    </Card>
  );
}

function PartnerName({ partner, partnershipId }: { partner: Partner; partnershipId?: string }) {
  return (
    <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
      <OrgAvatar name={partner.name} size={26} />
      {partnershipId ? (
        <AnchorLink
          to="/partnerships/$partnershipId"
          params={{ partnershipId }}
          size="sm"
          fw={600}
          c="dark"
          truncate
        >
          {partner.name}
        </AnchorLink>
      ) : (
        <Text size="sm" fw={600} truncate>
          {partner.name}
        </Text>
      )}
    </Group>
  );
}

function DealLine({ deal, partner }: { deal: View['openSla'][number]['deal']; partner: Partner }) {
  return (
    <Stack gap={0} style={{ minWidth: 0 }}>
      <AnchorLink to="/deals/$dealId" params={{ dealId: deal.id }} size="sm" fw={600} c="dark" truncate>
        {deal.title}
      </AnchorLink>
      <Text size="xs" c="dimmed" truncate>
        {KIND_LABELS[deal.kind] ?? deal.kind} · {partner.name}
      </Text>
    </Stack>
  );
}

function Portfolio({ rows, currency }: { rows: View['portfolio']; currency: string }) {
  return (
    <Section
      title="Portfolio"
      description="The partnerships you own, with what they won in the last 12 months"
      icon={<IconBriefcase size={18} />}
      empty={rows.length === 0 && 'No partnerships are assigned to you yet.'}
    >
      <ListTable
        minWidth={600}
        aria-label="Portfolio"
        horizontalSpacing="md"
        head={
          <>
            <Table.Th>Partner</Table.Th>
            <Table.Th w={80}>Trust</Table.Th>
            <Table.Th w={110} style={{ textAlign: 'right' }}>
              Won
            </Table.Th>
            <Table.Th w={64} style={{ textAlign: 'right' }}>
              Open
            </Table.Th>
            <Table.Th w={130} style={{ whiteSpace: 'nowrap' }}>
              Last activity
            </Table.Th>
          </>
        }
      >
        {rows.map((r) => (
          <Table.Tr key={r.partnershipId}>
            <Table.Td>
              <PartnerName partner={r.partner} partnershipId={r.partnershipId} />
              {r.status !== 'active' && (
                <Badge size="xs" variant="light" color="gray" ml={34}>
                  {r.status}
                </Badge>
              )}
            </Table.Td>
            <Table.Td>
              {r.trust === null ? (
                <Text size="sm" c="dimmed">
                  —
                </Text>
              ) : (
                <Badge variant="light" color={trustBand(r.trust).color}>
                  {r.trust}
                </Badge>
              )}
            </Table.Td>
            <Table.Td style={{ textAlign: 'right' }}>
              <Text size="sm" fw={600}>
                {formatAmount(r.wonRevenue, currency)}
              </Text>
              <Text size="xs" c="dimmed">
                {r.wonDeals} deal{r.wonDeals === 1 ? '' : 's'}
              </Text>
            </Table.Td>
            <Table.Td style={{ textAlign: 'right' }}>{r.openDeals}</Table.Td>
            <Table.Td>
              <DateText
                value={r.lastActivityAt}
                format="relative"
                fallback="never"
                style={{ whiteSpace: 'nowrap' }}
              />
            </Table.Td>
          </Table.Tr>
        ))}
      </ListTable>
    </Section>
  );
}

function GoingInactive({ rows }: { rows: View['goingInactive'] }) {
  return (
    <Section
      title="Going inactive"
      description="Partners whose last deal event is getting old: worth a call before they stop counting as active"
      icon={<IconClockPause size={18} />}
      empty={rows.length === 0 && 'Every partner in your portfolio is active.'}
    >
      <Stack gap={0} pb="sm">
        {rows.map((r) => (
          <Group key={r.partner.id} justify="space-between" px="lg" py={8} wrap="nowrap">
            <PartnerName partner={r.partner} />
            <Stack gap={0} align="flex-end" style={{ flexShrink: 0 }}>
              <Text size="xs" c="orange.8">
                quiet for {r.daysSince} days
              </Text>
              <Text size="xs" c="dimmed">
                inactive {formatRelative(r.inactiveOn)}
              </Text>
            </Stack>
          </Group>
        ))}
      </Stack>
    </Section>
  );
}

function OpenSla({ rows }: { rows: View['openSla'] }) {
  return (
    <Section
      title="Waiting for an answer"
      description="Referrals and registrations your side has not answered yet, oldest first"
      icon={<IconAlarm size={18} />}
      empty={rows.length === 0 && 'Nothing is waiting for you.'}
    >
      <Stack gap={0} pb="sm">
        {rows.map((r) => (
          <Group key={r.deal.id} justify="space-between" px="lg" py={8} wrap="nowrap" gap="sm">
            <DealLine deal={r.deal} partner={r.partner} />
            <Badge variant="light" color={r.overdue ? 'red' : 'yellow'} style={{ flexShrink: 0 }}>
              {r.dueAt
                ? r.overdue
                  ? `overdue ${formatRelative(r.dueAt)}`
                  : `due ${formatRelative(r.dueAt)}`
                : 'open'}
            </Badge>
          </Group>
        ))}
      </Stack>
    </Section>
  );
}

function Expiring({ rows }: { rows: View['expiringProtections'] }) {
  return (
    <Section
      title="Protections expiring"
      description="Approved registrations whose protection window ends soon"
      icon={<IconShieldCheck size={18} />}
      empty={rows.length === 0 && 'No protection ends in the next weeks.'}
    >
      <Stack gap={0} pb="sm">
        {rows.map((r) => (
          <Group key={r.deal.id} justify="space-between" px="lg" py={8} wrap="nowrap" gap="sm">
            <DealLine deal={r.deal} partner={r.partner} />
            <Stack gap={0} align="flex-end" style={{ flexShrink: 0 }}>
              <Text size="xs" fw={600}>
                ends {formatRelative(r.endsAt)}
              </Text>
              <Text size="xs" c="dimmed">
                {r.side === 'vendor' ? 'you granted it' : 'you hold it'}
              </Text>
            </Stack>
          </Group>
        ))}
      </Stack>
    </Section>
  );
}

function Recommendations({ rows }: { rows: View['recommendations'] }) {
  return (
    <Section
      title="Worth approaching"
      description="Organizations your partners and your coverage point to"
      icon={<IconSparkles size={18} />}
      empty={rows.length === 0 && 'No recommendations right now.'}
    >
      <Stack gap={0} pb="sm">
        {rows.map((r) => (
          <Group key={r.candidate.id} px="lg" py={8} wrap="nowrap" gap="sm" align="flex-start">
            <OrgAvatar name={r.candidate.name} size={26} />
            <Stack gap={0} style={{ minWidth: 0 }}>
              <AnchorLink to="/directory/$id" params={{ id: r.candidate.id }} size="sm" fw={600} c="dark">
                {r.candidate.name}
              </AnchorLink>
              <Text size="xs" c="dimmed" lineClamp={2}>
                {r.reasons.map((x) => x.text).join(' · ')}
              </Text>
            </Stack>
          </Group>
        ))}
        <Group px="lg" pt={4}>
          <AnchorLink to="/insights" size="xs">
            All recommendations
          </AnchorLink>
        </Group>
      </Stack>
    </Section>
  );
}
