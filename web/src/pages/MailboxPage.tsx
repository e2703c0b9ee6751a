import {
  Anchor,
  Badge,
  Box,
  Container,
  EmptyState,
  Group,
  Paper,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { IconArrowLeft, IconInbox, IconMailOff, IconSearch } from '@tabler/icons-react';
import { useInfiniteQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { Fragment, useState } from 'react';
import { ErrorAlert } from '../components/ErrorAlert.tsx';
import { LoadMore } from '../components/LoadMore.tsx';
import { Brand } from '../components/Logo.tsx';
import { AnchorLink, ButtonLink } from '../components/links.tsx';
import { hasStatus } from '../lib/errors.ts';
import { formatDateTime, formatRelative } from '../lib/format.ts';
import { mailboxQuery } from '../lib/queries.ts';
import type { Mail } from '../lib/types.ts';

const route = getRouteApi('/dev/mailbox');
const URL_PATTERN = /(https?:\/\/[^\s<>"']+)/g;

const KIND_LABELS: Record<string, string> = {
  magic_link: 'Sign-in link',
  invitation: 'Invitation',
  notification: 'Notification',
};

/** Splits a text into plain parts and links, each keyed by where it starts. */
function linkParts(text: string): { at: number; text: string; link: boolean }[] {
  const parts: { at: number; text: string; link: boolean }[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    if (match.index > last) parts.push({ at: last, text: text.slice(last, match.index), link: false });
    parts.push({ at: match.index, text: match[0], link: true });
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push({ at: last, text: text.slice(last), link: false });
  return parts;
}

/** Mail bodies with their links clickable. */
function Linkified({ text }: { text: string }) {
  return (
    <>
      {linkParts(text).map((part) =>
        part.link ? (
          <Anchor key={part.at} href={part.text} style={{ wordBreak: 'break-all' }}>
            {part.text}
          </Anchor>
        ) : (
          <Fragment key={part.at}>{part.text}</Fragment>
        ),
      )}
    </>
  );
}

function MailCard({ mail }: { mail: Mail }) {
  return (
    <Paper withBorder p="lg" component="article" aria-label={mail.subject}>
      <Group justify="space-between" align="flex-start" gap="sm" mb="xs" wrap="nowrap">
        <Stack gap={2} style={{ minWidth: 0 }}>
          <Text fw={600}>{mail.subject}</Text>
          <Text size="sm" c="dimmed">
            To {mail.toAddress}
          </Text>
        </Stack>
        <Stack gap={4} align="flex-end" style={{ flexShrink: 0 }}>
          <Badge variant="light" color={mail.kind === 'magic_link' ? 'moss' : 'blue'}>
            {KIND_LABELS[mail.kind] ?? mail.kind}
          </Badge>
          <Text size="xs" c="dimmed" title={formatDateTime(mail.createdAt)}>
            {formatRelative(mail.createdAt)}
          </Text>
        </Stack>
      </Group>
      <Box
        className="myc-mail-body"
        mt="sm"
        pt="sm"
        style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
      >
        <Linkified text={mail.textBody} />
      </Box>
    </Paper>
  );
}

/** The outbox of an instance without SMTP: where local users find their sign-in links and invitations. */
export function MailboxPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const [filter, setFilter] = useState(search.to ?? '');
  const applyFilter = useDebouncedCallback((to: string) => {
    navigate({ search: { to: to.trim() || undefined }, replace: true });
  }, 300);
  const mails = useInfiniteQuery({ ...mailboxQuery(search.to), refetchInterval: 5_000 });
  const items = mails.data?.pages.flatMap((p) => p.data) ?? [];
  return (
    <Box mih="100vh">
      <Box bg="white" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <Container size="md" py="md">
          <Group justify="space-between">
            <AnchorLink to="/" underline="never">
              <Brand />
            </AnchorLink>
            <ButtonLink to="/sign-in" variant="subtle" leftSection={<IconArrowLeft size={16} />}>
              Back to sign-in
            </ButtonLink>
          </Group>
        </Container>
      </Box>
      <Container size="md" py="xl">
        <Stack gap={4} mb="lg">
          <Title order={2} fz={26}>
            Dev mailbox
          </Title>
          <Text c="dimmed" size="sm">
            Mail this instance would have sent. It shows here because no SMTP server is configured; it
            refreshes every few seconds.
          </Text>
        </Stack>
        <TextInput
          mb="lg"
          maw={420}
          leftSection={<IconSearch size={16} />}
          placeholder="Filter by recipient, e.g. you@company.com"
          aria-label="Filter by recipient"
          value={filter}
          onChange={(e) => {
            setFilter(e.currentTarget.value);
            applyFilter(e.currentTarget.value);
          }}
        />
        {mails.isPending ? (
          <Stack gap="md">
            {[0, 1, 2].map((i) => (
              <Skeleton key={i} height={150} radius="lg" />
            ))}
          </Stack>
        ) : mails.isError ? (
          hasStatus(mails.error, 404) ? (
            <Paper withBorder p="xl">
              <EmptyState
                icon={<IconMailOff size={28} />}
                withIndicatorBackground
                title="The dev mailbox is off"
                description="This instance sends real mail (or runs in production), so there is no outbox to show."
              />
            </Paper>
          ) : (
            <ErrorAlert
              error={mails.error}
              title="Could not load the mailbox"
              onRetry={() => mails.refetch()}
            />
          )
        ) : items.length === 0 ? (
          <Paper withBorder p="xl">
            <EmptyState
              icon={<IconInbox size={28} />}
              withIndicatorBackground
              title={search.to ? `No mail to ${search.to}` : 'No mail yet'}
              description="Sign-in links and invitations show up here as soon as they are sent."
            />
          </Paper>
        ) : (
          <Stack gap="md">
            {items.map((mail) => (
              <MailCard key={mail.id} mail={mail} />
            ))}
            <LoadMore {...mails} />
          </Stack>
        )}
      </Container>
    </Box>
  );
}
