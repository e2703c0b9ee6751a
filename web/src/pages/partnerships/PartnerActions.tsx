import { Button, Group, Skeleton, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconHeartHandshake, IconSend, IconShieldCheck } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { can } from '../../../../common/permissions.ts';
import { AnchorLink, ButtonLink } from '../../components/links.tsx';
import {
  allowsReferrals,
  allowsRegistrations,
  type PartnerRef,
  partnershipWithQuery,
} from '../../lib/partnerships.ts';
import { useSession } from '../../lib/session.ts';
import { StatusBadge } from './PartnershipBadges.tsx';
import { ProposePartnershipModal } from './ProposePartnershipModal.tsx';

/**
 * On another organization's profile: your live partnership with it (and, when active, ways to send
 * it deals), or a way to propose one.
 */
export function PartnerActions({ organization }: { organization: PartnerRef }) {
  const { role } = useSession();
  const [proposing, propose] = useDisclosure(false);
  const live = useQuery(partnershipWithQuery(organization.id));
  if (live.isPending) return <Skeleton height={36} width={190} radius="md" />;
  // Without the answer there is nothing sure to offer; the profile itself still shows.
  if (live.isError) return null;
  const p = live.data;
  if (!p) {
    if (!can(role, 'partnerships.manage')) return null;
    return (
      <>
        <Button leftSection={<IconHeartHandshake size={16} />} onClick={propose.open}>
          Propose partnership
        </Button>
        <ProposePartnershipModal opened={proposing} onClose={propose.close} partner={organization} />
      </>
    );
  }
  const mayDeal = can(role, 'deals.create');
  return (
    <Stack gap={8} align="flex-end">
      <Group gap="xs" wrap="nowrap">
        <Text size="sm" c="dimmed">
          Partnership
        </Text>
        <StatusBadge status={p.status} />
        <AnchorLink to="/partnerships/$partnershipId" params={{ partnershipId: p.id }} size="sm" fw={500}>
          {p.status === 'proposed' && p.direction === 'incoming' ? 'Answer the proposal' : 'View partnership'}
        </AnchorLink>
      </Group>
      {mayDeal && (allowsReferrals(p) || allowsRegistrations(p)) && (
        <Group gap="sm">
          {allowsReferrals(p) && (
            <ButtonLink
              to="/deals/new"
              search={{ kind: 'referral', partnerId: p.partner.id }}
              size="sm"
              leftSection={<IconSend size={16} />}
            >
              Send referral
            </ButtonLink>
          )}
          {allowsRegistrations(p) && (
            <ButtonLink
              to="/deals/new"
              search={{ kind: 'registration', vendorId: p.partner.id }}
              size="sm"
              variant="default"
              leftSection={<IconShieldCheck size={16} />}
            >
              Register a deal
            </ButtonLink>
          )}
        </Group>
      )}
    </Stack>
  );
}
