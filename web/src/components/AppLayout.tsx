import { AppShell, Burger, Divider, Group, NavLink, ScrollArea, Stack, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconAffiliate,
  IconArrowsExchange,
  IconAward,
  IconBook,
  IconBriefcase,
  IconBulb,
  IconCashBanknote,
  IconChecklist,
  IconCirclesRelation,
  IconCoins,
  IconGauge,
  IconHeartHandshake,
  IconHistory,
  IconId,
  IconKey,
  IconLayoutDashboard,
  IconReportMoney,
  IconSettings,
  IconSitemap,
  IconTopologyStar3,
  IconUsers,
  IconWallet,
  IconWorldSearch,
} from '@tabler/icons-react';
import { Link, Outlet, useLocation } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { can, type Permission } from '../../../common/permissions.ts';
import { useSession } from '../lib/session.ts';
import { Brand } from './Logo.tsx';
import { NotificationBell } from './NotificationBell.tsx';
import { OrgSwitcher } from './OrgSwitcher.tsx';
import { NamePrompt } from './Profile.tsx';
import { UserMenu } from './UserMenu.tsx';

type AppPath =
  | '/'
  | '/directory'
  | '/ecosystems'
  | '/partnerships'
  | '/deals'
  | '/deals/review'
  | '/accounts'
  | '/programs'
  | '/mdf'
  | '/earnings'
  | '/payouts'
  | '/cockpit'
  | '/cockpit/me'
  | '/insights'
  | '/insights/communities'
  | '/members'
  | '/org-chart'
  | '/tokens'
  | '/audit-log'
  | '/profile'
  | '/settings'
  | '/settings/money';

interface NavItem {
  to: AppPath;
  label: string;
  icon: ReactNode;
  permission?: Permission;
}

const NAV: NavItem[] = [
  { to: '/', label: 'Dashboard', icon: <IconLayoutDashboard size={18} stroke={1.7} /> },
  { to: '/directory', label: 'Find a partner', icon: <IconWorldSearch size={18} stroke={1.7} /> },
  { to: '/ecosystems', label: 'Ecosystems', icon: <IconAffiliate size={18} stroke={1.7} /> },
  { to: '/partnerships', label: 'Partnerships', icon: <IconHeartHandshake size={18} stroke={1.7} /> },
  { to: '/deals', label: 'Deals', icon: <IconArrowsExchange size={18} stroke={1.7} /> },
  {
    to: '/deals/review',
    label: 'Review queue',
    icon: <IconChecklist size={18} stroke={1.7} />,
    permission: 'deals.review',
  },
  {
    to: '/accounts',
    label: 'Account mapping',
    icon: <IconCirclesRelation size={18} stroke={1.7} />,
    permission: 'accounts.read',
  },
  {
    to: '/programs',
    label: 'Programs',
    icon: <IconAward size={18} stroke={1.7} />,
  },
  {
    to: '/mdf',
    label: 'MDF requests',
    icon: <IconCoins size={18} stroke={1.7} />,
    permission: 'mdf.review',
  },
  {
    to: '/earnings',
    label: 'Earnings',
    icon: <IconWallet size={18} stroke={1.7} />,
    permission: 'money.read',
  },
  {
    to: '/payouts',
    label: 'Payouts',
    icon: <IconCashBanknote size={18} stroke={1.7} />,
    permission: 'payouts.run',
  },
  {
    to: '/cockpit',
    label: 'Cockpit',
    icon: <IconGauge size={18} stroke={1.7} />,
    permission: 'cockpit.read',
  },
  {
    to: '/cockpit/me',
    label: 'My portfolio',
    icon: <IconBriefcase size={18} stroke={1.7} />,
    // Those who own partnerships (finance reads the cockpit but has no portfolio).
    permission: 'partnerships.manage',
  },
  {
    to: '/insights',
    label: 'Insights',
    icon: <IconBulb size={18} stroke={1.7} />,
    permission: 'insights.read',
  },
  {
    to: '/insights/communities',
    label: 'Communities',
    icon: <IconTopologyStar3 size={18} stroke={1.7} />,
    permission: 'insights.read',
  },
  { to: '/members', label: 'Members', icon: <IconUsers size={18} stroke={1.7} /> },
  { to: '/org-chart', label: 'Org chart', icon: <IconSitemap size={18} stroke={1.7} /> },
  { to: '/tokens', label: 'API tokens', icon: <IconKey size={18} stroke={1.7} /> },
  {
    to: '/audit-log',
    label: 'Audit log',
    icon: <IconHistory size={18} stroke={1.7} />,
    permission: 'audit.read',
  },
  { to: '/profile', label: 'Profile', icon: <IconId size={18} stroke={1.7} /> },
  { to: '/settings', label: 'Settings', icon: <IconSettings size={18} stroke={1.7} /> },
  {
    to: '/settings/money',
    label: 'Money settings',
    icon: <IconReportMoney size={18} stroke={1.7} />,
    permission: 'money.read',
  },
];

/** The signed-in frame: header with organization switcher and user menu, navigation, page. */
export function AppLayout() {
  const [navOpen, { toggle, close }] = useDisclosure(false);
  const { role } = useSession();
  const { pathname } = useLocation();
  const items = NAV.filter((item) => !item.permission || can(role, item.permission));
  // The most specific entry is the active one (/deals/review is not also /deals).
  const active = items
    .filter((item) =>
      item.to === '/' ? pathname === '/' : pathname === item.to || pathname.startsWith(`${item.to}/`),
    )
    .sort((a, b) => b.to.length - a.to.length)[0]?.to;
  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 240, breakpoint: 'sm', collapsed: { mobile: !navOpen } }}
      padding={{ base: 'md', sm: 'xl' }}
    >
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between" wrap="nowrap">
          <Group gap="md" wrap="nowrap">
            <Burger
              opened={navOpen}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label="Toggle navigation"
            />
            <Link to="/" style={{ textDecoration: 'none' }} aria-label="Mycelium home">
              <Brand />
            </Link>
            <Divider orientation="vertical" visibleFrom="sm" my={14} />
            <OrgSwitcher />
          </Group>
          <Group gap="sm" wrap="nowrap">
            <NotificationBell />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm">
        {/* The list scrolls on its own when the window is shorter than the menu. */}
        <AppShell.Section grow component={ScrollArea} type="auto" offsetScrollbars mx="-sm" px="sm">
          <Stack gap={2} component="nav" aria-label="Main">
            {items.map((item) => (
              <NavLink
                key={item.to}
                className="myc-nav-link"
                label={item.label}
                leftSection={item.icon}
                active={item.to === active}
                onClick={close}
                variant="light"
                style={{ borderRadius: 'var(--mantine-radius-md)' }}
                // Which entry is current is decided above, not by the router link (it would also mark /deals on /deals/review).
                renderRoot={(props) => (
                  <Link to={item.to} activeOptions={{ exact: true }} activeProps={{}} {...props} />
                )}
              />
            ))}
          </Stack>
        </AppShell.Section>
        <AppShell.Section>
          <NavLink
            label="API reference"
            href="/api/docs"
            target="_blank"
            leftSection={<IconBook size={18} stroke={1.7} />}
            style={{ borderRadius: 'var(--mantine-radius-md)' }}
          />
          <Text size="xs" c="dimmed" px="sm" pt="xs">
            Mycelium · open source
          </Text>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>
        <div style={{ maxWidth: 1160, margin: '0 auto' }}>
          <NamePrompt />
          <Outlet />
        </div>
      </AppShell.Main>
    </AppShell>
  );
}
