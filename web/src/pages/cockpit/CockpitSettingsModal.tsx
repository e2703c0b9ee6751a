import { Button, Group, Modal, Skeleton, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { cockpitSettingsQuery, saveCockpitSettings } from '../../lib/cockpit.ts';
import { parsePercent, percentInput } from '../../lib/money.ts';

/** The direct cost of sale the cost of indirect selling is set against. */
export function CockpitSettingsModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const queryClient = useQueryClient();
  const settings = useQuery({ ...cockpitSettingsQuery, enabled: opened });
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    if (opened && settings.data) setValue(percentInput(settings.data.directCostOfSaleBps));
  }, [opened, settings.data]);
  const save = useMutation({
    mutationFn: saveCockpitSettings,
    onSuccess: (saved) => {
      queryClient.setQueryData(cockpitSettingsQuery.queryKey, saved);
      queryClient.invalidateQueries({ queryKey: ['cockpit', 'main'] });
      notifications.show({ color: 'moss', message: 'Cockpit settings saved.' });
      onClose();
    },
  });
  return (
    <Modal opened={opened} onClose={onClose} title="Cockpit settings">
      {settings.isPending ? (
        <Skeleton height={80} />
      ) : settings.isError ? (
        <ErrorAlert error={settings.error} onRetry={() => settings.refetch()} />
      ) : (
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const parsed = parsePercent(value);
            if (!parsed.ok) return setError(parsed.error);
            setError(undefined);
            save.mutate(parsed.bp);
          }}
        >
          <Stack>
            <Text size="sm" c="dimmed">
              What selling directly costs you, as a share of the revenue it wins (sales salaries, commissions,
              pre-sales, marketing). The cockpit sets the cost of indirect selling against it.
            </Text>
            <TextInput
              label="Direct cost of sale"
              description="Percentage of won revenue"
              rightSection={<Text size="sm">%</Text>}
              value={value}
              onChange={(e) => setValue(e.currentTarget.value)}
              error={error}
              w={220}
              data-autofocus
            />
            {save.isError && <ErrorAlert error={save.error} title="Could not save" />}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button type="submit" loading={save.isPending}>
                Save
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
