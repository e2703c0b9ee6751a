import { Breadcrumbs, Card, Grid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { AnchorLink } from '../../components/links.tsx';
import { type Deal, dealQuery } from '../../lib/deals.ts';
import { DealCommissionsCard } from '../money/DealCommissionsCard.tsx';
import { ConflictsPanel } from './ConflictsPanel.tsx';
import { DealHeader } from './DealHeader.tsx';
import { DealTimeline } from './DealTimeline.tsx';
import { countryName } from './options.ts';
import { PartiesCard } from './PartiesCard.tsx';
import { ProtectionCard } from './ProtectionCard.tsx';

const route = getRouteApi('/authed/app/deals/$dealId');

/** A deal: header with the moves open to you, details, parties, protection, conflicts, timeline. */
export function DealPage() {
  const { dealId } = route.useParams();
  const deal = useQuery(dealQuery(dealId));
  if (deal.isPending) {
    return (
      <Stack gap="lg" aria-busy="true" aria-label="Loading">
        <Skeleton height={18} width={200} />
        <Skeleton height={64} width="50%" />
        <Skeleton height={96} radius="lg" />
        <Skeleton height={280} radius="lg" />
      </Stack>
    );
  }
  if (deal.isError) return <ErrorAlert error={deal.error} onRetry={() => deal.refetch()} />;
  return <DealView deal={deal.data} />;
}

function DealView({ deal: d }: { deal: Deal }) {
  return (
    <Stack gap="lg">
      <Breadcrumbs separatorMargin={6} fz="sm">
        <AnchorLink to="/deals" search={{ kind: d.kind }} size="sm" c="dimmed">
          Deals
        </AnchorLink>
        <Text size="sm" c="dimmed" aria-current="page">
          {d.customerName}
        </Text>
      </Breadcrumbs>
      <DealHeader deal={d} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="lg">
            <DetailsCard deal={d} />
            {d.conflicts && <ConflictsPanel conflicts={d.conflicts} />}
            <DealTimeline dealId={d.id} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="lg">
            <PartiesCard deal={d} />
            <DealCommissionsCard deal={d} />
            {d.kind === 'registration' && d.mySide !== 'co_seller' && <ProtectionCard deal={d} />}
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}

function DetailsCard({ deal: d }: { deal: Deal }) {
  return (
    <Card padding="lg">
      <Title order={3} fz="md" mb="md">
        Customer and contact
      </Title>
      <Stack gap="md">
        <Grid gap="md">
          <Detail label="Customer">{d.customerName}</Detail>
          <Detail label="Domain">{d.customerDomain}</Detail>
          <Detail label="Country">{countryName(d.customerCountry)}</Detail>
          <Detail label="Contact">{d.contactName}</Detail>
          <Detail label="Contact email">
            {d.contactEmail && (
              <a href={`mailto:${d.contactEmail}`} style={{ color: 'var(--mantine-color-moss-8)' }}>
                {d.contactEmail}
              </a>
            )}
          </Detail>
        </Grid>
        <Stack gap={4}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: '0.04em' }}>
            What the customer needs
          </Text>
          <Text size="sm" c={d.need ? undefined : 'dimmed'} style={{ whiteSpace: 'pre-line' }}>
            {d.need || 'Not described.'}
          </Text>
        </Stack>
      </Stack>
    </Card>
  );
}

function Detail({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Grid.Col span={{ base: 12, xs: 6, sm: 4 }}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: '0.04em' }}>
        {label}
      </Text>
      <Text size="sm" c={children ? undefined : 'dimmed'} truncate>
        {children || '—'}
      </Text>
    </Grid.Col>
  );
}
