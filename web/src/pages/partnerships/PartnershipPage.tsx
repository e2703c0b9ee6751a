import {
  Alert,
  Anchor,
  Blockquote,
  Breadcrumbs,
  Button,
  Card,
  Grid,
  Group,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconCheck,
  IconCloudOff,
  IconPlayerPause,
  IconPlayerPlay,
  IconSend,
  IconShieldCheck,
  IconX,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { can } from '../../../../common/permissions.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { AnchorLink, ButtonLink } from '../../components/links.tsx';
import { OrgAvatar } from '../../components/OrgAvatar.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { formatDate } from '../../lib/format.ts';
import {
  allowsReferrals,
  allowsRegistrations,
  availableActions,
  LIVE_STATUSES,
  type Partnership,
  type PartnershipAction,
  partnershipQuery,
  profileId,
  statusLine,
  useSetPartnershipOwner,
} from '../../lib/partnerships.ts';
import { useSession } from '../../lib/session.ts';
import { NettingPanel } from '../money/NettingPanel.tsx';
import { OwnerSelect } from './OwnerSelect.tsx';
import { PairDeals } from './PairDeals.tsx';
import { PairLedgerPanel } from './PairLedgerPanel.tsx';
import { ACTION_LABELS, PartnershipActionModal } from './PartnershipActionModal.tsx';
import { StatusBadge, TypeBadges } from './PartnershipBadges.tsx';
import { PartnershipTimeline } from './PartnershipTimeline.tsx';

const route = getRouteApi('/authed/app/partnerships/$partnershipId');

/** One partnership: its state and the moves your side can make, owners, what flows each way, deals, history. */
export function PartnershipPage() {
  const { partnershipId } = route.useParams();
  const partnership = useQuery(partnershipQuery(partnershipId));
  return (
    <Stack gap="lg">
      <Breadcrumbs separatorMargin={6} fz="sm">
        <AnchorLink to="/partnerships" size="sm" c="dimmed">
          Partnerships
        </AnchorLink>
        <Text size="sm" c="dimmed" aria-current="page">
          {partnership.data?.partner.name ?? '…'}
        </Text>
      </Breadcrumbs>
      {partnership.isPending ? (
        <Stack gap="lg" aria-busy="true" aria-label="Loading">
          <Skeleton height={150} radius="lg" />
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, md: 8 }}>
              <Skeleton height={320} radius="lg" />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>
              <Skeleton height={320} radius="lg" />
            </Grid.Col>
          </Grid>
        </Stack>
      ) : partnership.isError ? (
        <ErrorAlert error={partnership.error} onRetry={() => partnership.refetch()} />
      ) : (
        <PartnershipView partnership={partnership.data} />
      )}
    </Stack>
  );
}

function PartnershipView({ partnership: p }: { partnership: Partnership }) {
  const { role } = useSession();
  const mayDeal = can(role, 'deals.create');
  const dealActions = mayDeal && (allowsReferrals(p) || allowsRegistrations(p)) && (
    <Group gap="sm">
      {allowsReferrals(p) && (
        <ButtonLink
          to="/deals/new"
          search={{ kind: 'referral', partnerId: p.partner.id }}
          leftSection={<IconSend size={16} />}
          size="sm"
        >
          Send referral
        </ButtonLink>
      )}
      {allowsRegistrations(p) && (
        <ButtonLink
          to="/deals/new"
          search={{ kind: 'registration', vendorId: p.partner.id }}
          variant="default"
          leftSection={<IconShieldCheck size={16} />}
          size="sm"
        >
          Register a deal
        </ButtonLink>
      )}
    </Group>
  );
  return (
    <>
      <Header partnership={p} dealActions={dealActions} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="lg">
            <PairLedgerPanel partnershipId={p.id} />
            <NettingPanel partnership={p} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="lg">
            <OwnersCard partnership={p} />
            <PartnershipTimeline partnership={p} />
          </Stack>
        </Grid.Col>
      </Grid>
      <PairDeals
        partnerId={p.partner.id}
        partnerName={p.partner.name}
        actions={p.status === 'active' ? dealActions : undefined}
      />
    </>
  );
}

const ACTION_ICONS: Partial<Record<PartnershipAction, ReactNode>> = {
  accept: <IconCheck size={16} />,
  decline: <IconX size={16} />,
  pause: <IconPlayerPause size={16} />,
  resume: <IconPlayerPlay size={16} />,
};

function Header({ partnership: p, dealActions }: { partnership: Partnership; dealActions: ReactNode }) {
  const { role } = useSession();
  const [action, setAction] = useState<PartnershipAction | null>(null);
  const mayManage = can(role, 'partnerships.manage');
  const actions = mayManage ? availableActions(p) : [];
  const proposer = p.direction === 'outgoing' ? 'Your note' : `${p.partner.name}’s note`;
  return (
    <Card padding="xl">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" gap="lg">
          <Group align="flex-start" wrap="nowrap" gap="lg" style={{ minWidth: 0, flex: '1 1 380px' }}>
            <OrgAvatar name={p.partner.name} size={64} />
            <Stack gap={8} style={{ minWidth: 0 }}>
              <Group gap="sm" align="center">
                <Title order={2} fz={26}>
                  <AnchorLink
                    to="/directory/$id"
                    params={{ id: profileId(p.partner) }}
                    c="dark"
                    inherit
                    underline="hover"
                  >
                    {p.partner.name}
                  </AnchorLink>
                </Title>
                <StatusBadge status={p.status} size="md" />
              </Group>
              <TypeBadges types={p.types} />
              <Text size="sm" c="gray.7">
                {statusLine(p)}
              </Text>
              <Text size="xs" c="dimmed">
                {p.direction === 'outgoing'
                  ? 'Proposed by your organization'
                  : `Proposed by ${p.partner.name}`}{' '}
                on {formatDate(p.createdAt)}
                {p.decidedAt &&
                  ` · ${p.status === 'declined' ? 'declined' : 'accepted'} on ${formatDate(p.decidedAt)}`}
                {!LIVE_STATUSES.includes(p.status) && ` · ${p.status} on ${formatDate(p.statusChangedAt)}`}
              </Text>
            </Stack>
          </Group>
          {actions.length > 0 && (
            <Group gap="sm">
              {actions.map((a) => (
                <Button
                  key={a}
                  variant={a === 'accept' || a === 'resume' ? 'filled' : 'default'}
                  color={a === 'end' || a === 'withdraw' ? 'red' : undefined}
                  leftSection={ACTION_ICONS[a]}
                  onClick={() => setAction(a)}
                >
                  {ACTION_LABELS[a]}
                </Button>
              ))}
            </Group>
          )}
        </Group>
        {p.partnerOffline && (
          <Alert
            variant="light"
            color="blue"
            icon={<IconCloudOff size={18} />}
            title={`${p.partner.name} is not on Mycelium yet`}
          >
            <Text size="sm">
              Nobody there has an account, so the proposal waits until someone with an email address at its
              domain claims the{' '}
              <AnchorLink to="/directory/$id" params={{ id: profileId(p.partner) }} size="sm" inherit>
                profile
              </AnchorLink>
              . Send them the link.
            </Text>
          </Alert>
        )}
        {p.message && (
          <Blockquote
            color="gray"
            p="md"
            radius="md"
            cite={`— ${proposer}`}
            style={{ whiteSpace: 'pre-line' }}
          >
            <Text size="sm">{p.message}</Text>
          </Blockquote>
        )}
        {p.endReason && (p.status === 'declined' || p.status === 'ended') && (
          <Text size="sm">
            <Text span fw={600}>
              Reason:{' '}
            </Text>
            {p.endReason}
          </Text>
        )}
        {p.status === 'active' && dealActions}
        {!mayManage && LIVE_STATUSES.includes(p.status) && (
          <Text size="xs" c="dimmed">
            Owners, admins, CPOs and alliance managers answer, pause and end partnerships.
          </Text>
        )}
      </Stack>
      <PartnershipActionModal partnership={p} action={action} onClose={() => setAction(null)} />
    </Card>
  );
}

function OwnersCard({ partnership: p }: { partnership: Partnership }) {
  const { me, role } = useSession();
  const setOwner = useSetPartnershipOwner();
  const editable = can(role, 'partnerships.manage') && LIVE_STATUSES.includes(p.status);
  return (
    <Card padding="lg" component="section" aria-label="Owners">
      <Title order={3} fz="md" mb="md">
        Owners
      </Title>
      <Stack gap="md">
        {editable ? (
          <OwnerSelect
            label="Your side"
            description="Gets this partner’s news and deals"
            placeholder="Nobody assigned"
            meId={me.user.id}
            value={p.myOwner?.id ?? null}
            clearable
            disabled={setOwner.isPending}
            onChange={(ownerUserId) =>
              setOwner.mutate(
                { id: p.id, ownerUserId },
                {
                  onSuccess: (updated) =>
                    notifications.show({
                      color: 'moss',
                      message: updated.myOwner
                        ? `${updated.myOwner.name || updated.myOwner.email} owns the partnership on your side.`
                        : 'Nobody owns the partnership on your side now.',
                    }),
                  onError: (err) =>
                    notifications.show({
                      color: 'red',
                      title: 'Could not change the owner',
                      message: errorMessage(err),
                    }),
                },
              )
            }
          />
        ) : (
          <Person label="Your side" person={p.myOwner} none="Nobody assigned" />
        )}
        <Person
          label={`${p.partner.name}’s side`}
          person={p.partnerOwner}
          none={p.status === 'proposed' ? 'Named when they accept' : 'Nobody assigned'}
        />
      </Stack>
    </Card>
  );
}

function Person({ label, person, none }: { label: string; person: Partnership['myOwner']; none: string }) {
  return (
    <div>
      <Text size="sm" fw={500} mb={2}>
        {label}
      </Text>
      {person ? (
        <>
          <Text size="sm">{person.name || person.email}</Text>
          <Anchor href={`mailto:${person.email}`} size="xs" c="dimmed">
            {person.email}
          </Anchor>
        </>
      ) : (
        <Text size="sm" c="dimmed">
          {none}
        </Text>
      )}
    </div>
  );
}
