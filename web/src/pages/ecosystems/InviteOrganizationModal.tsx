import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconSearch } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { facetLabel } from '../../../../common/taxonomy/index.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { OrgAvatar } from '../../components/OrgAvatar.tsx';
import { api, body } from '../../lib/api.ts';
import { fieldErrors } from '../../lib/errors.ts';
import { organizationLookupQuery } from '../../lib/queries.ts';
import type { DirectoryHit, Ecosystem } from '../../lib/types.ts';

/** Invites an organization found by name (managers); one that asked to join is approved instead. */
export function InviteOrganizationModal({
  ecosystem,
  opened,
  onClose,
}: {
  ecosystem: Ecosystem;
  opened: boolean;
  onClose: () => void;
}) {
  return (
    <Modal opened={opened} onClose={onClose} title={<Text fw={600}>Invite an organization</Text>}>
      {opened && <InviteForm ecosystem={ecosystem} onClose={onClose} />}
    </Modal>
  );
}

function InviteForm({ ecosystem: e, onClose }: { ecosystem: Ecosystem; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [chosen, setChosen] = useState<DirectoryHit | null>(null);
  const lookup = useQuery(organizationLookupQuery(q));
  const found = (lookup.data?.data ?? []).filter((o) => o.id !== e.owner?.id);
  // The chosen organization stays an option while the search moves on, so the choice keeps showing.
  const options = chosen && !found.some((o) => o.id === chosen.id) ? [chosen, ...found] : found;
  const byId = new Map(options.map((o) => [o.id, o]));

  const invite = useMutation({
    mutationFn: (org: DirectoryHit) =>
      body(
        api.POST('/api/v1/ecosystems/{id}/invitations', {
          params: { path: { id: e.id } },
          body: { organizationId: org.id },
        }),
      ),
    onSuccess: ({ status }, org) => {
      notifications.show({
        color: 'moss',
        message:
          status === 'member'
            ? `${org.name} had asked to join, so it is a member now.`
            : `${org.name} is invited. It joins once someone there accepts.`,
      });
      queryClient.invalidateQueries({ queryKey: ['ecosystems'] });
      onClose();
    },
  });
  const problem = fieldErrors(invite.error).organizationId;

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        if (chosen) invite.mutate(chosen);
      }}
    >
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          Find the organization by name. Once someone there accepts, it is a member of {e.name}.
        </Text>
        <Select
          label="Organization"
          placeholder="Search by name"
          leftSection={<IconSearch size={16} />}
          searchable
          searchValue={search}
          onSearchChange={setSearch}
          // The directory already matched the words (typos too); the list shows what it found as is.
          filter={({ options: all }) => all}
          data={options.map((o) => ({ value: o.id, label: o.name }))}
          value={chosen?.id ?? null}
          onChange={(id) => {
            setChosen(id ? (byId.get(id) ?? null) : null);
            invite.reset();
          }}
          renderOption={({ option }) => {
            const org = byId.get(option.value);
            return (
              <Group gap="sm" wrap="nowrap">
                <OrgAvatar name={option.label} logoUrl={org?.logoUrl} size={28} />
                <div style={{ minWidth: 0 }}>
                  <Text size="sm" truncate>
                    {option.label}
                  </Text>
                  <Text size="xs" c="dimmed" truncate>
                    {[org?.domain, org?.hqCountry && facetLabel('country', org.hqCountry)]
                      .filter(Boolean)
                      .join(' · ')}
                  </Text>
                </div>
              </Group>
            );
          }}
          nothingFoundMessage={lookup.isFetching ? 'Searching…' : 'No organization matches'}
          error={problem}
          comboboxProps={{ withinPortal: true }}
          data-autofocus
        />
        {invite.error && !problem && <ErrorAlert error={invite.error} title="Could not invite" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" disabled={!chosen} loading={invite.isPending}>
            Send invitation
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
