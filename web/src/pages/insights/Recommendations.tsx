import {
  Badge,
  Button,
  Card,
  Group,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
  ThemeIcon,
  Title,
  Tooltip,
} from '@mantine/core';

import { notifications } from '@mantine/notifications';
import {
  IconBuildingCommunity,
  IconCirclesRelation,
  IconFlame,
  IconMap2,
  IconSparkles,
  IconUsersGroup,
} from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { can } from '../../../../common/permissions.ts';
import { facetLabel } from '../../../../common/taxonomy/index.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { AnchorLink } from '../../components/links.tsx';
import { OrgAvatar } from '../../components/OrgAvatar.tsx';
import { errorMessage } from '../../lib/errors.ts';
import {
  clearFeedback,
  giveFeedback,
  REASON_LABELS,
  type Recommendation,
  type RecommendationReason,
  recommendationsQuery,
} from '../../lib/insights.ts';
import { useSession } from '../../lib/session.ts';

/** Recommendations shown before "Show all". */
const SHOWN = 6;

const REASON_ICONS: Record<RecommendationReason['kind'], ReactNode> = {
  coverage: <IconMap2 size={14} />,
  shared_accounts: <IconCirclesRelation size={14} />,
  trusted_paths: <IconUsersGroup size={14} />,
  activity: <IconFlame size={14} />,
};

/** Organizations worth approaching, each with its reasons; Dismiss and Not now are remembered. */
export function Recommendations() {
  const { role } = useSession();
  const queryClient = useQueryClient();
  const recs = useQuery(recommendationsQuery());
  const mayAct = can(role, 'insights.manage');
  const key = recommendationsQuery().queryKey;
  const undo = useMutation({
    mutationFn: clearFeedback,
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['insights', 'recommendations'] }),
  });
  const feedback = useMutation({
    mutationFn: ({ rec, state }: { rec: Recommendation; state: 'dismissed' | 'snoozed' }) =>
      giveFeedback(rec.candidate.id, state),
    // The card goes at once; a failure brings it back.
    onMutate: async ({ rec }) => {
      await queryClient.cancelQueries({ queryKey: key });
      const before = queryClient.getQueryData(key);
      queryClient.setQueryData(key, (old) =>
        old ? { ...old, data: old.data.filter((r) => r.candidate.id !== rec.candidate.id) } : old,
      );
      return { before };
    },
    onError: (err, _v, ctx) => {
      if (ctx?.before) queryClient.setQueryData(key, ctx.before);
      notifications.show({ color: 'red', message: errorMessage(err) });
    },
    onSuccess: (_d, { rec, state }) => {
      const id = `recommendation-${rec.candidate.id}`;
      notifications.show({
        id,
        autoClose: 8000,
        message: (
          <Group justify="space-between" wrap="nowrap" gap="sm">
            <Text size="sm">
              {state === 'dismissed'
                ? `${rec.candidate.name} will not be recommended again.`
                : `${rec.candidate.name} is put off for 30 days.`}
            </Text>
            <Button
              size="compact-xs"
              variant="light"
              onClick={() => {
                notifications.hide(id);
                undo.mutate(rec.candidate.id);
              }}
            >
              Undo
            </Button>
          </Group>
        ),
      });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['insights', 'recommendations'] }),
  });
  const [all, setAll] = useState(false);
  const rows = recs.data?.data ?? [];
  const shown = all ? rows : rows.slice(0, SHOWN);
  return (
    <Card padding="lg" component="section" aria-label="Recommended partners">
      <Group gap="sm" mb="md" align="flex-start" wrap="nowrap">
        <ThemeIcon variant="light" size={32} radius="md">
          <IconSparkles size={18} />
        </ThemeIcon>
        <Stack gap={2}>
          <Title order={3} fz="md">
            Worth approaching
          </Title>
          <Text size="xs" c="dimmed">
            Organizations that complement your coverage, share accounts with you (where they share them) or
            work with your most trusted partners.
          </Text>
        </Stack>
      </Group>
      {recs.isPending ? (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {[0, 1, 2].map((i) => (
            <Skeleton key={i} height={150} radius="md" />
          ))}
        </SimpleGrid>
      ) : recs.isError ? (
        <ErrorAlert error={recs.error} onRetry={() => recs.refetch()} />
      ) : rows.length === 0 ? (
        <Group gap="sm" c="dimmed">
          <IconBuildingCommunity size={18} />
          <Text size="sm">No recommendations right now: they come back after the next analysis.</Text>
        </Group>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
          {shown.map((rec) => (
            <RecommendationCard
              key={rec.candidate.id}
              rec={rec}
              mayAct={mayAct}
              onFeedback={(state) => feedback.mutate({ rec, state })}
            />
          ))}
        </SimpleGrid>
      )}
      {rows.length > SHOWN && (
        <Group justify="center" mt="md">
          <Button variant="subtle" size="xs" onClick={() => setAll((v) => !v)}>
            {all ? 'Show fewer' : `Show all ${rows.length}`}
          </Button>
        </Group>
      )}
    </Card>
  );
}

function RecommendationCard({
  rec,
  mayAct,
  onFeedback,
}: {
  rec: Recommendation;
  mayAct: boolean;
  onFeedback: (state: 'dismissed' | 'snoozed') => void;
}) {
  const where = rec.candidate.countries
    .slice(0, 3)
    .map((c) => facetLabel('country', c) ?? c)
    .join(', ');
  const industry = rec.candidate.industries[0]
    ? facetLabel('industry', rec.candidate.industries[0])
    : undefined;
  return (
    <Card padding="md" radius="md" withBorder role="article" aria-label={rec.candidate.name}>
      <Stack gap="sm" h="100%" justify="space-between">
        <Stack gap="sm">
          <Group gap="sm" wrap="nowrap">
            <OrgAvatar name={rec.candidate.name} size={36} />
            <Stack gap={0} style={{ minWidth: 0 }}>
              <AnchorLink
                to="/directory/$id"
                params={{ id: rec.candidate.id }}
                fw={650}
                size="sm"
                c="dark"
                truncate
              >
                {rec.candidate.name}
              </AnchorLink>
              <Text size="xs" c="dimmed" truncate>
                {[where, industry].filter(Boolean).join(' · ') || 'No coverage listed'}
              </Text>
            </Stack>
            <Tooltip
              label="How well it fits: coverage, shared accounts, trusted paths and activity together"
              withArrow
              multiline
              w={240}
            >
              <Badge ml="auto" variant="light" color="moss" style={{ cursor: 'help' }}>
                {Math.round(rec.score * 100)} % fit
              </Badge>
            </Tooltip>
          </Group>
          <Stack gap={6}>
            {rec.reasons.map((r) => (
              <Group key={`${r.kind}:${r.text}`} gap={8} wrap="nowrap" align="flex-start">
                <ThemeIcon variant="light" color="gray" size={22} radius="sm" title={REASON_LABELS[r.kind]}>
                  {REASON_ICONS[r.kind]}
                </ThemeIcon>
                <Text size="xs" lineClamp={3} title={r.text}>
                  {r.text}
                </Text>
              </Group>
            ))}
          </Stack>
        </Stack>
        {mayAct && (
          <Group gap="xs" justify="flex-end">
            <Button size="compact-sm" variant="subtle" color="gray" onClick={() => onFeedback('snoozed')}>
              Not now
            </Button>
            <Button size="compact-sm" variant="light" color="gray" onClick={() => onFeedback('dismissed')}>
              Dismiss
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
