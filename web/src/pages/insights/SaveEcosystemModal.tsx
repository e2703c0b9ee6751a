import { Button, Group, Modal, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { AnchorLink } from '../../components/links.tsx';
import { ApiError } from '../../lib/api.ts';
import { fieldErrors } from '../../lib/errors.ts';
import { type CommunityDetail, formatShare, saveCommunity } from '../../lib/insights.ts';
import { hasCode } from '../../lib/money.ts';

/** A description of a community from what its members have in common. */
const describe = (d: CommunityDetail) => {
  const facets = d.community.facets
    .slice(0, 3)
    .map((f) => `${f.label} (${formatShare(f.share)})`)
    .join(', ');
  return `Discovered by Mycelium insights: ${d.community.size} organizations tied by partnerships, deals and shared ecosystems${
    facets ? `; mostly ${facets}` : ''
  }.`;
};

/** Saves a discovered community as an ecosystem your organization owns, with its listed members. */
export function SaveEcosystemModal({
  detail,
  opened,
  onClose,
}: {
  detail: CommunityDetail;
  opened: boolean;
  onClose: () => void;
}) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const [name, setName] = useState(detail.community.label);
  const [description, setDescription] = useState(() => describe(detail));
  useEffect(() => {
    if (opened) {
      setName(detail.community.label);
      setDescription(describe(detail));
    }
  }, [opened, detail]);
  const save = useMutation({
    mutationFn: () =>
      saveCommunity(detail.community.id, {
        name: name.trim() || undefined,
        description: description.trim() || undefined,
      }),
    onSuccess: (saved) => {
      queryClient.invalidateQueries({ queryKey: ['insights', 'communities'] });
      queryClient.invalidateQueries({ queryKey: ['ecosystems'] });
      notifications.show({
        color: 'moss',
        message: `${name.trim() || detail.community.label} is now an ecosystem.`,
      });
      onClose();
      navigate({ to: '/ecosystems/$id', params: { id: saved.slug || saved.ecosystemId } });
    },
  });
  const errors = fieldErrors(save.error);
  const savedId =
    hasCode(save.error, 'community_saved') && save.error instanceof ApiError
      ? ((save.error.body.error.details as { ecosystemId?: string } | undefined)?.ecosystemId ?? undefined)
      : undefined;
  const listed = detail.members.length;
  return (
    <Modal opened={opened} onClose={onClose} title="Save as ecosystem" size="lg">
      <form
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <Stack>
          <Text size="sm" c="dimmed">
            Your organization will own the new ecosystem. Its {listed} listed member{listed === 1 ? '' : 's'}{' '}
            become its members; organizations without a listed profile are left out. You can edit it like any
            ecosystem.
          </Text>
          <TextInput
            label="Name"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            maxLength={120}
            data-autofocus
          />
          <Textarea
            label="Description"
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            error={errors.description}
            autosize
            minRows={3}
            maxRows={6}
          />
          {savedId ? (
            <Text size="sm" c="orange.8" role="alert">
              This community is already saved.{' '}
              <AnchorLink to="/ecosystems/$id" params={{ id: savedId }} size="sm">
                Open its ecosystem
              </AnchorLink>
            </Text>
          ) : (
            save.isError &&
            !Object.keys(errors).length && <ErrorAlert error={save.error} title="Could not save" />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              Save ecosystem
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
