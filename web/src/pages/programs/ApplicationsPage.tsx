import { Button, Group, SegmentedControl, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconInbox, IconSend } from '@tabler/icons-react';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { can } from '../../../../common/permissions.ts';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { DateText } from '../../components/DateText.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { AnchorLink, ButtonLink } from '../../components/links.tsx';
import { OrgAvatar } from '../../components/OrgAvatar.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryStates } from '../../components/QueryStates.tsx';
import { api, body } from '../../lib/api.ts';
import {
  type ApplicationStatus,
  applicationsQuery,
  type ProgramApplication,
  programsChanged,
} from '../../lib/programs.ts';
import { useSession } from '../../lib/session.ts';
import { ApplicationDetailsModal, ApproveModal, RejectModal, useAnswers } from './ApplicationModals.tsx';
import { ApplicationStatusBadge } from './ProgramBadges.tsx';
import { ListCard } from './parts.tsx';

const route = getRouteApi('/authed/app/programs/applications');

/** Applications to your programs (pending first, to approve or reject) and your own (to follow or withdraw). */
export function ApplicationsPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const tab = search.tab ?? 'received';
  const [decided, setDecided] = useState<Exclude<ApplicationStatus, 'pending'>>('approved');
  return (
    <>
      <PageHeader
        title="Applications"
        description="Partners apply to your published programs with the answers your form asks for; approving one enrolls it. Your own applications to other vendors’ programs are under “Sent”."
        actions={
          <ButtonLink to="/programs" variant="default">
            All programs
          </ButtonLink>
        }
      />
      <Tabs value={tab} onChange={(v) => navigate({ search: { tab: v === 'sent' ? 'sent' : undefined } })}>
        <Tabs.List mb="md">
          <Tabs.Tab value="received" leftSection={<IconInbox size={16} />}>
            To your programs
          </Tabs.Tab>
          <Tabs.Tab value="sent" leftSection={<IconSend size={16} />}>
            Sent
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="received">
          {tab === 'received' && (
            <Stack gap="lg">
              <ApplicationList
                title="Waiting for your decision"
                filters={{ side: 'vendor', status: 'pending' }}
                empty={{
                  icon: <IconInbox size={28} />,
                  title: 'Nothing to decide',
                  description: 'When a partner applies to one of your published programs, it waits here.',
                }}
              />
              <ApplicationList
                title="Decided"
                filters={{ side: 'vendor', status: decided }}
                headerExtra={
                  <SegmentedControl
                    size="xs"
                    aria-label="Decision"
                    value={decided}
                    onChange={(v) => setDecided(v as typeof decided)}
                    data={[
                      { value: 'approved', label: 'Approved' },
                      { value: 'rejected', label: 'Rejected' },
                      { value: 'withdrawn', label: 'Withdrawn' },
                    ]}
                  />
                }
                empty={{
                  icon: <IconCheck size={28} />,
                  title: `No ${decided} applications`,
                  description: 'Decisions on applications to your programs are kept here.',
                }}
              />
            </Stack>
          )}
        </Tabs.Panel>
        <Tabs.Panel value="sent">
          {tab === 'sent' && (
            <ApplicationList
              filters={{ side: 'partner' }}
              empty={{
                icon: <IconSend size={28} />,
                title: 'You have not applied to any program',
                description: 'Find vendors’ programs under Programs → Programs you can join.',
                children: (
                  <ButtonLink to="/programs" search={{ tab: 'available' }} variant="default">
                    Programs you can join
                  </ButtonLink>
                ),
              }}
            />
          )}
        </Tabs.Panel>
      </Tabs>
    </>
  );
}

type Empty = { icon: ReactNode; title: string; description: string; children?: ReactNode };

function ApplicationList({
  title,
  filters,
  empty,
  headerExtra,
}: {
  title?: string;
  filters: { side: 'vendor' | 'partner'; status?: ApplicationStatus };
  empty: Empty;
  headerExtra?: ReactNode;
}) {
  const { role } = useSession();
  const queryClient = useQueryClient();
  const list = useInfiniteQuery(applicationsQuery(filters));
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  const [viewing, setViewing] = useState<ProgramApplication | null>(null);
  const [approving, setApproving] = useState<ProgramApplication | null>(null);
  const [rejecting, setRejecting] = useState<ProgramApplication | null>(null);
  const [withdrawing, setWithdrawing] = useState<ProgramApplication | null>(null);
  const vendor = filters.side === 'vendor';
  const mayDecide = vendor && can(role, 'programs.review');
  const mayWithdraw = !vendor && can(role, 'programs.apply');
  const decidable = (a: ProgramApplication) => mayDecide && a.status === 'pending';
  return (
    <ListCard
      footer={
        rows.length > 0 &&
        !list.hasNextPage &&
        !title &&
        (rows.length === 1 ? '1 application' : `${rows.length} applications`)
      }
    >
      {title && (
        <Group px="lg" pt="lg" pb="sm" justify="space-between">
          <Title order={3} fz="md">
            {title}
          </Title>
          {headerExtra}
        </Group>
      )}
      <QueryStates query={list} skeletonRows={title ? 2 : 5} isEmpty={rows.length === 0} empty={empty}>
        <ListTable
          minWidth={940}
          aria-label={title ?? 'Your applications'}
          actionsWidth={190}
          head={
            <>
              <Table.Th w={200}>{vendor ? 'Partner' : 'Vendor'}</Table.Th>
              <Table.Th w={180}>Program</Table.Th>
              <Table.Th>{vendor ? 'Answers' : 'Status'}</Table.Th>
              <Table.Th w={120}>Applied</Table.Th>
            </>
          }
        >
          {rows.map((a) => {
            const org = vendor ? a.partner : a.vendor;
            return (
              <Table.Tr key={a.id} bg={decidable(a) ? 'yellow.0' : undefined}>
                <Table.Td>
                  <Group gap="sm" wrap="nowrap">
                    <OrgAvatar name={org.name} size={28} />
                    <Text size="sm" fw={600} truncate>
                      {org.name}
                    </Text>
                  </Group>
                </Table.Td>
                <Table.Td>
                  <AnchorLink to="/programs/$programId" params={{ programId: a.program.id }} size="sm">
                    {a.program.name}
                  </AnchorLink>
                </Table.Td>
                <Table.Td>
                  {vendor ? (
                    <Stack gap={4}>
                      {a.status !== 'pending' && <ApplicationStatusBadge status={a.status} />}
                      <AnswersPreview application={a} />
                    </Stack>
                  ) : (
                    <Stack gap={2}>
                      <ApplicationStatusBadge status={a.status} />
                      {a.reason && (
                        <Text size="xs" c="dimmed" lineClamp={2}>
                          Reason: {a.reason}
                        </Text>
                      )}
                    </Stack>
                  )}
                </Table.Td>
                <Table.Td>
                  <DateText value={a.createdAt} format="relative" style={{ whiteSpace: 'nowrap' }} />
                </Table.Td>
                <Table.Td>
                  <Group gap={6} justify="flex-end" wrap="nowrap">
                    <Button
                      size="xs"
                      variant="subtle"
                      onClick={() => setViewing(a)}
                      aria-label={`View ${org.name}’s application`}
                    >
                      View
                    </Button>
                    {decidable(a) && (
                      <>
                        <Button
                          size="xs"
                          variant="default"
                          onClick={() => setRejecting(a)}
                          aria-label={`Reject ${org.name}`}
                        >
                          Reject
                        </Button>
                        <Button size="xs" onClick={() => setApproving(a)} aria-label={`Approve ${org.name}`}>
                          Approve
                        </Button>
                      </>
                    )}
                    {mayWithdraw && a.status === 'pending' && (
                      <Button size="xs" variant="default" color="red" onClick={() => setWithdrawing(a)}>
                        Withdraw
                      </Button>
                    )}
                    {a.enrollmentId && (
                      <ButtonLink
                        to="/enrollments/$enrollmentId"
                        params={{ enrollmentId: a.enrollmentId }}
                        size="xs"
                        variant="light"
                      >
                        Enrollment
                      </ButtonLink>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            );
          })}
        </ListTable>
      </QueryStates>
      <div style={{ paddingBottom: list.hasNextPage ? 'var(--mantine-spacing-md)' : 0 }}>
        <LoadMore {...list} />
      </div>
      {viewing && (
        <ApplicationDetailsModal
          application={viewing}
          onClose={() => setViewing(null)}
          onApprove={
            decidable(viewing)
              ? () => {
                  setApproving(viewing);
                  setViewing(null);
                }
              : undefined
          }
          onReject={
            decidable(viewing)
              ? () => {
                  setRejecting(viewing);
                  setViewing(null);
                }
              : undefined
          }
        />
      )}
      {approving && <ApproveModal application={approving} onClose={() => setApproving(null)} />}
      {rejecting && <RejectModal application={rejecting} onClose={() => setRejecting(null)} />}
      <ConfirmModal
        opened={withdrawing !== null}
        onClose={() => setWithdrawing(null)}
        title="Withdraw your application?"
        confirmLabel="Withdraw application"
        onConfirm={() =>
          body(
            api.POST('/api/v1/applications/{id}/withdraw', {
              params: { path: { id: withdrawing?.id ?? '' } },
            }),
          )
        }
        onDone={() => {
          void programsChanged(queryClient);
          notifications.show({ color: 'moss', message: 'Application withdrawn.' });
        }}
      >
        {withdrawing &&
          `${withdrawing.vendor.name} will no longer see it. You can apply to ${withdrawing.program.name} again later.`}
      </ConfirmModal>
    </ListCard>
  );
}

function AnswersPreview({ application }: { application: ProgramApplication }) {
  const answers = useAnswers(application);
  const shown = answers.slice(0, 2);
  if (shown.length === 0)
    return (
      <Text size="sm" c="dimmed" lineClamp={2}>
        {application.message || 'No answers'}
      </Text>
    );
  return (
    <Stack gap={4}>
      {shown.map((x) => (
        <div key={x.id}>
          <Text size="xs" c="dimmed" lineClamp={1}>
            {x.label}
          </Text>
          <Text size="sm" lineClamp={1}>
            {x.answer}
          </Text>
        </div>
      ))}
      {answers.length > 2 && (
        <Text size="xs" c="dimmed">
          +{answers.length - 2} more
        </Text>
      )}
    </Stack>
  );
}
