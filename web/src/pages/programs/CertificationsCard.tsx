import {
  ActionIcon,
  Badge,
  Button,
  Group,
  Modal,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCertificate, IconPlus, IconTrash } from '@tabler/icons-react';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { ListTable } from '../../components/ListTable.tsx';
import { LoadMore } from '../../components/LoadMore.tsx';
import { QueryStates } from '../../components/QueryStates.tsx';
import { api, body } from '../../lib/api.ts';
import { formatDay, todayIso } from '../../lib/deals.ts';
import { fieldErrors } from '../../lib/errors.ts';
import {
  type Certification,
  certificationsQuery,
  type Enrollment,
  programsChanged,
} from '../../lib/programs.ts';
import { SectionCard } from './parts.tsx';

/** Certified people at the partner (the vendor records and deletes them; they count toward tiers). */
export function CertificationsCard({
  enrollment: e,
  mayManage,
}: {
  enrollment: Enrollment;
  mayManage: boolean;
}) {
  const queryClient = useQueryClient();
  const vendor = e.side === 'vendor';
  const list = useInfiniteQuery(
    certificationsQuery(vendor ? { partnerId: e.partner.id } : { vendorId: e.vendor.id }),
  );
  const rows = list.data?.pages.flatMap((p) => p.data) ?? [];
  const [recording, setRecording] = useState(false);
  const [deleting, setDeleting] = useState<Certification | null>(null);
  const active = rows.filter((c) => c.active).length;
  return (
    <SectionCard
      title="Certifications"
      description={
        rows.length
          ? `${active} active (count toward the certified-people requirement)`
          : `People at ${e.partner.name} certified by ${vendor ? 'you' : e.vendor.name}`
      }
      padding={0}
      actions={
        mayManage && (
          <Button
            size="xs"
            variant="default"
            leftSection={<IconPlus size={14} />}
            onClick={() => setRecording(true)}
          >
            Record
          </Button>
        )
      }
    >
      <QueryStates
        query={list}
        skeletonRows={2}
        isEmpty={rows.length === 0}
        empty={{
          icon: <IconCertificate size={28} />,
          title: 'No certifications',
          description: vendor
            ? `Record the people at ${e.partner.name} who passed your certifications.`
            : `${e.vendor.name} records the certifications your people earn.`,
        }}
      >
        <ListTable
          minWidth={520}
          aria-label="Certifications"
          actionsWidth={mayManage ? 60 : undefined}
          head={
            <>
              <Table.Th>Person</Table.Th>
              <Table.Th>Certification</Table.Th>
              <Table.Th w={120}>Issued</Table.Th>
              <Table.Th w={140}>Expires</Table.Th>
            </>
          }
        >
          {rows.map((c) => (
            <Table.Tr key={c.id}>
              <Table.Td>
                <Stack gap={0}>
                  <Text size="sm" fw={500}>
                    {c.personName}
                  </Text>
                  <Text size="xs" c="dimmed">
                    {c.personEmail}
                  </Text>
                </Stack>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{c.name}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{formatDay(c.issuedOn)}</Text>
              </Table.Td>
              <Table.Td>
                <Group gap={6}>
                  <Text size="sm">{c.expiresOn ? formatDay(c.expiresOn) : 'Never'}</Text>
                  {!c.active && (
                    <Badge size="xs" color="gray" variant="light">
                      Inactive
                    </Badge>
                  )}
                </Group>
              </Table.Td>
              {mayManage && (
                <Table.Td>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    onClick={() => setDeleting(c)}
                    aria-label={`Delete ${c.personName}’s ${c.name}`}
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </ListTable>
      </QueryStates>
      <div style={{ paddingBottom: 'var(--mantine-spacing-md)' }}>
        <LoadMore {...list} />
      </div>
      {recording && (
        <RecordModal
          partnerId={e.partner.id}
          partnerName={e.partner.name}
          onClose={() => setRecording(false)}
        />
      )}
      <ConfirmModal
        opened={deleting !== null}
        onClose={() => setDeleting(null)}
        title="Delete this certification?"
        confirmLabel="Delete"
        onConfirm={() =>
          body(api.DELETE('/api/v1/certifications/{id}', { params: { path: { id: deleting?.id ?? '' } } }))
        }
        onDone={() => {
          void programsChanged(queryClient);
          notifications.show({
            color: 'moss',
            message: 'Certification deleted; the partner’s tier is re-evaluated.',
          });
        }}
      >
        {deleting &&
          `${deleting.personName}’s ${deleting.name} no longer counts toward ${e.partner.name}’s tier.`}
      </ConfirmModal>
    </SectionCard>
  );
}

function RecordModal({
  partnerId,
  partnerName,
  onClose,
}: {
  partnerId: string;
  partnerName: string;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const [v, setV] = useState({
    personName: '',
    personEmail: '',
    name: '',
    issuedOn: todayIso(),
    expiresOn: '',
  });
  const [local, setLocal] = useState<Record<string, string>>({});
  const record = useMutation({
    mutationFn: () =>
      body(
        api.POST('/api/v1/certifications', {
          body: {
            partnerId,
            personName: v.personName.trim(),
            personEmail: v.personEmail.trim(),
            name: v.name.trim(),
            issuedOn: v.issuedOn,
            expiresOn: v.expiresOn || null,
          },
        }),
      ),
    onSuccess: () => {
      void programsChanged(queryClient);
      notifications.show({ color: 'moss', message: `Recorded; ${partnerName}’s tier is re-evaluated.` });
      onClose();
    },
  });
  const issues = { ...fieldErrors(record.error), ...local };
  const set = (patch: Partial<typeof v>) => {
    setV((x) => ({ ...x, ...patch }));
    setLocal({});
  };
  const placed = ['personName', 'personEmail', 'name', 'issuedOn', 'expiresOn'].some(
    (f) => fieldErrors(record.error)[f],
  );
  return (
    <Modal opened onClose={onClose} title={<Text fw={600}>Record a certification at {partnerName}</Text>}>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const found: Record<string, string> = {};
          if (!v.personName.trim()) found.personName = 'Who holds it';
          if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v.personEmail.trim()))
            found.personEmail = 'An address like anna@contoso.com';
          if (!v.name.trim()) found.name = 'Which certification';
          if (!v.issuedOn) found.issuedOn = 'When it was issued';
          if (v.expiresOn && v.expiresOn <= v.issuedOn)
            found.expiresOn = 'It must expire after it was issued';
          if (Object.keys(found).length) return setLocal(found);
          record.mutate();
        }}
      >
        <Stack gap="md">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label="Person"
              withAsterisk
              maxLength={200}
              data-autofocus
              value={v.personName}
              onChange={(e) => set({ personName: e.currentTarget.value })}
              error={issues.personName}
            />
            <TextInput
              label="E-mail"
              type="email"
              withAsterisk
              maxLength={254}
              value={v.personEmail}
              onChange={(e) => set({ personEmail: e.currentTarget.value })}
              error={issues.personEmail}
            />
          </SimpleGrid>
          <TextInput
            label="Certification"
            placeholder="Contoso Certified Engineer"
            withAsterisk
            maxLength={200}
            value={v.name}
            onChange={(e) => set({ name: e.currentTarget.value })}
            error={issues.name}
          />
          <SimpleGrid cols={2} spacing="sm">
            <TextInput
              label="Issued"
              type="date"
              withAsterisk
              value={v.issuedOn}
              onChange={(e) => set({ issuedOn: e.currentTarget.value })}
              error={issues.issuedOn}
            />
            <TextInput
              label="Expires"
              description="Optional"
              type="date"
              value={v.expiresOn}
              onChange={(e) => set({ expiresOn: e.currentTarget.value })}
              error={issues.expiresOn}
            />
          </SimpleGrid>
          {record.error && !placed && <ErrorAlert error={record.error} title="Could not record it" />}
          <Group justify="flex-end" gap="sm">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={record.isPending}>
              Record
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
