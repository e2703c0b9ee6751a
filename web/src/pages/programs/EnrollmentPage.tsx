import {
  Breadcrumbs,
  Button,
  Card,
  Grid,
  Group,
  Progress,
  Skeleton,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconRefresh } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { formatMoney } from '../../../../common/money.ts';
import { can } from '../../../../common/permissions.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { AnchorLink, ButtonLink } from '../../components/links.tsx';
import { OrgAvatar } from '../../components/OrgAvatar.tsx';
import { api, body } from '../../lib/api.ts';
import { formatDay } from '../../lib/deals.ts';
import { errorMessage } from '../../lib/errors.ts';
import { type Enrollment, enrollmentQuery, programsChanged, progressPercent } from '../../lib/programs.ts';
import { useSession } from '../../lib/session.ts';
import { ReasonModal } from './ApplicationModals.tsx';
import { CertificationsCard } from './CertificationsCard.tsx';
import { NewMdfModal } from './MdfModals.tsx';
import { MdfTable } from './MdfTable.tsx';
import { OnboardingChecklist } from './OnboardingChecklist.tsx';
import { TierBadge } from './ProgramBadges.tsx';
import { SectionCard } from './parts.tsx';
import { TierHistory } from './TierHistory.tsx';
import { TierProgress } from './TierProgress.tsx';

const route = getRouteApi('/authed/app/enrollments/$enrollmentId');

/** An enrollment, for both sides: tier and progress, onboarding, certifications, tier history and MDF. */
export function EnrollmentPage() {
  const { enrollmentId } = route.useParams();
  const enrollment = useQuery(enrollmentQuery(enrollmentId));
  const e = enrollment.data;
  return (
    <Stack gap="lg">
      <Breadcrumbs separatorMargin={6} fz="sm">
        <AnchorLink
          to="/programs"
          search={e?.side === 'partner' ? { tab: 'enrollments' } : {}}
          size="sm"
          c="dimmed"
        >
          Programs
        </AnchorLink>
        {e && (
          <AnchorLink to="/programs/$programId" params={{ programId: e.program.id }} size="sm" c="dimmed">
            {e.program.name}
          </AnchorLink>
        )}
        <Text size="sm" c="dimmed" aria-current="page">
          {e ? (e.side === 'vendor' ? e.partner.name : 'Your enrollment') : '…'}
        </Text>
      </Breadcrumbs>
      {enrollment.isPending ? (
        <Stack gap="lg" aria-busy="true" aria-label="Loading">
          <Skeleton height={120} radius="lg" />
          <Grid gap="lg">
            <Grid.Col span={{ base: 12, md: 7 }}>
              <Skeleton height={300} radius="lg" />
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 5 }}>
              <Skeleton height={300} radius="lg" />
            </Grid.Col>
          </Grid>
        </Stack>
      ) : enrollment.isError ? (
        <ErrorAlert error={enrollment.error} onRetry={() => enrollment.refetch()} />
      ) : (
        <EnrollmentView enrollment={enrollment.data} />
      )}
    </Stack>
  );
}

function EnrollmentView({ enrollment: e }: { enrollment: Enrollment }) {
  const { role } = useSession();
  const vendor = e.side === 'vendor';
  const active = e.status === 'active';
  return (
    <>
      <Header enrollment={e} />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="lg">
            <SectionCard title="Tier and progress">
              <TierProgress enrollment={e} />
            </SectionCard>
            <OnboardingChecklist enrollment={e} mayAdd={vendor && active && can(role, 'programs.review')} />
            <CertificationsCard enrollment={e} mayManage={vendor && can(role, 'programs.review')} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack gap="lg">
            <MdfSummary enrollment={e} />
            <TierHistory enrollment={e} />
          </Stack>
        </Grid.Col>
      </Grid>
      <SectionCard
        title="MDF requests"
        padding={0}
        actions={
          <ButtonLink
            to="/mdf"
            search={{ tab: vendor ? 'review' : undefined, enrollmentId: e.id }}
            variant="subtle"
            size="xs"
          >
            All MDF requests
          </ButtonLink>
        }
      >
        <MdfTable
          compact
          filters={{ side: e.side, enrollmentId: e.id }}
          empty={{
            title: 'No MDF requests',
            description: vendor
              ? `${e.partner.name} requests marketing funds against its tier’s budget; you approve them here.`
              : 'Request marketing funds against your tier’s yearly budget.',
          }}
        />
      </SectionCard>
    </>
  );
}

function Header({ enrollment: e }: { enrollment: Enrollment }) {
  const { role } = useSession();
  const queryClient = useQueryClient();
  const [ending, setEnding] = useState(false);
  const vendor = e.side === 'vendor';
  const other = vendor ? e.partner : e.vendor;
  const evaluate = useMutation({
    mutationFn: () => body(api.POST('/api/v1/enrollments/{id}/evaluate', { params: { path: { id: e.id } } })),
    onSuccess: (updated) => {
      queryClient.setQueryData(enrollmentQuery(e.id).queryKey, updated);
      void programsChanged(queryClient);
      notifications.show({
        color: 'moss',
        message:
          updated.tier?.id === e.tier?.id
            ? `Evaluated: ${e.partner.name} stays ${updated.tier ? `at ${updated.tier.name}` : 'without a tier'}.`
            : `Evaluated: ${e.partner.name} is now ${updated.tier ? `at ${updated.tier.name}` : 'without a tier'}.`,
      });
    },
    onError: (err) =>
      notifications.show({ color: 'red', title: 'Could not evaluate', message: errorMessage(err) }),
  });
  return (
    <Card padding="xl">
      <Group justify="space-between" align="flex-start" gap="lg">
        <Group align="flex-start" wrap="nowrap" gap="lg" style={{ minWidth: 0, flex: '1 1 380px' }}>
          <OrgAvatar name={other.name} size={64} />
          <Stack gap={8} style={{ minWidth: 0 }}>
            <Group gap="sm">
              <Title order={2} fz={26}>
                {vendor ? e.partner.name : e.program.name}
              </Title>
              <TierBadge tier={e.tier} size="md" />
            </Group>
            <Text size="sm" c="gray.7">
              {vendor ? (
                <>
                  Enrolled in{' '}
                  <AnchorLink
                    to="/programs/$programId"
                    params={{ programId: e.program.id }}
                    size="sm"
                    inherit
                  >
                    {e.program.name}
                  </AnchorLink>
                </>
              ) : (
                <>Run by {e.vendor.name}</>
              )}{' '}
              since {formatDay(e.joinedAt)}
              {e.status === 'ended' && e.endedAt && ` · ended ${formatDay(e.endedAt)}`}
            </Text>
            {e.status === 'ended' && (
              <Text size="sm" c="red">
                This enrollment has ended: tiers are no longer evaluated and no commissions are earned through
                it.
              </Text>
            )}
          </Stack>
        </Group>
        {vendor && e.status === 'active' && (
          <Group gap="sm">
            {can(role, 'programs.review') && (
              <Button
                variant="default"
                leftSection={<IconRefresh size={16} />}
                loading={evaluate.isPending}
                onClick={() => evaluate.mutate()}
              >
                Evaluate now
              </Button>
            )}
            {can(role, 'programs.manage') && (
              <Button variant="default" color="red" onClick={() => setEnding(true)}>
                End enrollment
              </Button>
            )}
          </Group>
        )}
      </Group>
      {ending && (
        <ReasonModal
          title={`End ${e.partner.name}’s enrollment?`}
          description={`${e.partner.name} leaves ${e.program.name}: no more tier evaluation or commissions through it. Your partnership stays. They are told your reason.`}
          confirmLabel="End enrollment"
          onSubmit={(reason) =>
            body(
              api.POST('/api/v1/enrollments/{id}/end', { params: { path: { id: e.id } }, body: { reason } }),
            )
          }
          onDone={() => {
            void programsChanged(queryClient);
            notifications.show({ color: 'moss', message: 'Enrollment ended.' });
          }}
          onClose={() => setEnding(false)}
        />
      )}
    </Card>
  );
}

/** This year's MDF budget of the tier: used and left. */
function MdfSummary({ enrollment: e }: { enrollment: Enrollment }) {
  const { role } = useSession();
  const [requesting, setRequesting] = useState(false);
  const { budgetMinor, usedMinor, currency, year } = e.mdf;
  const left = Math.max(0, budgetMinor - usedMinor);
  const mayRequest = e.side === 'partner' && e.status === 'active' && can(role, 'mdf.request');
  return (
    <SectionCard
      title={`Marketing funds ${year}`}
      actions={
        mayRequest &&
        budgetMinor > 0 && (
          <Button
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={() => setRequesting(true)}
            disabled={left === 0}
          >
            Request
          </Button>
        )
      }
    >
      {budgetMinor === 0 ? (
        <Text size="sm" c="dimmed">
          {e.tier ? `${e.tier.name} has no MDF budget.` : 'No tier yet, so no MDF budget.'}
        </Text>
      ) : (
        <Stack gap="xs">
          <Group justify="space-between">
            <Text size="sm">
              {formatMoney({ amountMinor: usedMinor, currency })} used of{' '}
              {formatMoney({ amountMinor: budgetMinor, currency })}
            </Text>
            <Text size="sm" fw={600} c={left ? 'moss.7' : 'dimmed'}>
              {formatMoney({ amountMinor: left, currency })} left
            </Text>
          </Group>
          <Progress
            value={progressPercent(usedMinor, budgetMinor)}
            color="teal"
            aria-label={`MDF budget used: ${formatMoney({ amountMinor: usedMinor, currency })} of ${formatMoney({ amountMinor: budgetMinor, currency })}`}
          />
          <Text size="xs" c="dimmed">
            Approved requests count against the budget of their calendar year.
          </Text>
        </Stack>
      )}
      {requesting && <NewMdfModal enrollmentId={e.id} onClose={() => setRequesting(false)} />}
    </SectionCard>
  );
}
