import {
  Button,
  Card,
  Group,
  Progress,
  SegmentedControl,
  Select,
  Stack,
  Text,
  ThemeIcon,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { IconFileSpreadsheet, IconUpload } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { type DragEvent, useRef, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import {
  accountPartnersQuery,
  formatBytes,
  type ImportUpload,
  type Upload,
  uploadAccounts,
} from '../../lib/accounts.ts';

/** Picks or drops a CSV file and uploads it with a progress bar; your own accounts or an offline partner's. */
export function UploadCard({ onUploaded }: { onUploaded: (upload: ImportUpload) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [whose, setWhose] = useState<'mine' | 'partner'>('mine');
  const [subjectId, setSubjectId] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const [sending, setSending] = useState<{ file: File; sent: number; upload: Upload } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const partners = useQuery(accountPartnersQuery);
  const offline = (partners.data?.data ?? []).filter((p) => p.offline);
  const needsPartner = whose === 'partner' && !subjectId;

  const send = (file: File | undefined) => {
    if (!file || sending || needsPartner) return;
    setError(null);
    const upload = uploadAccounts(file, {
      subjectId: whose === 'partner' ? (subjectId ?? undefined) : undefined,
      onProgress: (sent) => setSending((s) => (s ? { ...s, sent } : s)),
    });
    setSending({ file, sent: 0, upload });
    upload.done.then(
      (answer) => {
        setSending(null);
        onUploaded(answer);
      },
      (err) => {
        setSending(null);
        if ((err as { code?: string }).code !== 'aborted') setError(err);
      },
    );
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    send(e.dataTransfer.files[0]);
  };
  const pick = () => input.current?.click();

  return (
    <Card padding="lg" component="section" aria-label="Upload a file">
      <Stack gap="md">
        <Title order={3} fz="md">
          Upload a CSV file
        </Title>
        <Group align="flex-end" gap="md">
          <Stack gap={4}>
            <Text size="sm" fw={500} id="whose-label">
              Whose accounts
            </Text>
            <SegmentedControl
              aria-labelledby="whose-label"
              value={whose}
              onChange={(v) => setWhose(v as 'mine' | 'partner')}
              data={[
                { value: 'mine', label: 'My accounts' },
                { value: 'partner', label: 'An offline partner’s list' },
              ]}
              disabled={Boolean(sending)}
            />
          </Stack>
          {whose === 'partner' && (
            <Select
              label="Offline partner"
              description="A partner without users: you map against the list you upload for them"
              placeholder={offline.length ? 'Pick a partner' : 'You have no offline partners'}
              data={offline.map((p) => ({ value: p.partner.id, label: p.partner.name }))}
              value={subjectId}
              onChange={setSubjectId}
              searchable
              w={{ base: '100%', sm: 320 }}
              disabled={Boolean(sending) || offline.length === 0}
            />
          )}
        </Group>
        {sending ? (
          <Card withBorder radius="md" padding="lg" aria-live="polite">
            <Stack gap="xs">
              <Group justify="space-between">
                <Text size="sm" fw={600} truncate>
                  {sending.file.name}
                </Text>
                <Text size="sm" c="dimmed">
                  {formatBytes(Math.round(sending.sent * sending.file.size))} of{' '}
                  {formatBytes(sending.file.size)}
                </Text>
              </Group>
              <Progress
                value={Math.round(sending.sent * 100)}
                animated
                striped
                aria-label="Upload progress"
              />
              <Group justify="space-between">
                <Text size="xs" c="dimmed">
                  {sending.sent >= 1 ? 'Reading the columns and the first rows…' : 'Uploading…'}
                </Text>
                <Button size="xs" variant="default" onClick={() => sending.upload.abort()}>
                  Cancel
                </Button>
              </Group>
            </Stack>
          </Card>
        ) : (
          <UnstyledButton
            disabled={needsPartner}
            aria-label="Choose a CSV file, or drop one here"
            onClick={pick}
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
            w="100%"
            style={{
              border: `2px dashed var(--mantine-color-${dragging ? 'moss-6' : 'gray-4'})`,
              borderRadius: 'var(--mantine-radius-lg)',
              background: dragging ? 'var(--mantine-color-moss-0)' : 'var(--mantine-color-gray-0)',
              padding: '36px 16px',
              cursor: needsPartner ? 'not-allowed' : 'pointer',
              opacity: needsPartner ? 0.6 : 1,
              textAlign: 'center',
            }}
          >
            <Stack align="center" gap={6}>
              <ThemeIcon size={48} radius="xl" variant="light">
                <IconFileSpreadsheet size={26} />
              </ThemeIcon>
              <Text fw={600}>Drop a CSV file here, or click to choose one</Text>
              <Text size="sm" c="dimmed">
                {needsPartner
                  ? 'Pick the offline partner first'
                  : 'Salesforce Account and HubSpot company exports are recognized; any CSV with a header row works.'}
              </Text>
              <Button component="span" mt="xs" variant="light" leftSection={<IconUpload size={16} />}>
                Choose file
              </Button>
            </Stack>
          </UnstyledButton>
        )}
        <input
          ref={input}
          type="file"
          accept=".csv,.tsv,.txt,text/csv,text/plain"
          hidden
          data-testid="account-file"
          onChange={(e) => {
            send(e.target.files?.[0]);
            e.target.value = '';
          }}
        />
        {error !== null && <ErrorAlert error={error} title="Could not upload that file" />}
      </Stack>
    </Card>
  );
}
