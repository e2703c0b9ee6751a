import { Breadcrumbs, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { getRouteApi } from '@tanstack/react-router';
import type { DealKind } from '../../../../common/deals.ts';
import { AnchorLink } from '../../components/links.tsx';
import { NewDealForm } from './NewDealForm.tsx';

const route = getRouteApi('/authed/app/deals/new');

const HEADINGS: Record<DealKind, { title: string; description: string }> = {
  referral: {
    title: 'Send a referral',
    description: 'Pass a lead to a partner. They accept or decline it within their response time.',
  },
  registration: {
    title: 'Register a deal',
    description:
      'Register an opportunity with a vendor. Once approved, the customer is protected for you for the vendor’s protection window.',
  },
  opportunity: {
    title: 'Add a pipeline opportunity',
    description:
      'Add a deal to your own pipeline. Partners’ registrations for the same customer are flagged to your reviewers.',
  },
};

/** A new referral, registration (with the live conflict check) or own-pipeline opportunity. */
export function NewDealPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const kind = search.kind ?? 'referral';
  const heading = HEADINGS[kind];
  return (
    <Stack gap="lg">
      <Breadcrumbs separatorMargin={6} fz="sm">
        <AnchorLink to="/deals" size="sm" c="dimmed">
          Deals
        </AnchorLink>
        <Text size="sm" c="dimmed" aria-current="page">
          New
        </Text>
      </Breadcrumbs>
      <Stack gap={4}>
        <Title order={2} fz={26}>
          {heading.title}
        </Title>
        <Text c="dimmed" size="sm" maw={680}>
          {heading.description}
        </Text>
      </Stack>
      <SegmentedControl
        aria-label="Kind of deal"
        value={kind}
        onChange={(v) => navigate({ search: (s) => ({ ...s, kind: v as DealKind }), replace: true })}
        data={[
          { value: 'referral', label: 'Referral' },
          { value: 'registration', label: 'Registration' },
          { value: 'opportunity', label: 'Pipeline' },
        ]}
        style={{ alignSelf: 'flex-start' }}
      />
      <NewDealForm
        key={kind}
        kind={kind}
        partnerId={(kind === 'registration' ? search.vendorId : search.partnerId) ?? search.partnerId ?? null}
      />
    </Stack>
  );
}
