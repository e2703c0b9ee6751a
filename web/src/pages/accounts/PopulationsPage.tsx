import {
  ActionIcon,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  Stack,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconFilter, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { can } from '../../../../common/permissions.ts';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryStates } from '../../components/QueryStates.tsx';
import {
  accountsChanged,
  type ConditionDraft,
  conditionDraft,
  conditionText,
  createPopulation,
  deletePopulation,
  filterPayload,
  formatCount,
  type Population,
  type PopulationField,
  populationFieldsQuery,
  populationsQuery,
  updatePopulation,
} from '../../lib/accounts.ts';
import { fieldErrors } from '../../lib/errors.ts';
import { useSession } from '../../lib/session.ts';
import { FilterEditor } from './FilterEditor.tsx';

/** Your populations: the standard three from status and stage, and custom ones defined by filters. */
export function PopulationsPage() {
  const { role } = useSession();
  const queryClient = useQueryClient();
  const populations = useQuery(populationsQuery);
  const fields = useQuery(populationFieldsQuery);
  const [editing, setEditing] = useState<Population | 'new' | null>(null);
  const [deleting, setDeleting] = useState<Population | null>(null);
  const mayEdit = can(role, 'accounts.import');
  const rows = populations.data?.data ?? [];
  const known = fields.data ?? [];
  return (
    <>
      <PageHeader
        title="Populations"
        description="Groups of your accounts that partners can be shown. Customers, prospects and open opportunities come from the imported status and stage; custom populations filter on any imported field."
        actions={
          mayEdit && (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setEditing('new')}>
              New population
            </Button>
          )
        }
      />
      <Card padding={0}>
        <QueryStates
          query={populations}
          isEmpty={rows.length === 0}
          empty={{
            icon: <IconFilter size={28} />,
            title: 'No populations yet',
            description: 'The standard populations appear with your first import.',
          }}
        >
          <ListTable
            minWidth={760}
            aria-label="Populations"
            horizontalSpacing="md"
            actionsWidth={mayEdit ? 96 : undefined}
            head={
              <>
                <Table.Th>Population</Table.Th>
                <Table.Th>Defined by</Table.Th>
                <Table.Th w={130} style={{ textAlign: 'right' }}>
                  Accounts
                </Table.Th>
              </>
            }
          >
            {rows.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Td>
                  <Group gap="sm" wrap="nowrap">
                    <Text size="sm" fw={600}>
                      {p.name}
                    </Text>
                    <Badge size="sm" variant="light" color={p.kind === 'custom' ? 'grape' : 'gray'}>
                      {p.kind === 'custom' ? 'Custom' : 'Standard'}
                    </Badge>
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    {p.kind === 'custom'
                      ? p.filter?.all.length
                        ? p.filter.all.map((c) => conditionText(c, known)).join(' and ')
                        : 'Every account'
                      : STANDARD_HINTS[p.kind]}
                  </Text>
                </Table.Td>
                <Table.Td style={{ textAlign: 'right' }}>
                  <Text size="sm" fw={600}>
                    {formatCount(p.accounts)}
                  </Text>
                </Table.Td>
                {mayEdit && (
                  <Table.Td>
                    {p.kind === 'custom' ? (
                      <Group gap={4} justify="flex-end" wrap="nowrap">
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          aria-label={`Edit ${p.name}`}
                          onClick={() => setEditing(p)}
                        >
                          <IconPencil size={16} />
                        </ActionIcon>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={`Delete ${p.name}`}
                          onClick={() => setDeleting(p)}
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Group>
                    ) : (
                      <Tooltip label="Standard populations cannot be changed" withArrow>
                        <Text size="xs" c="dimmed" ta="right">
                          Standard
                        </Text>
                      </Tooltip>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </ListTable>
        </QueryStates>
      </Card>
      {editing && (
        <PopulationModal
          population={editing === 'new' ? null : editing}
          fields={known}
          onClose={() => setEditing(null)}
        />
      )}
      <ConfirmModal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title={`Delete ${deleting?.name ?? 'population'}?`}
        confirmLabel="Delete population"
        onConfirm={() => deletePopulation(deleting?.id ?? '')}
        onDone={() => {
          accountsChanged(queryClient);
          notifications.show({ color: 'moss', message: 'Population deleted.' });
        }}
      >
        Partners you shared it with no longer see it. The accounts themselves stay.
      </ConfirmModal>
    </>
  );
}

const STANDARD_HINTS: Record<Exclude<Population['kind'], 'custom'>, string> = {
  customers: 'Status or type says customer (or a won opportunity)',
  prospects: 'Status, type or lifecycle stage says prospect or lead',
  open_opportunities: 'An opportunity stage that is not closed',
};

/** Creates or edits a custom population: its name and filter. */
function PopulationModal({
  population,
  fields,
  onClose,
}: {
  population: Population | null;
  fields: readonly PopulationField[];
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const [name, setName] = useState(population?.name ?? '');
  const [conditions, setConditions] = useState<ConditionDraft[]>(
    population?.filter?.all.map(conditionDraft) ?? [{ field: null, op: 'equals', value: '' }],
  );
  const [errors, setErrors] = useState<Record<number, string>>({});
  const [nameError, setNameError] = useState<string>();
  const save = useMutation({
    mutationFn: (input: Parameters<typeof createPopulation>[0]) =>
      population ? updatePopulation(population.id, input) : createPopulation(input),
    onSuccess: () => {
      accountsChanged(queryClient);
      notifications.show({
        color: 'moss',
        message: population ? 'Population saved.' : 'Population created.',
      });
      onClose();
    },
  });
  const submit = () => {
    const payload = filterPayload(conditions);
    setErrors(payload.ok ? {} : payload.errors);
    setNameError(name.trim() ? undefined : 'Name the population');
    if (!payload.ok || !name.trim()) return;
    save.mutate({ name: name.trim(), filter: payload.filter });
  };
  const serverErrors = fieldErrors(save.error);
  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title={<Text fw={600}>{population ? `Edit ${population.name}` : 'New population'}</Text>}
    >
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack gap="md">
          <TextInput
            label="Name"
            placeholder="Enterprise customers in the Nordics"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={nameError ?? serverErrors.name}
            withAsterisk
            data-autofocus
          />
          <FilterEditor conditions={conditions} onChange={setConditions} fields={fields} errors={errors} />
          {save.error && <ErrorAlert error={save.error} title="Could not save the population" />}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {population ? 'Save' : 'Create population'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
