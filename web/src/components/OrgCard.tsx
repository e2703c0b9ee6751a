import { Badge, Card, Group, Skeleton, Stack, Text } from '@mantine/core';
import { IconMapPin, IconWorld } from '@tabler/icons-react';
import { facetLabel } from '../../../common/taxonomy/index.ts';
import { lastActive } from '../lib/directory.ts';
import { formatDateTime, formatRelative } from '../lib/format.ts';
import type { DirectoryHit } from '../lib/types.ts';
import { AnchorLink } from './links.tsx';
import { OrgAvatar } from './OrgAvatar.tsx';

const TECHNOLOGIES_SHOWN = 4;

/**
 * An organization in a result list: logo, name (to its profile), domain, headquarters, what it is,
 * its first technologies, two lines of description and when it was last active. With `activeSince`
 * (an ecosystem's window) it also says whether it counts as active there.
 */
export function OrgCard({ org, activeSince }: { org: DirectoryHit; activeSince?: string }) {
  const country = org.hqCountry ? facetLabel('country', org.hqCountry) : undefined;
  const moreTechnologies = org.technologies.length - TECHNOLOGIES_SHOWN;
  const active =
    activeSince !== undefined && org.lastActiveAt !== null && org.lastActiveAt >= activeSince
      ? true
      : activeSince !== undefined
        ? false
        : undefined;
  return (
    <Card padding="lg" component="article" aria-label={org.name}>
      <Group align="flex-start" wrap="nowrap" gap="md">
        <OrgAvatar name={org.name} logoUrl={org.logoUrl} size={52} />
        <Stack gap={8} style={{ flex: 1, minWidth: 0 }}>
          <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
            <Stack gap={2} style={{ minWidth: 0 }}>
              <AnchorLink
                to="/directory/$id"
                params={{ id: org.slug }}
                fw={600}
                fz="md"
                c="dark"
                truncate
                title={org.name}
              >
                {org.name}
              </AnchorLink>
              <Group gap="md" wrap="nowrap">
                {org.domain && (
                  <Group gap={4} wrap="nowrap" style={{ minWidth: 0 }}>
                    <IconWorld size={14} color="var(--mantine-color-gray-6)" aria-hidden />
                    <Text size="xs" c="dimmed" truncate>
                      {org.domain}
                    </Text>
                  </Group>
                )}
                {country && (
                  <Group gap={4} wrap="nowrap" style={{ minWidth: 0 }}>
                    <IconMapPin size={14} color="var(--mantine-color-gray-6)" aria-hidden />
                    <Text size="xs" c="dimmed" truncate>
                      {country}
                    </Text>
                  </Group>
                )}
              </Group>
            </Stack>
            <Group gap={8} wrap="nowrap" style={{ flexShrink: 0 }}>
              {active !== undefined && (
                <Badge size="sm" variant="dot" color={active ? 'moss' : 'gray'}>
                  {active ? 'Active' : 'Inactive'}
                </Badge>
              )}
              <Text
                size="xs"
                c="dimmed"
                title={org.lastActiveAt ? formatDateTime(org.lastActiveAt) : undefined}
                visibleFrom="xs"
              >
                {active === undefined
                  ? lastActive(org.lastActiveAt)
                  : org.lastActiveAt
                    ? formatRelative(org.lastActiveAt)
                    : 'never'}
              </Text>
            </Group>
          </Group>
          {org.description && (
            <Text size="sm" lineClamp={2} c="gray.8">
              {org.description}
            </Text>
          )}
          {(org.roles.length > 0 || org.technologies.length > 0) && (
            <Group gap={6}>
              {org.roles.map((role) => (
                <Badge key={role} variant="light" color="moss" size="sm">
                  {facetLabel('role', role) ?? role}
                </Badge>
              ))}
              {org.technologies.slice(0, TECHNOLOGIES_SHOWN).map((tech) => (
                <Badge key={tech} variant="default" size="sm" fw={500}>
                  {facetLabel('technology', tech) ?? tech}
                </Badge>
              ))}
              {moreTechnologies > 0 && (
                <Text size="xs" c="dimmed">
                  +{moreTechnologies} more
                </Text>
              )}
            </Group>
          )}
        </Stack>
      </Group>
    </Card>
  );
}

/** Placeholder cards while results load. */
export function OrgCardSkeletons({ count = 4 }: { count?: number }) {
  return (
    <Stack gap="sm" aria-busy="true" aria-label="Loading">
      {Array.from({ length: count }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
        <Card key={i} padding="lg">
          <Group align="flex-start" wrap="nowrap" gap="md">
            <Skeleton height={52} width={52} radius="md" />
            <Stack gap={8} style={{ flex: 1 }}>
              <Skeleton height={12} width="35%" />
              <Skeleton height={8} width="25%" />
              <Skeleton height={8} width="90%" />
              <Skeleton height={8} width="70%" />
              <Group gap={6}>
                <Skeleton height={18} width={80} />
                <Skeleton height={18} width={110} />
              </Group>
            </Stack>
          </Group>
        </Card>
      ))}
    </Stack>
  );
}
