import { Alert, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconShieldLock, IconZoomQuestion } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { ConflictPreview } from '../../lib/deals.ts';
import { formatDate } from '../../lib/format.ts';

/**
 * The live conflict check beside a registration: what the vendor's conflict engine would say about
 * the customer as typed. Says exactly one of "No conflict found", "Possible conflict" or
 * "protected until …" once there is something to check.
 */
export function ConflictPreviewPanel({
  preview,
  checking,
  ready,
  vendorName,
  error,
}: {
  preview: ConflictPreview | undefined;
  checking: boolean;
  /** Whether a vendor and a customer name are there to check. */
  ready: boolean;
  vendorName: string | undefined;
  error: unknown;
}) {
  let content: ReactNode;
  if (!ready) {
    content = (
      <Group gap="sm" wrap="nowrap" align="flex-start" c="dimmed">
        <IconZoomQuestion size={20} style={{ flexShrink: 0 }} />
        <Text size="sm">
          Choose the vendor and type the customer: the check runs against the vendor's pipeline and other
          partners' registrations as you type.
        </Text>
      </Group>
    );
  } else if (!preview) {
    content = error ? (
      <Text size="sm" c="red">
        The check is not available right now. The vendor still checks the registration when you submit.
      </Text>
    ) : (
      <Group gap="sm" c="dimmed">
        <Loader size="sm" />
        <Text size="sm">Checking…</Text>
      </Group>
    );
  } else if (preview.outcome === 'clear') {
    content = (
      <Alert color="moss" variant="light" icon={<IconCircleCheck size={20} />} title="No conflict found">
        Nothing in {vendorName ?? 'the vendor'}'s pipeline or other partners' registrations matches this
        customer.
      </Alert>
    );
  } else if (preview.outcome === 'potential_conflict') {
    content = (
      <Alert
        color="yellow"
        variant="light"
        icon={<IconAlertTriangle size={20} />}
        title="Possible conflict — the vendor will review it"
      >
        A similar customer is already in the pipeline or registered by another partner. You can still submit;
        the vendor decides.
      </Alert>
    );
  } else {
    content = (
      <Alert
        color="red"
        variant="light"
        icon={<IconShieldLock size={20} />}
        title={`This customer is protected until ${preview.protectedUntil ? formatDate(preview.protectedUntil) : 'further notice'}`}
      >
        Another partner's approved registration holds this customer. Save a draft and submit it once that
        protection ends.
      </Alert>
    );
  }
  return (
    <Card padding="lg" style={{ position: 'sticky', top: 80 }}>
      <Stack gap="sm">
        <Group justify="space-between" wrap="nowrap">
          <Title order={3} fz="md">
            Conflict check
          </Title>
          {checking && ready && preview && <Loader size={14} aria-label="Checking" />}
        </Group>
        <div role="status" aria-live="polite" style={{ opacity: checking && preview ? 0.7 : 1 }}>
          {content}
        </div>
        {ready && preview?.customerDomain && (
          <Text size="xs" c="dimmed">
            Checked by the domain {preview.customerDomain} and the company name.
          </Text>
        )}
      </Stack>
    </Card>
  );
}
