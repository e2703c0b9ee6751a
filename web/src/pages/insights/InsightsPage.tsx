import { Stack } from '@mantine/core';
import { IconAffiliate, IconTopologyStar3 } from '@tabler/icons-react';
import { getRouteApi } from '@tanstack/react-router';
import { ButtonLink } from '../../components/links.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { PartnersTable } from './PartnersTable.tsx';
import { Recommendations } from './Recommendations.tsx';
import { NoRunYet, RefreshButton, RunLine, useRuns } from './RunStatus.tsx';
import { TrustDrawer } from './TrustDrawer.tsx';

const route = getRouteApi('/authed/app/insights');

/** Who you trust and who earns you the most for the least effort; who to approach next. */
export function InsightsPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const runs = useRuns();
  const sort = search.sort ?? 'trust';
  const order = search.order ?? 'desc';
  const noRun = !runs.runs.isPending && !runs.lastDone;
  return (
    <>
      <PageHeader
        title="Insights"
        description="Which partners you trust most and which earn you the most for the least effort, and who to approach next."
        actions={
          <>
            <ButtonLink
              to="/insights/network"
              variant="default"
              leftSection={<IconTopologyStar3 size={16} />}
            >
              My network
            </ButtonLink>
            <ButtonLink
              to="/insights/communities"
              variant="default"
              leftSection={<IconAffiliate size={16} />}
            >
              Communities
            </ButtonLink>
            <RefreshButton state={runs} />
          </>
        }
      />
      <Stack gap="lg">
        <RunLine lastDone={runs.lastDone} running={runs.running} />
        {noRun ? <NoRunYet state={runs} /> : <Recommendations />}
        <PartnersTable
          sort={sort}
          order={order}
          onSort={(column) =>
            navigate({
              search: (s) => ({
                ...s,
                sort: column === 'trust' ? undefined : column,
                // A second click on the sorted column turns the order around.
                order: column === sort && order === 'desc' ? 'asc' : undefined,
              }),
              replace: true,
            })
          }
          onOpenTrust={(partnerId) => navigate({ search: (s) => ({ ...s, trust: partnerId }) })}
        />
      </Stack>
      <TrustDrawer
        partnerId={search.trust}
        onClose={() => navigate({ search: (s) => ({ ...s, trust: undefined }), replace: true })}
      />
    </>
  );
}
