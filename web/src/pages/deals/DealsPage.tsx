import { Button, Group, SegmentedControl } from '@mantine/core';
import { IconDownload, IconLayoutKanban, IconTable } from '@tabler/icons-react';
import { useIsFetching } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { DEAL_KINDS, type DealKind } from '../../../../common/deals.ts';
import { can } from '../../../../common/permissions.ts';
import { ButtonLink } from '../../components/links.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { type DealsSearch, exportHref, filtersOf, viewKind } from '../../lib/deals.ts';
import { useSession } from '../../lib/session.ts';
import { BoardEmpty, DealBoard } from './DealBoard.tsx';
import { DealFilterBar } from './DealFilterBar.tsx';
import { DealTable } from './DealTable.tsx';
import { NewDealMenu } from './NewDealMenu.tsx';
import { KIND_LABELS } from './options.ts';

const route = getRouteApi('/authed/app/deals');

const NEW_LABELS: Record<DealKind, string> = {
  referral: 'Send referral',
  registration: 'Register a deal',
  opportunity: 'Add pipeline opportunity',
};

/** Referrals, registrations and the own pipeline: as a board to move along, or as a table. */
export function DealsPage() {
  const { role } = useSession();
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const update = (patch: Partial<DealsSearch>, replace = false) =>
    navigate({ search: (s) => ({ ...s, ...patch }), replace });
  const filters = filtersOf(search);
  const kind = viewKind(search);
  const table = search.view === 'table';
  const busy = useIsFetching({ queryKey: ['deals', 'list'] }) > 0;
  const mayCreate = can(role, 'deals.create');
  const filtered = Boolean(
    search.q || search.direction || search.partnerId || search.overdue || (table && search.status),
  );
  const kinds = [
    ...(table ? [{ value: 'all', label: 'All' }] : []),
    ...DEAL_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k].many })),
  ];
  return (
    <>
      <PageHeader
        title="Deals"
        description="Leads you refer and receive, deals you register with vendors, and your own pipeline."
        actions={
          <>
            <Button
              component="a"
              href={exportHref(filters)}
              download
              variant="default"
              leftSection={<IconDownload size={16} />}
            >
              Export CSV
            </Button>
            {mayCreate && <NewDealMenu />}
          </>
        }
      />
      <Group gap="sm" mb="md" wrap="wrap">
        <SegmentedControl
          aria-label="View"
          value={table ? 'table' : 'board'}
          onChange={(v) => update({ view: v === 'table' ? 'table' : undefined })}
          data={[
            {
              value: 'board',
              label: (
                <Group gap={6} wrap="nowrap">
                  <IconLayoutKanban size={16} aria-hidden />
                  Board
                </Group>
              ),
            },
            {
              value: 'table',
              label: (
                <Group gap={6} wrap="nowrap">
                  <IconTable size={16} aria-hidden />
                  Table
                </Group>
              ),
            },
          ]}
        />
        <SegmentedControl
          aria-label="Kind of deal"
          value={kind ?? 'all'}
          onChange={(v) => update({ kind: v === 'all' ? undefined : (v as DealKind), status: undefined })}
          data={kinds}
        />
      </Group>
      <DealFilterBar search={search} update={update} busy={busy} />
      {table ? (
        <DealTable filters={filters} filtered={filtered} />
      ) : (
        <DealBoard
          kind={kind ?? 'referral'}
          filters={filters}
          empty={
            <BoardEmpty
              filtered={filtered}
              kindLabel={KIND_LABELS[kind ?? 'referral'].many}
              action={
                mayCreate &&
                !filtered && (
                  <ButtonLink to="/deals/new" search={{ kind: kind ?? 'referral' }}>
                    {NEW_LABELS[kind ?? 'referral']}
                  </ButtonLink>
                )
              }
            />
          }
        />
      )}
    </>
  );
}
