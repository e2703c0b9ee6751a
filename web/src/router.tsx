import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  notFound,
  Outlet,
  redirect,
} from '@tanstack/react-router';
import { PARTNERSHIP_TYPES, type PartnershipType } from '../../common/deals.ts';
import { ROLES, type Role } from '../../common/permissions.ts';
import { AppLayout } from './components/AppLayout.tsx';
import { PageLoader } from './components/PageLoader.tsx';
import {
  validateImportsSearch,
  validateMatrixSearch,
  validateNetworkSearch,
  validatePartnerSearch,
} from './lib/accounts.ts';
import { ApiError } from './lib/api.ts';
import { safeRedirect } from './lib/auth.ts';
import { validateCockpitSearch, validateManagerSearch } from './lib/cockpit.ts';
import { dealQuery, validateDealsSearch, validateNewDealSearch, validateQueueSearch } from './lib/deals.ts';
import { type FacetSearch, validateFacetSearch } from './lib/directory.ts';
import { hasStatus } from './lib/errors.ts';
import { communityQuery, validateCommunitiesSearch, validateInsightsSearch } from './lib/insights.ts';
import { payoutQuery, validateEarningsSearch } from './lib/money.ts';
import { type PartnershipTab, partnershipQuery } from './lib/partnerships.ts';
import {
  applicationSide,
  enrollmentQuery,
  mdfSide,
  programQuery,
  validateApplicationsSearch,
  validateBuilderSearch,
  validateMdfSearch,
  validateProgramsSearch,
} from './lib/programs.ts';
import { ecosystemQuery, meQuery, profileQuery } from './lib/queries.ts';
import { handleSignedOut, queryClient } from './lib/query-client.ts';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { RouteErrorPage } from './pages/RouteErrorPage.tsx';

const rootRoute = createRootRouteWithContext<{ queryClient: QueryClient }>()({
  component: Outlet,
  notFoundComponent: NotFoundPage,
  errorComponent: RouteErrorPage,
});

const text = (value: unknown) => (typeof value === 'string' && value ? value : undefined);

/**
 * Loads what a page shows; an unknown id (404, or a malformed one: 400) is the not-found page. Other
 * failures are left to the page, which shows them with a retry.
 */
async function orNotFound(load: Promise<unknown>) {
  try {
    await load;
  } catch (err) {
    if (hasStatus(err, 404) || hasStatus(err, 400)) throw notFound();
  }
}

/** Sends someone who is already signed in on from the sign-in and sign-up pages. */
async function skipWhenSignedIn({ search }: { search: { redirect?: string } }) {
  const signedIn = await queryClient.fetchQuery({ ...meQuery, retry: false }).then(
    () => true,
    () => false,
  );
  if (signedIn) throw redirect({ href: search.redirect ?? '/' });
}

// Public pages.

const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: (s: Record<string, unknown>): { redirect?: string; error?: string; email?: string } => ({
    redirect: safeRedirect(s.redirect),
    error: text(s.error),
    email: text(s.email),
  }),
  beforeLoad: skipWhenSignedIn,
  component: lazyRouteComponent(() => import('./pages/SignInPage.tsx'), 'SignInPage'),
});

const signUpRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-up',
  validateSearch: (s: Record<string, unknown>): { redirect?: string; email?: string } => ({
    redirect: safeRedirect(s.redirect),
    email: text(s.email),
  }),
  beforeLoad: skipWhenSignedIn,
  component: lazyRouteComponent(() => import('./pages/SignUpPage.tsx'), 'SignUpPage'),
});

const mailboxRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/dev/mailbox',
  validateSearch: (s: Record<string, unknown>): { to?: string } => ({ to: text(s.to) }),
  component: lazyRouteComponent(() => import('./pages/MailboxPage.tsx'), 'MailboxPage'),
});

const invitationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/invitations/$invitationId',
  component: lazyRouteComponent(() => import('./pages/InvitationPage.tsx'), 'InvitationPage'),
});

// Signed-in pages.

const authedRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'authed',
  beforeLoad: async ({ context, location }) => {
    try {
      return { me: await context.queryClient.ensureQueryData(meQuery) };
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) {
        throw redirect({
          to: '/sign-in',
          search: { redirect: location.href === '/' ? undefined : location.href },
        });
      }
      throw err;
    }
  },
  component: Outlet,
});

const welcomeRoute = createRoute({
  getParentRoute: () => authedRoute,
  path: '/welcome',
  component: lazyRouteComponent(() => import('./pages/WelcomePage.tsx'), 'WelcomePage'),
});

const appRoute = createRoute({
  getParentRoute: () => authedRoute,
  id: 'app',
  beforeLoad: ({ context }) => {
    // A person without an organization (a new magic-link user) starts by creating or joining one.
    if (context.me.organizations.length === 0) throw redirect({ to: '/welcome' });
  },
  component: AppLayout,
});

const dashboardRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  component: lazyRouteComponent(() => import('./pages/DashboardPage.tsx'), 'DashboardPage'),
});

const membersRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/members',
  validateSearch: (s: Record<string, unknown>): { tab?: 'members' | 'invitations'; role?: Role } => ({
    tab: s.tab === 'invitations' ? 'invitations' : undefined,
    role: (ROLES as readonly unknown[]).includes(s.role) ? (s.role as Role) : undefined,
  }),
  component: lazyRouteComponent(() => import('./pages/members/MembersPage.tsx'), 'MembersPage'),
});

const orgChartRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/org-chart',
  validateSearch: (s: Record<string, unknown>): { member?: string } => ({ member: text(s.member) }),
  component: lazyRouteComponent(() => import('./pages/org-chart/OrgChartPage.tsx'), 'OrgChartPage'),
});

const tokensRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/tokens',
  component: lazyRouteComponent(() => import('./pages/tokens/TokensPage.tsx'), 'TokensPage'),
});

const auditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/audit-log',
  component: lazyRouteComponent(() => import('./pages/AuditLogPage.tsx'), 'AuditLogPage'),
});

const directoryRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/directory',
  validateSearch: validateFacetSearch,
  component: lazyRouteComponent(() => import('./pages/directory/DirectoryPage.tsx'), 'DirectoryPage'),
});

const organizationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/directory/$id',
  loader: ({ context, params }) => orNotFound(context.queryClient.ensureQueryData(profileQuery(params.id))),
  component: lazyRouteComponent(() => import('./pages/directory/ProfilePage.tsx'), 'ProfilePage'),
});

const profileRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/profile',
  component: lazyRouteComponent(() => import('./pages/directory/EditProfilePage.tsx'), 'EditProfilePage'),
});

const ecosystemsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/ecosystems',
  validateSearch: (s: Record<string, unknown>): { q?: string; mine?: true } => ({
    q: typeof s.q === 'string' || typeof s.q === 'number' ? String(s.q).trim() || undefined : undefined,
    mine: s.mine === true || s.mine === 'true' ? true : undefined,
  }),
  component: lazyRouteComponent(() => import('./pages/ecosystems/EcosystemsPage.tsx'), 'EcosystemsPage'),
});

const ecosystemRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/ecosystems/$id',
  validateSearch: (s: Record<string, unknown>): FacetSearch & { status?: 'active' | 'inactive' } => ({
    ...validateFacetSearch(s),
    status: s.status === 'active' || s.status === 'inactive' ? s.status : undefined,
  }),
  loader: ({ context, params }) => orNotFound(context.queryClient.ensureQueryData(ecosystemQuery(params.id))),
  component: lazyRouteComponent(() => import('./pages/ecosystems/EcosystemPage.tsx'), 'EcosystemPage'),
});

const partnershipsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/partnerships',
  validateSearch: (
    s: Record<string, unknown>,
  ): { tab?: Exclude<PartnershipTab, 'active'>; type?: PartnershipType; q?: string } => ({
    tab: s.tab === 'proposals' || s.tab === 'paused' || s.tab === 'ended' ? s.tab : undefined,
    type: (PARTNERSHIP_TYPES as readonly unknown[]).includes(s.type)
      ? (s.type as PartnershipType)
      : undefined,
    q: typeof s.q === 'string' || typeof s.q === 'number' ? String(s.q).trim() || undefined : undefined,
  }),
  component: lazyRouteComponent(
    () => import('./pages/partnerships/PartnershipsPage.tsx'),
    'PartnershipsPage',
  ),
});

const partnershipRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/partnerships/$partnershipId',
  loader: ({ context, params }) =>
    orNotFound(context.queryClient.ensureQueryData(partnershipQuery(params.partnershipId))),
  component: lazyRouteComponent(() => import('./pages/partnerships/PartnershipPage.tsx'), 'PartnershipPage'),
});

const dealsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/deals',
  validateSearch: validateDealsSearch,
  component: lazyRouteComponent(() => import('./pages/deals/DealsPage.tsx'), 'DealsPage'),
});

const newDealRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/deals/new',
  validateSearch: validateNewDealSearch,
  component: lazyRouteComponent(() => import('./pages/deals/NewDealPage.tsx'), 'NewDealPage'),
});

const reviewQueueRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/deals/review',
  validateSearch: validateQueueSearch,
  component: lazyRouteComponent(() => import('./pages/deals/ReviewQueuePage.tsx'), 'ReviewQueuePage'),
});

const dealRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/deals/$dealId',
  loader: ({ context, params }) => orNotFound(context.queryClient.ensureQueryData(dealQuery(params.dealId))),
  component: lazyRouteComponent(() => import('./pages/deals/DealPage.tsx'), 'DealPage'),
});

// Channel programs (pages in ./pages/programs).

const programsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/programs',
  validateSearch: validateProgramsSearch,
  component: lazyRouteComponent(() => import('./pages/programs/ProgramsPage.tsx'), 'ProgramsPage'),
});

const newProgramRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/programs/new',
  component: lazyRouteComponent(() => import('./pages/programs/ProgramBuilderPage.tsx'), 'NewProgramPage'),
});

const programApplicationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/programs/applications',
  validateSearch: validateApplicationsSearch,
  component: lazyRouteComponent(() => import('./pages/programs/ApplicationsPage.tsx'), 'ApplicationsPage'),
});

const programRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/programs/$programId',
  loader: ({ context, params }) =>
    orNotFound(context.queryClient.ensureQueryData(programQuery(params.programId))),
  component: lazyRouteComponent(() => import('./pages/programs/ProgramPage.tsx'), 'ProgramPage'),
});

const editProgramRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/programs/$programId/edit',
  validateSearch: validateBuilderSearch,
  loader: ({ context, params }) =>
    orNotFound(context.queryClient.ensureQueryData(programQuery(params.programId))),
  component: lazyRouteComponent(() => import('./pages/programs/ProgramBuilderPage.tsx'), 'EditProgramPage'),
});

const enrollmentRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/enrollments/$enrollmentId',
  loader: ({ context, params }) =>
    orNotFound(context.queryClient.ensureQueryData(enrollmentQuery(params.enrollmentId))),
  component: lazyRouteComponent(() => import('./pages/programs/EnrollmentPage.tsx'), 'EnrollmentPage'),
});

const mdfRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/mdf',
  validateSearch: validateMdfSearch,
  component: lazyRouteComponent(() => import('./pages/programs/MdfPage.tsx'), 'MdfPage'),
});

// Money (pages in ./pages/money).

const earningsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/earnings',
  validateSearch: validateEarningsSearch,
  component: lazyRouteComponent(() => import('./pages/money/EarningsPage.tsx'), 'EarningsPage'),
});

const payoutsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/payouts',
  component: lazyRouteComponent(() => import('./pages/money/PayoutsPage.tsx'), 'PayoutsPage'),
});

const payoutRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/payouts/$payoutId',
  loader: ({ context, params }) =>
    orNotFound(context.queryClient.ensureQueryData(payoutQuery(params.payoutId))),
  component: lazyRouteComponent(() => import('./pages/money/PayoutPage.tsx'), 'PayoutPage'),
});

const moneySettingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/settings/money',
  component: lazyRouteComponent(() => import('./pages/money/MoneySettingsPage.tsx'), 'MoneySettingsPage'),
});

// Account mapping (pages in ./pages/accounts).

const accountsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/accounts',
  component: lazyRouteComponent(() => import('./pages/accounts/AccountsPage.tsx'), 'AccountsPage'),
});

const accountImportsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/accounts/imports',
  validateSearch: validateImportsSearch,
  component: lazyRouteComponent(() => import('./pages/accounts/ImportsPage.tsx'), 'ImportsPage'),
});

const populationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/accounts/populations',
  component: lazyRouteComponent(() => import('./pages/accounts/PopulationsPage.tsx'), 'PopulationsPage'),
});

const sharingRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/accounts/sharing',
  validateSearch: validatePartnerSearch,
  component: lazyRouteComponent(() => import('./pages/accounts/SharingPage.tsx'), 'SharingPage'),
});

const matrixRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/accounts/matrix',
  validateSearch: validateMatrixSearch,
  component: lazyRouteComponent(() => import('./pages/accounts/MatrixPage.tsx'), 'MatrixPage'),
});

const networkRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/accounts/network',
  validateSearch: validateNetworkSearch,
  component: lazyRouteComponent(() => import('./pages/accounts/NetworkPage.tsx'), 'NetworkPage'),
});

// Insights and the cockpit (pages in ./pages/insights and ./pages/cockpit).

const cockpitRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/cockpit',
  validateSearch: validateCockpitSearch,
  component: lazyRouteComponent(() => import('./pages/cockpit/CockpitPage.tsx'), 'CockpitPage'),
});

const allianceManagerRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/cockpit/me',
  validateSearch: validateManagerSearch,
  component: lazyRouteComponent(
    () => import('./pages/cockpit/AllianceManagerPage.tsx'),
    'AllianceManagerPage',
  ),
});

const insightsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/insights',
  validateSearch: validateInsightsSearch,
  component: lazyRouteComponent(() => import('./pages/insights/InsightsPage.tsx'), 'InsightsPage'),
});

const communitiesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/insights/communities',
  validateSearch: validateCommunitiesSearch,
  component: lazyRouteComponent(() => import('./pages/insights/CommunitiesPage.tsx'), 'CommunitiesPage'),
});

const communityRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/insights/communities/$id',
  loader: ({ context, params }) => orNotFound(context.queryClient.ensureQueryData(communityQuery(params.id))),
  component: lazyRouteComponent(() => import('./pages/insights/CommunityPage.tsx'), 'CommunityPage'),
});

const insightsNetworkRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/insights/network',
  component: lazyRouteComponent(() => import('./pages/insights/NetworkGraphPage.tsx'), 'NetworkGraphPage'),
});

// Notifications link to one application or MDF request: they open in their list, on the right side.

const applicationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/applications/$applicationId',
  beforeLoad: async ({ params }) => {
    const a = await applicationSide(params.applicationId);
    throw redirect({ to: '/programs/applications', search: { tab: a === 'partner' ? 'sent' : undefined } });
  },
});

const mdfRequestRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/mdf/$mdfId',
  beforeLoad: async ({ params }) => {
    const m = await mdfSide(params.mdfId);
    throw redirect({
      to: '/mdf',
      search: { tab: m?.side === 'vendor' ? 'review' : undefined, enrollmentId: m?.enrollmentId },
    });
  },
});

const settingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/settings',
  component: lazyRouteComponent(() => import('./pages/SettingsPage.tsx'), 'SettingsPage'),
});

const routeTree = rootRoute.addChildren([
  signInRoute,
  signUpRoute,
  mailboxRoute,
  invitationRoute,
  authedRoute.addChildren([
    welcomeRoute,
    appRoute.addChildren([
      dashboardRoute,
      membersRoute,
      orgChartRoute,
      tokensRoute,
      auditRoute,
      directoryRoute,
      organizationRoute,
      profileRoute,
      ecosystemsRoute,
      ecosystemRoute,
      partnershipsRoute,
      partnershipRoute,
      dealsRoute,
      newDealRoute,
      reviewQueueRoute,
      dealRoute,
      programsRoute,
      newProgramRoute,
      programApplicationsRoute,
      programRoute,
      editProgramRoute,
      enrollmentRoute,
      mdfRoute,
      applicationRoute,
      mdfRequestRoute,
      earningsRoute,
      payoutsRoute,
      payoutRoute,
      moneySettingsRoute,
      accountsRoute,
      accountImportsRoute,
      populationsRoute,
      sharingRoute,
      matrixRoute,
      networkRoute,
      cockpitRoute,
      allianceManagerRoute,
      insightsRoute,
      communitiesRoute,
      communityRoute,
      insightsNetworkRoute,
      settingsRoute,
    ]),
  ]),
]);

/** The app's routes. */
export const router = createRouter({
  routeTree,
  context: { queryClient },
  defaultPreload: 'intent',
  defaultPreloadStaleTime: 0,
  defaultPendingMs: 150,
  defaultPendingComponent: () => <PageLoader h="60vh" />,
  defaultNotFoundComponent: NotFoundPage,
  scrollRestoration: true,
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}

// A session that expires while the app is open sends the person to sign in, and back afterwards.
handleSignedOut(() => {
  const { pathname, href } = router.state.location;
  if (pathname === '/sign-in') return;
  queryClient.clear();
  router.navigate({ to: '/sign-in', search: { redirect: href } });
});
