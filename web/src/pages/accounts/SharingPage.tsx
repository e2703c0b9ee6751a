import {
  Alert,
  Badge,
  Button,
  Card,
  EmptyState,
  Group,
  MultiSelect,
  SegmentedControl,
  SimpleGrid,
  Skeleton,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle, IconLock, IconShare } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { useState } from 'react';
import { can } from '../../../../common/permissions.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ButtonLink } from '../../components/links.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import {
  accountsChanged,
  LEVEL_META,
  SHARING_LEVELS,
  type Sharing,
  type SharingLevel,
  saveSharing,
  sharingQuery,
} from '../../lib/accounts.ts';
import { useSession } from '../../lib/session.ts';
import { LevelBadge, PartnerSelect } from './parts.tsx';

const route = getRouteApi('/authed/app/accounts/sharing');

/** Per partner: what you share of each population (a level per row), and what the partner shares with you. */
export function SharingPage() {
  const { partnerId } = route.useSearch();
  const navigate = route.useNavigate();
  return (
    <>
      <PageHeader
        title="Sharing"
        description="Choose, per partner and per population, what the partner may see. A cell of the matrix is visible only when both sides share at least counts, and shows the lower of the two levels."
        actions={
          partnerId && (
            <ButtonLink variant="default" to="/accounts/matrix" search={{ partnerId }}>
              Open matrix
            </ButtonLink>
          )
        }
      />
      <Stack gap="lg">
        <PartnerSelect value={partnerId} onChange={(id) => navigate({ search: { partnerId: id } })} />
        {partnerId ? (
          <PartnerSharing key={partnerId} partnerId={partnerId} />
        ) : (
          <Card>
            <EmptyState
              py={40}
              withIndicatorBackground
              icon={<IconShare size={28} />}
              title="Pick a partner"
              description="Sharing is set for each partner on its own. Nothing is shared until you choose to."
            />
          </Card>
        )}
      </Stack>
    </>
  );
}

function PartnerSharing({ partnerId }: { partnerId: string }) {
  const sharing = useQuery(sharingQuery(partnerId));
  if (sharing.isPending)
    return (
      <SimpleGrid cols={{ base: 1, lg: 2 }}>
        <Skeleton height={260} radius="lg" />
        <Skeleton height={260} radius="lg" />
      </SimpleGrid>
    );
  if (sharing.isError) return <ErrorAlert error={sharing.error} onRetry={() => sharing.refetch()} />;
  return <SharingGrid sharing={sharing.data} />;
}

type Draft = Record<string, { level: SharingLevel; fields: string[] }>;
const draftOf = (sharing: Sharing): Draft =>
  Object.fromEntries(sharing.mine.map((r) => [r.population.id, { level: r.level, fields: r.fields }]));

function SharingGrid({ sharing }: { sharing: Sharing }) {
  const { role } = useSession();
  const queryClient = useQueryClient();
  const mayShare = can(role, 'accounts.share');
  const [draft, setDraft] = useState<Draft>(() => draftOf(sharing));
  const [dirty, setDirty] = useState(false);
  const name = sharing.partner.name;
  const save = useMutation({
    mutationFn: () =>
      saveSharing(
        sharing.partner.id,
        sharing.mine.map((r) => {
          const d = draft[r.population.id] ?? { level: 'hidden' as const, fields: [] };
          return {
            populationId: r.population.id,
            level: d.level,
            fields: d.level === 'full' ? d.fields : [],
          };
        }),
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData(sharingQuery(sharing.partner.id).queryKey, saved);
      accountsChanged(queryClient);
      setDraft(draftOf(saved));
      setDirty(false);
      notifications.show({ color: 'moss', message: `Sharing with ${name} saved.` });
    },
  });
  const edit = (populationId: string, patch: Partial<Draft[string]>) => {
    setDraft((d) => ({
      ...d,
      [populationId]: { level: 'hidden', fields: [], ...d[populationId], ...patch },
    }));
    setDirty(true);
  };
  const inactive = !sharing.offline && sharing.partnershipStatus !== 'active';
  return (
    <Stack gap="lg">
      {sharing.offline && (
        <Alert variant="light" color="blue" icon={<IconInfoCircle size={18} />}>
          {name} is an offline partner: its list is one your organization uploaded, so only you see the
          matrix. What you set here applies if {name} joins Mycelium.
        </Alert>
      )}
      {inactive && (
        <Alert variant="light" color="yellow" icon={<IconLock size={18} />}>
          Sharing needs an active partnership with {name}
          {sharing.partnershipStatus ? ` (it is ${sharing.partnershipStatus})` : ''}: until then nothing is
          shown either way.
        </Alert>
      )}
      <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="lg" style={{ alignItems: 'start' }}>
        <Card padding={0} component="section" aria-label={`What you share with ${name}`}>
          <Stack gap={2} px="lg" pt="lg" pb="sm">
            <Title order={3} fz="md">
              You share with {name}
            </Title>
            <Text size="xs" c="dimmed">
              {mayShare
                ? 'Pick a level per population. Full adds the fields you choose to names and domains.'
                : 'Only owners, admins and the chief partner officer change sharing.'}
            </Text>
          </Stack>
          {sharing.mine.length === 0 ? (
            <Text size="sm" c="dimmed" px="lg" pb="lg">
              You have no populations yet: import your accounts first.
            </Text>
          ) : (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                save.mutate();
              }}
            >
              <Table verticalSpacing="sm" horizontalSpacing="lg" aria-label="Your sharing">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Population</Table.Th>
                    <Table.Th>Level</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {sharing.mine.map((r) => {
                    const d = draft[r.population.id] ?? { level: 'hidden', fields: [] };
                    return (
                      <Table.Tr key={r.population.id}>
                        <Table.Td>
                          <Text size="sm" fw={600}>
                            {r.population.name}
                          </Text>
                        </Table.Td>
                        <Table.Td>
                          <Stack gap={6}>
                            <SegmentedControl
                              size="xs"
                              aria-label={`Sharing level of ${r.population.name}`}
                              value={d.level}
                              onChange={(v) => edit(r.population.id, { level: v as SharingLevel })}
                              disabled={!mayShare}
                              data={SHARING_LEVELS.map((l) => ({
                                value: l,
                                label: l === 'overlap' ? 'Records' : LEVEL_META[l].label,
                              }))}
                            />
                            {d.level === 'full' && (
                              <MultiSelect
                                size="xs"
                                aria-label={`Fields shared of ${r.population.name}`}
                                placeholder={
                                  sharing.fields.length ? 'Fields to include' : 'No extra fields imported'
                                }
                                data={sharing.fields}
                                value={d.fields}
                                onChange={(fields) => edit(r.population.id, { fields })}
                                disabled={!mayShare}
                                searchable
                                clearable
                              />
                            )}
                          </Stack>
                        </Table.Td>
                      </Table.Tr>
                    );
                  })}
                </Table.Tbody>
              </Table>
              {mayShare && (
                <Stack gap="sm" p="lg" pt="sm">
                  {save.error && <ErrorAlert error={save.error} title="Could not save sharing" />}
                  <Group justify="flex-end" gap="sm">
                    {dirty && (
                      <Button
                        variant="default"
                        onClick={() => {
                          setDraft(draftOf(sharing));
                          setDirty(false);
                          save.reset();
                        }}
                      >
                        Undo changes
                      </Button>
                    )}
                    <Button type="submit" loading={save.isPending}>
                      Save sharing
                    </Button>
                  </Group>
                </Stack>
              )}
            </form>
          )}
        </Card>
        <Card padding={0} component="section" aria-label={`What ${name} shares with you`}>
          <Stack gap={2} px="lg" pt="lg" pb="sm">
            <Title order={3} fz="md">
              {name} shares with you
            </Title>
            <Text size="xs" c="dimmed">
              Read-only: {name} decides this. Populations it keeps hidden are not listed.
            </Text>
          </Stack>
          {sharing.offline ? (
            <Text size="sm" c="dimmed" px="lg" pb="lg">
              Their list is your own upload: the matrix shows you all of it.
            </Text>
          ) : sharing.theirs.length === 0 ? (
            <Text size="sm" c="dimmed" px="lg" pb="lg">
              {name} shares nothing with you yet, so every cell of your matrix with it stays locked.
            </Text>
          ) : (
            <Table verticalSpacing="sm" horizontalSpacing="lg" aria-label={`${name}'s sharing`}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Their population</Table.Th>
                  <Table.Th>Level</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {sharing.theirs.map((r) => (
                  <Table.Tr key={r.population.id}>
                    <Table.Td>
                      <Text size="sm" fw={600}>
                        {r.population.name}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6}>
                        <LevelBadge level={r.level} />
                        {r.level === 'full' && r.fields.length > 0 && (
                          <Text size="xs" c="dimmed">
                            + {r.fields.join(', ')}
                          </Text>
                        )}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          )}
          <Group gap={6} px="lg" pb="lg" pt="sm">
            <Badge variant="dot" color="gray" size="sm">
              Rule
            </Badge>
            <Text size="xs" c="dimmed">
              A cell is visible when both sides share at least counts; its list shows the lower level.
            </Text>
          </Group>
        </Card>
      </SimpleGrid>
    </Stack>
  );
}
