import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  Loader,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconAlertTriangle, IconCheck, IconInfoCircle, IconPlayerPlay } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { TableSkeleton } from '../../components/TableSkeleton.tsx';
import {
  type AccountImport,
  accountsChanged,
  discardImport,
  emptyMapping,
  extraColumns,
  formatBytes,
  type ImportMapping,
  importQuery,
  MAPPING_FIELDS,
  mapColumn,
  missingMapping,
  type PreviewRow,
  previewQuery,
  sourceLabel,
  startImport,
  unmappedColumns,
  withExtraColumns,
} from '../../lib/accounts.ts';
import { useSession } from '../../lib/session.ts';

/** The mapping step of an uploaded file: detected source, our fields ← its columns, preview, start. */
export function MappingStep({ imp, onDone }: { imp: AccountImport; onDone: () => void }) {
  const queryClient = useQueryClient();
  const orgId = useSession().organization?.id;
  const [mapping, setMapping] = useState<ImportMapping>(() => imp.mapping ?? emptyMapping());
  // The preview follows the mapping, once it has settled for a moment.
  const [settled] = useDebouncedValue(mapping, 400);
  const preview = useQuery(previewQuery(imp.id, settled));
  const [removeMissing, setRemoveMissing] = useState(false);
  const [discarding, setDiscarding] = useState(false);
  const [tried, setTried] = useState(false);
  const missing = missingMapping(mapping);
  const source = sourceLabel(imp.source);
  const start = useMutation({
    mutationFn: () => startImport(imp.id, mapping, removeMissing),
    onSuccess: (imp) => {
      queryClient.setQueryData(importQuery(imp.id).queryKey, imp);
      accountsChanged(queryClient);
    },
  });
  const options = imp.columns.map((c) => ({ value: c, label: c }));
  const extras = unmappedColumns(imp.columns, mapping);
  const rows = preview.data?.rows ?? [];
  const errorRows = rows.filter((r) => r.error).length;
  return (
    <Card padding="lg" component="section" aria-label="Map columns">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (missing.length === 0) start.mutate();
        }}
      >
        <Stack gap="lg">
          <Group justify="space-between" align="flex-start">
            <Stack gap={2}>
              <Title order={3} fz="md">
                Map the columns of {imp.fileName}
              </Title>
              <Text size="sm" c="dimmed">
                {formatBytes(imp.fileBytes)}
                {imp.subject.id === orgId ? ' · your accounts' : ` · the list of ${imp.subject.name}`}
              </Text>
            </Stack>
          </Group>
          {source ? (
            <Alert color="moss" variant="light" icon={<IconCheck size={18} />} title={`Detected a ${source}`}>
              The columns are mapped as that export names them. Check them below, then start the import.
            </Alert>
          ) : (
            <Alert
              color="blue"
              variant="light"
              icon={<IconInfoCircle size={18} />}
              title="Columns not recognized"
            >
              Pick which column holds each of our fields. The external id and the name are required.
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }} spacing="md">
            {MAPPING_FIELDS.map((f) => (
              <Select
                key={f.key}
                label={f.label}
                description={f.hint}
                withAsterisk={f.required}
                placeholder="Not in this file"
                data={options}
                value={mapping[f.key]}
                onChange={(column) => setMapping((m) => mapColumn(m, f.key, column))}
                clearable={!f.required}
                searchable
                error={
                  tried && f.required && !mapping[f.key]
                    ? `Pick the ${f.label.toLowerCase()} column`
                    : undefined
                }
              />
            ))}
          </SimpleGrid>
          <MultiSelect
            label="Other columns to keep as fields"
            description="Custom populations can filter on them, and full sharing can include them"
            placeholder={extras.length ? 'Pick columns' : 'Every column is mapped'}
            data={extras}
            value={extraColumns(mapping).filter((c) => extras.includes(c))}
            onChange={(columns) => setMapping((m) => withExtraColumns(m, columns))}
            searchable
            clearable
          />
          {preview.isPending ? (
            <TableSkeleton rows={3} />
          ) : preview.isError ? (
            <ErrorAlert error={preview.error} title="Cannot preview with this mapping" />
          ) : (
            <Preview rows={rows} mapping={settled} refreshing={preview.isFetching} />
          )}
          {errorRows > 0 && (
            <Text size="sm" c="red">
              {errorRows} of the first {rows.length} rows have problems: rows with errors are skipped and
              listed in the error report.
            </Text>
          )}
          <Checkbox
            label="Remove accounts missing from this file"
            description="For a complete export: accounts imported before and not in this file are deleted"
            checked={removeMissing}
            onChange={(e) => setRemoveMissing(e.currentTarget.checked)}
          />
          {start.error && <ErrorAlert error={start.error} title="Could not start the import" />}
          <Group justify="space-between">
            <Button variant="subtle" color="red" onClick={() => setDiscarding(true)}>
              Discard upload
            </Button>
            <Group gap="sm">
              {tried && missing.length > 0 && (
                <Text size="sm" c="red" role="alert">
                  Map {missing.join(' and ').toLowerCase()} first
                </Text>
              )}
              <Button type="submit" leftSection={<IconPlayerPlay size={16} />} loading={start.isPending}>
                Start import
              </Button>
            </Group>
          </Group>
        </Stack>
      </form>
      <ConfirmModal
        opened={discarding}
        onClose={() => setDiscarding(false)}
        title="Discard this upload?"
        confirmLabel="Discard"
        onConfirm={() => discardImport(imp.id)}
        onDone={() => {
          accountsChanged(queryClient);
          onDone();
        }}
      >
        The uploaded file is deleted and nothing is imported.
      </ConfirmModal>
    </Card>
  );
}

/** The first rows as they will import: the values read, the normalized domain and country, and refused rows in red. */
function Preview({
  rows,
  mapping,
  refreshing,
}: {
  rows: PreviewRow[];
  mapping: ImportMapping;
  refreshing: boolean;
}) {
  if (rows.length === 0)
    return (
      <Text size="sm" c="dimmed">
        The file has a header row but no data rows.
      </Text>
    );
  const dash = (
    <Text span size="sm" c="dimmed">
      —
    </Text>
  );
  const hasErrors = rows.some((r) => r.error);
  return (
    <Stack gap={6}>
      <Group gap="xs">
        <Text size="sm" fw={600}>
          Preview of the first {rows.length} rows
        </Text>
        {refreshing && <Loader size={12} aria-label="Updating the preview" />}
      </Group>
      <Table.ScrollContainer minWidth={900}>
        <Table withTableBorder verticalSpacing={6} fz="sm" aria-label="Preview">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={56}>Row</Table.Th>
              <Table.Th>External id</Table.Th>
              <Table.Th>Name</Table.Th>
              <Table.Th>Domain</Table.Th>
              <Table.Th w={80}>Country</Table.Th>
              <Table.Th>Status</Table.Th>
              <Table.Th>Stage</Table.Th>
              {hasErrors && <Table.Th>Problem</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => {
              const a = r.account;
              return (
                <Table.Tr key={r.row} bg={r.error ? 'var(--mantine-color-red-0)' : undefined}>
                  <Table.Td>
                    {r.error ? (
                      <Group gap={4} wrap="nowrap" c="red">
                        <IconAlertTriangle size={14} aria-hidden />
                        {r.row}
                      </Group>
                    ) : (
                      r.row
                    )}
                  </Table.Td>
                  <Table.Td>{a?.externalId || dash}</Table.Td>
                  <Table.Td
                    maw={240}
                    style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}
                  >
                    {a?.name || dash}
                  </Table.Td>
                  <Table.Td>
                    {a?.domain ?? dash}
                    {a && !a.domain && (mapping.website || mapping.domain || mapping.email) && (
                      <Text size="xs" c="dimmed">
                        matched by name
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{a?.country ?? dash}</Table.Td>
                  <Table.Td>{a?.status || dash}</Table.Td>
                  <Table.Td>{a?.stage || dash}</Table.Td>
                  {hasErrors && (
                    <Table.Td>
                      <Text size="sm" c="red">
                        {r.error ?? ''}
                      </Text>
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}
