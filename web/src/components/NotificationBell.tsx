import {
  ActionIcon,
  Box,
  Button,
  Divider,
  EmptyState,
  Group,
  Indicator,
  Popover,
  ScrollArea,
  Skeleton,
  Stack,
  Text,
  UnstyledButton,
  VisuallyHidden,
} from '@mantine/core';
import { notifications as toasts } from '@mantine/notifications';
import { IconBell, IconBellCheck } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { api, body } from '../lib/api.ts';
import { errorMessage } from '../lib/errors.ts';
import { formatDateTime, formatRelative } from '../lib/format.ts';
import { latestNotificationsQuery, unreadNotificationsQuery } from '../lib/queries.ts';
import type { AppNotification } from '../lib/types.ts';
import { ErrorAlert } from './ErrorAlert.tsx';

const LATEST = 10;
const POLL_MS = 30_000;

/** The header bell: unread count (polled), and a popover with the latest notifications. */
export function NotificationBell() {
  const [opened, setOpened] = useState(false);
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const unread = useQuery({
    ...unreadNotificationsQuery,
    refetchInterval: POLL_MS,
    refetchOnWindowFocus: true,
  });
  // Fetched when the popover opens, always fresh then: the badge may have moved since.
  const latest = useQuery({ ...latestNotificationsQuery(LATEST), enabled: opened, staleTime: 0 });
  const changed = () => queryClient.invalidateQueries({ queryKey: ['notifications'] });
  const markRead = useMutation({
    mutationFn: (id: string) =>
      body(api.POST('/api/v1/notifications/{id}/read', { params: { path: { id } } })),
    onSuccess: changed,
  });
  const markAll = useMutation({
    mutationFn: () => body(api.POST('/api/v1/notifications/read-all')),
    onSuccess: changed,
    onError: (err) =>
      toasts.show({ color: 'red', title: 'Could not mark as read', message: errorMessage(err) }),
  });

  const count = unread.data?.count ?? 0;
  const open = (item: AppNotification) => {
    setOpened(false);
    if (!item.readAt) markRead.mutate(item.id);
    // Links are app paths the server checked; `href` takes them as they are.
    if (item.link) void navigate({ href: item.link });
  };

  return (
    <Popover
      opened={opened}
      onChange={setOpened}
      position="bottom-end"
      width={360}
      shadow="md"
      trapFocus
      returnFocus
    >
      <Indicator label={count} maxValue={99} size={18} offset={6} color="red" disabled={count === 0} inline>
        <Popover.Target>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            radius="xl"
            aria-label={`Notifications (${count} unread)`}
            onClick={() => setOpened((o) => !o)}
          >
            <IconBell size={20} stroke={1.7} />
          </ActionIcon>
        </Popover.Target>
      </Indicator>
      <Popover.Dropdown p={0}>
        <Group justify="space-between" px="md" py="sm" wrap="nowrap">
          <Text fw={600} size="sm">
            Notifications
          </Text>
          <Button
            variant="subtle"
            size="compact-xs"
            leftSection={<IconBellCheck size={14} />}
            disabled={count === 0}
            loading={markAll.isPending}
            onClick={() => markAll.mutate()}
          >
            Mark all as read
          </Button>
        </Group>
        <Divider />
        <ScrollArea.Autosize mah={420} type="auto">
          <NotificationList query={latest} onOpen={open} />
        </ScrollArea.Autosize>
      </Popover.Dropdown>
    </Popover>
  );
}

function NotificationList({
  query,
  onOpen,
}: {
  query: ReturnType<typeof useQuery<{ data: AppNotification[] }>>;
  onOpen: (item: AppNotification) => void;
}) {
  if (query.isPending) {
    return (
      <Stack gap="md" p="md" aria-busy="true" aria-label="Loading notifications">
        {[0, 1, 2].map((i) => (
          <Stack key={i} gap={6}>
            <Skeleton height={12} width="70%" radius="sm" />
            <Skeleton height={10} width="90%" radius="sm" />
          </Stack>
        ))}
      </Stack>
    );
  }
  if (query.isError) {
    return (
      <Box p="md">
        <ErrorAlert error={query.error} onRetry={() => query.refetch()} />
      </Box>
    );
  }
  if (query.data.data.length === 0) {
    return (
      <EmptyState
        py="xl"
        icon={<IconBellCheck size={22} />}
        title="You're all caught up"
        description="New referrals, registrations and partner news show up here."
      />
    );
  }
  return (
    <Stack gap={0} component="ul" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {query.data.data.map((item) => (
        <li key={item.id}>
          <NotificationItem item={item} onOpen={onOpen} />
        </li>
      ))}
    </Stack>
  );
}

function NotificationItem({
  item,
  onOpen,
}: {
  item: AppNotification;
  onOpen: (item: AppNotification) => void;
}) {
  const isUnread = !item.readAt;
  return (
    <UnstyledButton
      className="myc-notification-item"
      onClick={() => onOpen(item)}
      w="100%"
      px="md"
      py="sm"
      style={{ display: 'block' }}
    >
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <Box
          aria-hidden
          mt={6}
          w={8}
          h={8}
          style={{
            flex: 'none',
            borderRadius: '50%',
            background: isUnread ? 'var(--mantine-primary-color-filled)' : 'transparent',
          }}
        />
        <Stack gap={2} style={{ minWidth: 0, flex: 1 }}>
          <Text size="sm" fw={isUnread ? 700 : 400} lineClamp={2}>
            {isUnread && <VisuallyHidden>Unread: </VisuallyHidden>}
            {item.title}
          </Text>
          {item.body && (
            <Text size="xs" c="dimmed" lineClamp={2}>
              {item.body}
            </Text>
          )}
          <Text size="xs" c="dimmed" title={formatDateTime(item.createdAt)}>
            {formatRelative(item.createdAt)}
          </Text>
        </Stack>
      </Group>
    </UnstyledButton>
  );
}
