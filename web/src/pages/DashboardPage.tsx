import {
  Anchor,
  Button,
  Card,
  Grid,
  Group,
  Progress,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  ThemeIcon,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconArrowsExchange,
  IconChecklist,
  IconChevronRight,
  IconHeartHandshake,
  IconHistory,
  IconKey,
  IconMailForward,
  IconSettings,
  IconSitemap,
  IconUserPlus,
  IconUsers,
} from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { can, ROLE_LABELS, ROLES } from '../../../common/permissions.ts';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { AnchorLink } from '../components/links.tsx';
import { PageHeader } from '../components/PageHeader.tsx';
import { RoleBadge } from '../components/RoleBadge.tsx';
import { firstName, formatRelative } from '../lib/format.ts';
import { countBelow, flattenChart } from '../lib/org-chart.ts';
import { invitationsQuery, memberStatsQuery, orgChartQuery } from '../lib/queries.ts';
import { useSession } from '../lib/session.ts';
import { InviteModal } from './members/InviteModal.tsx';

function Stat({
  label,
  value,
  hint,
  icon,
}: {
  label: string;
  value: ReactNode;
  hint?: ReactNode;
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
          {hint && (
            <Text size="xs" c="dimmed">
              {hint}
            </Text>
          )}
        </Stack>
        <ThemeIcon variant="light" size={38} radius="md">
          {icon}
        </ThemeIcon>
      </Group>
    </Card>
  );
}

/** The active organization at a glance. */
export function DashboardPage() {
  const { me, organization, role } = useSession();
  const stats = useQuery(memberStatsQuery);
  // The tree is only needed for "your team": everyone below you, directly or not.
  const chart = useQuery(orgChartQuery);
  const pending = useInfiniteQuery(invitationsQuery('pending'));
  const [inviting, invite] = useDisclosure(false);

  const total = stats.data?.total ?? 0;
  const byRole = stats.data?.byRole ?? {};
  const roleCount = ROLES.filter((r) => byRole[r]).length;
  const mine = chart.data ? flattenChart(chart.data.data).find((p) => p.userId === me.user.id) : undefined;
  const below = mine ? countBelow(mine) : 0;
  const invitations = pending.data?.pages.flatMap((p) => p.data) ?? [];
  const moreInvitations = pending.hasNextPage;
  const first = firstName(me.user.name);

  return (
    <>
      <PageHeader
        title={organization?.name ?? 'Dashboard'}
        description={`Welcome back${first ? `, ${first}` : ''}. Here is where your organization stands.`}
        actions={
          can(role, 'members.invite') && (
            <Button leftSection={<IconUserPlus size={16} />} onClick={invite.open}>
              Invite member
            </Button>
          )
        }
      />
      {stats.isError && <ErrorAlert error={stats.error} onRetry={() => stats.refetch()} />}
      {chart.isError && <ErrorAlert error={chart.error} onRetry={() => chart.refetch()} />}
      <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} mb="lg">
        {stats.isPending ? (
          <Skeleton height={112} radius="lg" />
        ) : (
          <Stat
            label="Members"
            value={stats.isError ? '—' : total}
            hint={`${roleCount} role${roleCount === 1 ? '' : 's'}`}
            icon={<IconUsers size={20} />}
          />
        )}
        {chart.isPending ? (
          <Skeleton height={112} radius="lg" />
        ) : (
          <Stat
            label="Your team"
            value={chart.isError ? '—' : below}
            hint={below === 1 ? '1 person reports to you' : `${below} people report to you`}
            icon={<IconSitemap size={20} />}
          />
        )}
        {pending.isPending ? (
          <Skeleton height={112} radius="lg" />
        ) : (
          <Stat
            label="Pending invites"
            value={`${invitations.length}${moreInvitations ? '+' : ''}`}
            hint={invitations.length ? 'Waiting for an answer' : 'None waiting'}
            icon={<IconMailForward size={20} />}
          />
        )}
        <Card padding="lg">
          <Stack gap={10}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={600} style={{ letterSpacing: '0.04em' }}>
              Your role
            </Text>
            <RoleBadge role={role} size="md" />
            <Text size="xs" c="dimmed">
              {can(role, 'organization.update')
                ? 'You can manage this organization'
                : 'Ask an admin for changes'}
            </Text>
          </Stack>
        </Card>
      </SimpleGrid>

      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="lg">
            <Card padding="lg">
              <Group justify="space-between" mb="md">
                <Text fw={600}>Team by role</Text>
                <AnchorLink to="/members" size="sm">
                  All members
                </AnchorLink>
              </Group>
              {stats.isPending ? (
                <Stack>
                  {[0, 1, 2, 3].map((i) => (
                    <Skeleton key={i} height={18} />
                  ))}
                </Stack>
              ) : (
                <Stack gap="sm">
                  {ROLES.filter((r) => byRole[r]).map((r) => (
                    <AnchorLink
                      key={r}
                      to="/members"
                      search={{ role: r }}
                      underline="never"
                      c="inherit"
                      aria-label={`${ROLE_LABELS[r]}: ${byRole[r]}`}
                    >
                      <Group gap="md" wrap="nowrap">
                        <Text size="sm" w={160} truncate>
                          {ROLE_LABELS[r]}
                        </Text>
                        <Progress value={((byRole[r] ?? 0) / Math.max(total, 1)) * 100} style={{ flex: 1 }} />
                        <Text size="sm" fw={600} w={28} ta="right">
                          {byRole[r]}
                        </Text>
                      </Group>
                    </AnchorLink>
                  ))}
                </Stack>
              )}
            </Card>
            <Card padding="lg">
              <Group justify="space-between" mb="md">
                <Text fw={600}>Pending invitations</Text>
                <AnchorLink to="/members" search={{ tab: 'invitations' }} size="sm">
                  Manage invitations
                </AnchorLink>
              </Group>
              {pending.isPending ? (
                <Skeleton height={40} />
              ) : pending.isError ? (
                <ErrorAlert error={pending.error} onRetry={() => pending.refetch()} />
              ) : invitations.length === 0 ? (
                <Text size="sm" c="dimmed">
                  No invitations are waiting for an answer.
                </Text>
              ) : (
                <Stack gap={0}>
                  {invitations.slice(0, 5).map((inv) => (
                    <Group
                      key={inv.id}
                      justify="space-between"
                      py="sm"
                      style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
                    >
                      <Stack gap={2}>
                        <Text size="sm" fw={500}>
                          {inv.email}
                        </Text>
                        <Text size="xs" c="dimmed">
                          Invited by {inv.inviterName} {formatRelative(inv.createdAt)}
                        </Text>
                      </Stack>
                      <RoleBadge role={inv.role} />
                    </Group>
                  ))}
                </Stack>
              )}
            </Card>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Card padding="lg">
            <Text fw={600} mb="md">
              Quick links
            </Text>
            <Stack gap={4}>
              {can(role, 'members.invite') && (
                <QuickLink icon={<IconUserPlus size={18} />} label="Invite a member" onClick={invite.open} />
              )}
              <QuickLink icon={<IconArrowsExchange size={18} />} label="Open the deals board" to="/deals" />
              {can(role, 'deals.review') && (
                <QuickLink
                  icon={<IconChecklist size={18} />}
                  label="Review registrations"
                  to="/deals/review"
                />
              )}
              <QuickLink
                icon={<IconHeartHandshake size={18} />}
                label="See your partnerships"
                to="/partnerships"
              />
              <QuickLink icon={<IconSitemap size={18} />} label="Explore the org chart" to="/org-chart" />
              <QuickLink icon={<IconKey size={18} />} label="Create an API token" to="/tokens" />
              {can(role, 'audit.read') && (
                <QuickLink icon={<IconHistory size={18} />} label="Review the audit log" to="/audit-log" />
              )}
              <QuickLink icon={<IconSettings size={18} />} label="Organization settings" to="/settings" />
            </Stack>
          </Card>
        </Grid.Col>
      </Grid>
      <InviteModal opened={inviting} onClose={invite.close} />
    </>
  );
}

function QuickLink({
  icon,
  label,
  to,
  onClick,
}: {
  icon: ReactNode;
  label: string;
  to?: '/org-chart' | '/tokens' | '/audit-log' | '/settings' | '/deals' | '/deals/review' | '/partnerships';
  onClick?: () => void;
}) {
  const content = (
    <Group justify="space-between" wrap="nowrap" px="sm" py={10}>
      <Group gap="sm" wrap="nowrap">
        <ThemeIcon variant="light" size={32} radius="md">
          {icon}
        </ThemeIcon>
        <Text size="sm" fw={500}>
          {label}
        </Text>
      </Group>
      <IconChevronRight size={16} color="var(--mantine-color-gray-5)" />
    </Group>
  );
  const style = { borderRadius: 'var(--mantine-radius-md)', display: 'block' };
  return to ? (
    <AnchorLink to={to} underline="never" c="inherit" className="myc-quick-link" style={style}>
      {content}
    </AnchorLink>
  ) : (
    <Anchor
      component="button"
      type="button"
      onClick={onClick}
      underline="never"
      c="inherit"
      className="myc-quick-link"
      style={{ ...style, width: '100%' }}
    >
      {content}
    </Anchor>
  );
}
