import {
  Alert,
  Anchor,
  Badge,
  Button,
  Card,
  Group,
  Progress,
  SimpleGrid,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconDownload, IconUpload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { ButtonLink } from '../../components/links.tsx';
import {
  type AccountImport,
  accountsChanged,
  formatCount,
  IMPORT_STATUS_META,
  importActive,
  importErrorsUrl,
  importPercent,
} from '../../lib/accounts.ts';
import { useSession } from '../../lib/session.ts';

/** An import's live progress (the query polls it every second while it runs), then its result. */
export function ImportProgress({ imp, onClose }: { imp: AccountImport; onClose: () => void }) {
  const queryClient = useQueryClient();
  const orgId = useSession().organization?.id;
  const active = importActive(imp.status);
  const percent = importPercent(imp);
  const meta = IMPORT_STATUS_META[imp.status];
  // When the job finishes, every count (populations, matrices, history) may have changed.
  const was = useRef(imp.status);
  useEffect(() => {
    if (importActive(was.current) && !importActive(imp.status)) accountsChanged(queryClient);
    was.current = imp.status;
  }, [imp.status, queryClient]);
  return (
    <Card padding="lg" component="section" aria-label="Import progress">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <Stack gap={2}>
            <Title order={3} fz="md">
              {imp.fileName}
            </Title>
            <Text size="sm" c="dimmed">
              {imp.subject.id === orgId ? 'Your accounts' : `The list of ${imp.subject.name}`}
              {imp.removeMissing ? ' · accounts missing from the file are removed' : ''}
            </Text>
          </Stack>
          <Badge color={meta.color} variant="light" size="lg" data-testid="import-status">
            {meta.label}
          </Badge>
        </Group>
        {imp.status !== 'failed' && (
          <Stack gap={6} aria-live="polite">
            <Progress
              value={percent ?? 100}
              animated={active}
              striped={active}
              color={imp.status === 'done' ? 'moss' : 'blue'}
              size="lg"
              aria-label="Import progress"
            />
            <Text size="sm" c="dimmed">
              {imp.status === 'queued'
                ? 'Waiting for a worker…'
                : imp.status === 'done'
                  ? `${formatCount(imp.rowsRead)} rows read`
                  : `${formatCount(imp.rowsRead)} rows read${imp.estimatedRows ? ` of about ${formatCount(imp.estimatedRows)}` : ''}`}
            </Text>
          </Stack>
        )}
        {imp.status === 'failed' && (
          <Alert color="red" variant="light" icon={<IconAlertTriangle size={18} />} title="The import failed">
            {imp.failure ?? 'Nothing was imported.'} Nothing of this file was imported.
          </Alert>
        )}
        {imp.status === 'done' && (
          <SimpleGrid cols={{ base: 2, sm: 5 }} spacing="sm" aria-label="Result">
            <Stat label="New" value={imp.inserted} />
            <Stat label="Updated" value={imp.updated} />
            <Stat label="Unchanged" value={imp.unchanged} />
            <Stat label="Removed" value={imp.removed} />
            <Stat label="Rows with errors" value={imp.errorRows} danger />
          </SimpleGrid>
        )}
        <Group justify="space-between">
          <Group gap="sm">
            {imp.errorRows > 0 && !active && (
              <Anchor href={importErrorsUrl(imp.id)} download size="sm">
                <Group gap={4}>
                  <IconDownload size={16} />
                  Download error report
                </Group>
              </Anchor>
            )}
          </Group>
          {!active && (
            <Group gap="sm">
              {imp.status === 'done' && (
                <ButtonLink variant="default" to="/accounts">
                  Back to account mapping
                </ButtonLink>
              )}
              <Button leftSection={<IconUpload size={16} />} onClick={onClose}>
                Import another file
              </Button>
            </Group>
          )}
        </Group>
      </Stack>
    </Card>
  );
}

function Stat({ label, value, danger }: { label: string; value: number; danger?: boolean }) {
  return (
    <Card withBorder radius="md" padding="sm">
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={650} fz={20} c={danger && value > 0 ? 'red' : undefined}>
        {formatCount(value)}
      </Text>
    </Card>
  );
}
