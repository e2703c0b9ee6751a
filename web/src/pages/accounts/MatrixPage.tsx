import { Alert, Card, EmptyState, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconGridDots, IconInfoCircle, IconLock } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ButtonLink } from '../../components/links.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { cellAt, matrixQuery, possessive } from '../../lib/accounts.ts';
import { hasStatus } from '../../lib/errors.ts';
import { CellList } from './CellList.tsx';
import { HeatMap } from './HeatMap.tsx';
import { PartnerSelect } from './parts.tsx';

const route = getRouteApi('/authed/app/accounts/matrix');

/** The overlap with one partner: your populations × theirs as a heat map; a cell opens its list. */
export function MatrixPage() {
  const { partnerId, mine, theirs } = route.useSearch();
  const navigate = route.useNavigate();
  return (
    <>
      <PageHeader
        title="Overlap matrix"
        description="How many accounts you and a partner both have, per population. Counts are kept current as either side imports; a cell opens the list when both sides share overlapping records."
        actions={
          partnerId && (
            <ButtonLink variant="default" to="/accounts/sharing" search={{ partnerId }}>
              Sharing with this partner
            </ButtonLink>
          )
        }
      />
      <Stack gap="lg">
        <PartnerSelect value={partnerId} onChange={(id) => navigate({ search: { partnerId: id } })} />
        {partnerId ? (
          <MatrixView
            partnerId={partnerId}
            open={mine && theirs ? { mine, theirs } : undefined}
            onOpen={(cell) => navigate({ search: { partnerId, ...cell }, replace: true, resetScroll: false })}
          />
        ) : (
          <Card>
            <EmptyState
              py={40}
              withIndicatorBackground
              icon={<IconGridDots size={28} />}
              title="Pick a partner"
              description="The matrix compares your populations with one partner’s."
            />
          </Card>
        )}
      </Stack>
    </>
  );
}

function MatrixView({
  partnerId,
  open,
  onOpen,
}: {
  partnerId: string;
  open: { mine: string; theirs: string } | undefined;
  onOpen: (cell: { mine: string; theirs: string } | Record<string, never>) => void;
}) {
  const matrix = useQuery(matrixQuery(partnerId));
  if (matrix.isPending) return <Skeleton height={320} radius="lg" />;
  if (matrix.isError)
    return hasStatus(matrix.error, 404) ? (
      <ErrorAlert error={matrix.error} title="Not a partner of yours" />
    ) : (
      <ErrorAlert error={matrix.error} onRetry={() => matrix.refetch()} />
    );
  const m = matrix.data;
  const name = m.partner.name;
  const cell = open ? cellAt(m, open.mine, open.theirs) : undefined;
  const row = m.rows.find((r) => r.id === open?.mine);
  const column = m.columns.find((c) => c.id === open?.theirs);
  return (
    <Stack gap="lg">
      {!m.offline && m.partnershipStatus !== 'active' && (
        <Alert variant="light" color="yellow" icon={<IconLock size={18} />}>
          The partnership with {name} is not active: nothing is shared either way.
        </Alert>
      )}
      <Card padding={0} component="section" aria-label={`Overlap with ${name}`}>
        <Group justify="space-between" px="lg" pt="lg" pb="sm">
          <Stack gap={2}>
            <Title order={3} fz="md">
              You × {name}
            </Title>
            <Text size="xs" c="dimmed">
              Rows are your populations, columns {possessive(name)}. Duplicates count once on both sides, so
              you both see the same numbers.
            </Text>
          </Stack>
        </Group>
        {m.rows.length === 0 ? (
          <EmptyState
            py={40}
            icon={<IconGridDots size={28} />}
            title="Import your accounts to see who you share with partners"
            description="The matrix needs your populations."
          >
            <ButtonLink to="/accounts/imports" search={{}} mt="md">
              Import accounts
            </ButtonLink>
          </EmptyState>
        ) : m.columns.length === 0 ? (
          <EmptyState
            py={40}
            icon={<IconLock size={28} />}
            title={`${name} shares nothing with you yet`}
            description="Cells appear when they share a population at counts or more, and you share yours too."
          />
        ) : (
          <HeatMap matrix={m} open={open} onOpen={onOpen} />
        )}
      </Card>
      {open && cell && row && column ? (
        cell.visible && (cell.level === 'overlap' || cell.level === 'full') ? (
          <CellList
            cell={{ partnerId, ...open }}
            title={`Your ${row.name} × ${possessive(name)} ${column.name}`}
            count={cell.keys}
            partnerName={name}
            onClose={() => onOpen({})}
          />
        ) : (
          <Alert variant="light" color="gray" icon={<IconInfoCircle size={18} />}>
            {cell.visible
              ? 'Counts only: the list of these accounts is not shared. Both sides must share overlapping records to open it.'
              : 'Not shared: this cell is hidden on at least one side.'}
          </Alert>
        )
      ) : null}
    </Stack>
  );
}
