import {
  Breadcrumbs,
  Button,
  Card,
  Group,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconActivity,
  IconHierarchy3,
  IconMoodEmpty,
  IconSettings,
  IconUserPlus,
  IconUsers,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { AnchorLink } from '../../components/links.tsx';
import { OrgAvatar } from '../../components/OrgAvatar.tsx';
import { countLabel } from '../../lib/directory.ts';
import { ecosystemQuery } from '../../lib/queries.ts';
import type { Ecosystem } from '../../lib/types.ts';
import { EcosystemBadges } from './EcosystemBadges.tsx';
import { CompositionCharts, TrendChart } from './EcosystemCharts.tsx';
import { EcosystemFormModal } from './EcosystemFormModal.tsx';
import { EcosystemMembers } from './EcosystemMembers.tsx';
import { InviteOrganizationModal } from './InviteOrganizationModal.tsx';
import { MembershipActions } from './MembershipActions.tsx';
import { RequestsPanel } from './RequestsPanel.tsx';

const route = getRouteApi('/authed/app/ecosystems/$id');
const numbers = new Intl.NumberFormat('en');

/** An ecosystem: what it is, how to join, how active its members are, what they are, and who they are. */
export function EcosystemPage() {
  const { id } = route.useParams();
  const ecosystem = useQuery(ecosystemQuery(id));
  if (ecosystem.isPending) {
    return (
      <Stack gap="lg">
        <Skeleton height={18} width={200} />
        <Skeleton height={90} radius="lg" />
        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} height={104} radius="lg" />
          ))}
        </SimpleGrid>
        <Skeleton height={300} radius="lg" />
      </Stack>
    );
  }
  if (ecosystem.isError) return <ErrorAlert error={ecosystem.error} onRetry={() => ecosystem.refetch()} />;
  return <EcosystemView ecosystem={ecosystem.data} />;
}

function EcosystemView({ ecosystem: e }: { ecosystem: Ecosystem }) {
  const [editing, edit] = useDisclosure(false);
  const [inviting, invite] = useDisclosure(false);
  return (
    <Stack gap="lg">
      <Breadcrumbs separatorMargin={6} fz="sm">
        <AnchorLink to="/ecosystems" size="sm" c="dimmed">
          Ecosystems
        </AnchorLink>
        {e.parent && (
          <AnchorLink to="/ecosystems/$id" params={{ id: e.parent.slug }} size="sm" c="dimmed">
            {e.parent.name}
          </AnchorLink>
        )}
        <Text size="sm" c="dimmed" aria-current="page">
          {e.name}
        </Text>
      </Breadcrumbs>

      <Group justify="space-between" align="flex-start" gap="lg">
        <Stack gap={10} style={{ flex: '1 1 420px', minWidth: 0 }}>
          <Title order={2} fz={26}>
            {e.name}
          </Title>
          <EcosystemBadges ecosystem={e} size="md" />
          {e.description && (
            <Text c="gray.7" maw={720} style={{ whiteSpace: 'pre-line' }}>
              {e.description}
            </Text>
          )}
          {e.children.length > 0 && (
            <Group gap={8}>
              <IconHierarchy3 size={16} color="var(--mantine-color-gray-6)" aria-hidden />
              <Text size="sm" c="dimmed">
                Includes
              </Text>
              {e.children.map((child, i) => (
                <Text key={child.id} size="sm" span>
                  <AnchorLink to="/ecosystems/$id" params={{ id: child.slug }} size="sm">
                    {child.name}
                  </AnchorLink>
                  {i < e.children.length - 1 ? ',' : ''}
                </Text>
              ))}
            </Group>
          )}
        </Stack>
        <Group gap="sm" align="flex-start">
          {e.canManage && (
            <>
              <Button variant="default" leftSection={<IconSettings size={16} />} onClick={edit.open}>
                Settings
              </Button>
              <Button variant="default" leftSection={<IconUserPlus size={16} />} onClick={invite.open}>
                Invite organization
              </Button>
            </>
          )}
          <MembershipActions ecosystem={e} />
        </Group>
      </Group>

      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
        <Stat
          label="Members"
          value={numbers.format(e.memberCount)}
          hint={e.dynamic ? 'Joined or matching its filter' : 'Joined or invited in'}
          icon={<IconUsers size={20} />}
        />
        <Stat
          label="Active"
          value={numbers.format(e.activeCount)}
          hint={`Activity in the last ${countLabel(e.activityWindowDays, 'day')}`}
          icon={<IconActivity size={20} />}
        />
        <Stat
          label="Inactive"
          value={numbers.format(e.inactiveCount)}
          hint={`Nothing in ${countLabel(e.activityWindowDays, 'day')}`}
          icon={<IconMoodEmpty size={20} />}
        />
        <HubCard ecosystem={e} />
      </SimpleGrid>

      {e.canManage && <RequestsPanel ecosystem={e} />}

      <TrendChart ecosystemId={e.id} windowDays={e.activityWindowDays} />
      <CompositionCharts ecosystemId={e.id} />

      <EcosystemMembers ecosystem={e} />

      {e.canManage && (
        <>
          <EcosystemFormModal opened={editing} onClose={edit.close} ecosystem={e} />
          <InviteOrganizationModal opened={inviting} onClose={invite.close} ecosystem={e} />
        </>
      )}
    </Stack>
  );
}

function Stat({
  label,
  value,
  hint,
  icon,
}: {
  label: string;
  value: ReactNode;
  hint: ReactNode;
  icon: ReactNode;
}) {
  return (
    <Card padding="lg">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Stack gap={6}>
          <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: '0.04em' }}>
            {label}
          </Text>
          <Text fz={28} fw={700} lh={1}>
            {value}
          </Text>
          <Text size="xs" c="dimmed">
            {hint}
          </Text>
        </Stack>
        <ThemeIcon variant="light" size={38} radius="md">
          {icon}
        </ThemeIcon>
      </Group>
    </Card>
  );
}

function HubCard({ ecosystem: e }: { ecosystem: Ecosystem }) {
  return (
    <Card padding="lg">
      <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: '0.04em' }} mb={10}>
        Hub
      </Text>
      {e.hub ? (
        <Group gap="sm" wrap="nowrap">
          <OrgAvatar name={e.hub.name} size={40} />
          <Stack gap={0} style={{ minWidth: 0 }}>
            <AnchorLink to="/directory/$id" params={{ id: e.hub.slug }} fw={600} c="dark" truncate>
              {e.hub.name}
            </AnchorLink>
            {e.owner && e.owner.id !== e.hub.id && (
              <Text size="xs" c="dimmed" truncate>
                Run by{' '}
                <AnchorLink to="/directory/$id" params={{ id: e.owner.slug }} size="xs">
                  {e.owner.name}
                </AnchorLink>
              </Text>
            )}
          </Stack>
        </Group>
      ) : (
        <Stack gap={2}>
          <Text size="sm" c="dimmed">
            No hub organization
          </Text>
          {e.owner && (
            <Text size="xs" c="dimmed">
              Run by{' '}
              <AnchorLink to="/directory/$id" params={{ id: e.owner.slug }} size="xs">
                {e.owner.name}
              </AnchorLink>
            </Text>
          )}
        </Stack>
      )}
    </Card>
  );
}
