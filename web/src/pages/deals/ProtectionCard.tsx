import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  NumberInput,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconShieldCheck } from '@tabler/icons-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { can } from '../../../../common/permissions.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { api, body } from '../../lib/api.ts';
import { type Deal, daysUntil, dealQuery, dealsChanged } from '../../lib/deals.ts';
import { fieldErrors } from '../../lib/errors.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { useSession } from '../../lib/session.ts';

const STATUS = {
  active: { label: 'Active', color: 'moss' },
  expired: { label: 'Expired', color: 'orange' },
  released: { label: 'Released', color: 'gray' },
} as const;

/**
 * The customer protection an approved registration won: until when, and the extension round trip
 * (the registering partner asks, the vendor approves or declines).
 */
export function ProtectionCard({ deal }: { deal: Deal }) {
  const { role } = useSession();
  const [dialog, setDialog] = useState<'request' | 'approve' | 'decline' | null>(null);
  const p = deal.protection;
  const days = p ? daysUntil(p.endsAt, Date.now()) : 0;
  const pending = Boolean(p?.extensionRequestedDays);
  const mayRequest =
    p?.status === 'active' && !pending && deal.mySide === 'from' && can(role, 'deals.create');
  const mayDecide = p?.status === 'active' && pending && deal.mySide === 'to' && can(role, 'deals.review');
  return (
    <Card padding="lg">
      <Group justify="space-between" mb="sm">
        <Group gap="xs">
          <IconShieldCheck size={18} color="var(--mantine-color-moss-7)" aria-hidden />
          <Title order={3} fz="md">
            Protection
          </Title>
        </Group>
        {p && (
          <Badge variant="light" color={STATUS[p.status].color}>
            {STATUS[p.status].label}
          </Badge>
        )}
      </Group>
      {!p ? (
        <Text size="sm" c="dimmed">
          {deal.status === 'draft' || deal.status === 'submitted' || deal.status === 'under_review'
            ? deal.mySide === 'from'
              ? 'Once the vendor approves the registration, the customer is protected for you.'
              : 'Approving the registration protects the customer for the registering partner.'
            : 'This registration holds no protection.'}
        </Text>
      ) : (
        <Stack gap="sm">
          <Text size="sm">
            {p.status === 'active' ? 'Protected until ' : 'Protected from '}
            {p.status === 'active' ? (
              <Text span fw={600} title={formatDateTime(p.endsAt)}>
                {formatDate(p.endsAt)}
              </Text>
            ) : (
              <>
                {formatDate(p.startsAt)} to {formatDate(p.endsAt)}
              </>
            )}
          </Text>
          {p.status === 'active' && (
            <Text size="sm" c={days <= 14 ? 'orange.8' : 'dimmed'}>
              {days > 1 ? `Ends in ${days} days` : days === 1 ? 'Ends tomorrow' : 'Ends today'}
            </Text>
          )}
          {pending && (
            <Alert
              color="yellow"
              variant="light"
              title={`Extension of ${p.extensionRequestedDays} days requested`}
            >
              {p.extensionReason}
            </Alert>
          )}
          {mayRequest && (
            <Button
              variant="light"
              size="xs"
              onClick={() => setDialog('request')}
              style={{ alignSelf: 'flex-start' }}
            >
              Request extension
            </Button>
          )}
          {mayDecide && (
            <Group gap="sm">
              <Button size="xs" onClick={() => setDialog('approve')}>
                Approve extension
              </Button>
              <Button size="xs" variant="light" color="red" onClick={() => setDialog('decline')}>
                Decline extension
              </Button>
            </Group>
          )}
        </Stack>
      )}
      <Modal
        opened={dialog !== null}
        onClose={() => setDialog(null)}
        title={
          <Text fw={600}>
            {dialog === 'request'
              ? 'Request a longer protection'
              : dialog === 'approve'
                ? 'Approve the extension'
                : 'Decline the extension'}
          </Text>
        }
      >
        {dialog && <ExtensionForm key={dialog} deal={deal} action={dialog} onClose={() => setDialog(null)} />}
      </Modal>
    </Card>
  );
}

function ExtensionForm({
  deal,
  action,
  onClose,
}: {
  deal: Deal;
  action: 'request' | 'approve' | 'decline';
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const [days, setDays] = useState<number | string>(30);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<{ days?: string; reason?: string }>({});
  const path = { params: { path: { id: deal.id } } };
  const send = useMutation({
    mutationFn: () =>
      action === 'request'
        ? body(
            api.POST('/api/v1/deals/{id}/protection/extension', {
              ...path,
              body: { days: Number(days), reason: reason.trim() },
            }),
          )
        : body(
            api.POST(
              action === 'approve'
                ? '/api/v1/deals/{id}/protection/extension/approve'
                : '/api/v1/deals/{id}/protection/extension/decline',
              { ...path, body: reason.trim() ? { reason: reason.trim() } : {} },
            ),
          ),
    onSuccess: (updated) => {
      queryClient.setQueryData(dealQuery(deal.id).queryKey, updated);
      dealsChanged(queryClient);
      notifications.show({
        color: 'moss',
        message:
          action === 'request'
            ? 'Extension requested. The vendor decides.'
            : action === 'approve'
              ? 'Extension approved.'
              : 'Extension declined.',
      });
      onClose();
    },
    onError: (err) => {
      const f = fieldErrors(err);
      setErrors({ days: f.days, reason: f.reason });
    },
  });
  const submit = () => {
    const next: typeof errors = {};
    if (action === 'request') {
      const n = Number(days);
      if (!Number.isInteger(n) || n < 1 || n > 365) next.days = 'Between 1 and 365 days';
      if (reason.trim().length < 3) next.reason = 'Say why the deal needs longer';
    }
    setErrors(next);
    if (Object.keys(next).length === 0) send.mutate();
  };
  const requested = deal.protection?.extensionRequestedDays;
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      noValidate
    >
      <Stack gap="md">
        {action === 'request' ? (
          <>
            <Text size="sm" c="dimmed">
              The vendor approves or declines. Until then the protection ends as planned.
            </Text>
            <NumberInput
              label="Extra days"
              min={1}
              max={365}
              allowDecimal={false}
              allowNegative={false}
              value={days}
              onChange={setDays}
              error={errors.days}
              withAsterisk
              maw={200}
              data-autofocus
            />
          </>
        ) : (
          <Text size="sm" c="dimmed">
            {action === 'approve'
              ? `The protection ends ${requested} days later. The partner is told.`
              : 'The protection ends as planned. The partner is told.'}
          </Text>
        )}
        <Textarea
          label={action === 'request' ? 'Reason' : 'Note to the partner'}
          description={action === 'request' ? undefined : 'Optional'}
          placeholder={
            action === 'request' ? 'The customer moved the board decision to next quarter…' : undefined
          }
          autosize
          minRows={3}
          maxLength={2000}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={errors.reason}
          withAsterisk={action === 'request'}
          data-autofocus={action !== 'request' || undefined}
        />
        {send.error && !errors.days && !errors.reason ? (
          <ErrorAlert error={send.error} title="Could not do that" />
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" color={action === 'decline' ? 'red' : undefined} loading={send.isPending}>
            {action === 'request'
              ? 'Request extension'
              : action === 'approve'
                ? 'Approve extension'
                : 'Decline extension'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
