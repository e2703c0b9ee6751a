import {
  Anchor,
  Badge,
  Button,
  Card,
  Grid,
  Group,
  type MantineColor,
  Skeleton,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import {
  IconArrowLeft,
  IconBuildingSkyscraper,
  IconCalendar,
  IconExternalLink,
  IconFlag,
  IconMapPin,
  IconPencil,
  IconUsers,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import {
  type Facet,
  facetLabel,
  TECHNOLOGIES,
  TECHNOLOGY_GROUPS,
} from '../../../../common/taxonomy/index.ts';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { AnchorLink, ButtonLink } from '../../components/links.tsx';
import { OrgAvatar } from '../../components/OrgAvatar.tsx';
import { api, body } from '../../lib/api.ts';
import { domainUrl, groupBy, lastActive } from '../../lib/directory.ts';
import { profileQuery } from '../../lib/queries.ts';
import { switchOrganization, useSession } from '../../lib/session.ts';
import type { OrganizationProfile } from '../../lib/types.ts';
import { PartnerActions } from '../partnerships/PartnerActions.tsx';

const route = getRouteApi('/authed/app/directory/$id');

const groupOfTechnology = new Map(TECHNOLOGIES.map((t) => [t.key, t.group]));

/** An organization's profile: who it is, what it does and where; claimable ones can be claimed here. */
export function ProfilePage() {
  const { id } = route.useParams();
  const profile = useQuery(profileQuery(id));
  return (
    <>
      <AnchorLink to="/directory" size="sm" c="dimmed" underline="hover">
        <Group gap={4} component="span">
          <IconArrowLeft size={14} />
          Find a partner
        </Group>
      </AnchorLink>
      <div style={{ marginTop: 'var(--mantine-spacing-sm)' }}>
        {profile.isPending ? (
          <Stack gap="lg">
            <Skeleton height={150} radius="lg" />
            <Skeleton height={220} radius="lg" />
          </Stack>
        ) : profile.isError ? (
          <ErrorAlert error={profile.error} onRetry={() => profile.refetch()} />
        ) : (
          <Profile profile={profile.data} />
        )}
      </div>
    </>
  );
}

function Profile({ profile: p }: { profile: OrganizationProfile }) {
  const { organization } = useSession();
  const technologies = groupBy(p.technologies, TECHNOLOGY_GROUPS, (key) => groupOfTechnology.get(key));
  const hasDetails =
    p.description ||
    p.services.length ||
    p.technologies.length ||
    p.countries.length ||
    p.languages.length ||
    p.industries.length ||
    p.practices.length ||
    p.certifications.length;
  return (
    <Stack gap="lg">
      <Card padding="xl">
        <Group justify="space-between" align="flex-start" gap="lg">
          <Group align="flex-start" wrap="nowrap" gap="lg" style={{ minWidth: 0, flex: 1 }}>
            <OrgAvatar name={p.name} logoUrl={p.logoUrl} size={84} />
            <Stack gap={8} style={{ minWidth: 0 }}>
              <Title order={2} fz={26}>
                {p.name}
              </Title>
              <Group gap="lg" style={{ rowGap: 6 }}>
                {p.domain && (
                  <Fact icon={<IconExternalLink size={15} />}>
                    <Anchor href={domainUrl(p.domain)} target="_blank" rel="noopener noreferrer" size="sm">
                      {p.domain}
                    </Anchor>
                  </Fact>
                )}
                {p.hqCountry && (
                  <Fact icon={<IconMapPin size={15} />}>
                    Headquartered in {facetLabel('country', p.hqCountry) ?? p.hqCountry}
                  </Fact>
                )}
                {p.foundedYear && <Fact icon={<IconCalendar size={15} />}>Founded {p.foundedYear}</Fact>}
                {p.sizeBand && (
                  <Fact icon={<IconUsers size={15} />}>{facetLabel('size', p.sizeBand) ?? p.sizeBand}</Fact>
                )}
              </Group>
              {p.roles.length > 0 && (
                <Group gap={6}>
                  {p.roles.map((role) => (
                    <Badge key={role} variant="light" color="moss">
                      {facetLabel('role', role) ?? role}
                    </Badge>
                  ))}
                </Group>
              )}
              <Text size="xs" c="dimmed">
                {lastActive(p.lastActiveAt)}
                {!p.listed && ' · Not listed in the directory: only your organization sees this profile'}
              </Text>
            </Stack>
          </Group>
          {p.canEdit && (
            <ButtonLink to="/profile" variant="default" leftSection={<IconPencil size={16} />}>
              Edit profile
            </ButtonLink>
          )}
          {p.id !== organization?.id && <PartnerActions organization={p} />}
        </Group>
      </Card>

      {p.claimable && p.domain && <ClaimCard profile={p} domain={p.domain} />}

      {!hasDetails ? (
        <Card padding="xl">
          <Group gap="md" wrap="nowrap">
            <ThemeIcon variant="light" size={38} radius="md">
              <IconBuildingSkyscraper size={20} />
            </ThemeIcon>
            <Text size="sm" c="dimmed">
              {p.canEdit
                ? 'Your profile is empty. Describe what you do, where and with which technologies, so partners can find you.'
                : `${p.name} has not described itself yet.`}
            </Text>
          </Group>
        </Card>
      ) : (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 7 }}>
            <Stack gap="lg">
              {(p.description || p.services.length > 0) && (
                <Card padding="lg">
                  <SectionTitle>About</SectionTitle>
                  {p.description && (
                    <Text size="sm" style={{ whiteSpace: 'pre-line' }} lh={1.6}>
                      {p.description}
                    </Text>
                  )}
                  {p.services.length > 0 && (
                    <>
                      <Text size="sm" fw={600} mt={p.description ? 'lg' : 0} mb={8}>
                        Services
                      </Text>
                      <Group gap={6}>
                        {p.services.map((service) => (
                          <Badge key={service} variant="outline" color="gray" fw={500}>
                            {service}
                          </Badge>
                        ))}
                      </Group>
                    </>
                  )}
                </Card>
              )}
              {technologies.length > 0 && (
                <Card padding="lg">
                  <SectionTitle>Technologies</SectionTitle>
                  <Stack gap="md">
                    {technologies.map(({ group, items }) => (
                      <div key={group.key}>
                        <Text size="xs" c="dimmed" fw={600} mb={6}>
                          {group.label}
                        </Text>
                        <Badges facet="technology" keys={items} color="blue" />
                      </div>
                    ))}
                  </Stack>
                </Card>
              )}
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 5 }}>
            <Stack gap="lg">
              <BadgeCard title="Countries served" facet="country" keys={p.countries} limit={24} />
              <BadgeCard title="Languages" facet="language" keys={p.languages} />
              <BadgeCard title="Industries" facet="industry" keys={p.industries} color="orange" />
              <BadgeCard title="Practices" facet="practice" keys={p.practices} color="grape" />
              <BadgeCard title="Certifications" facet="certification" keys={p.certifications} color="teal" />
            </Stack>
          </Grid.Col>
        </Grid>
      )}
    </Stack>
  );
}

function Fact({ icon, children }: { icon: ReactNode; children: ReactNode }) {
  return (
    <Group gap={6} wrap="nowrap" c="dimmed">
      {icon}
      <Text size="sm" c="gray.7" component="span">
        {children}
      </Text>
    </Group>
  );
}

function SectionTitle({ children }: { children: ReactNode }) {
  return (
    <Title order={3} fz="md" mb="sm">
      {children}
    </Title>
  );
}

function Badges({
  facet,
  keys,
  color = 'gray',
  limit,
}: {
  facet: Facet;
  keys: readonly string[];
  color?: MantineColor;
  limit?: number;
}) {
  const [all, setAll] = useState(false);
  const shown = limit && !all ? keys.slice(0, limit) : keys;
  return (
    <Group gap={6}>
      {shown.map((key) => (
        <Badge key={key} variant="light" color={color} fw={500}>
          {facetLabel(facet, key) ?? key}
        </Badge>
      ))}
      {shown.length < keys.length && (
        <Anchor component="button" type="button" size="xs" onClick={() => setAll(true)}>
          +{keys.length - shown.length} more
        </Anchor>
      )}
    </Group>
  );
}

function BadgeCard({
  title,
  facet,
  keys,
  color,
  limit,
}: {
  title: string;
  facet: Facet;
  keys: readonly string[];
  color?: MantineColor;
  limit?: number;
}) {
  if (keys.length === 0) return null;
  return (
    <Card padding="lg">
      <SectionTitle>{title}</SectionTitle>
      <Badges facet={facet} keys={keys} color={color} limit={limit} />
    </Card>
  );
}

function ClaimCard({ profile: p, domain }: { profile: OrganizationProfile; domain: string }) {
  const navigate = useNavigate();
  const [confirming, confirm] = useDisclosure(false);
  return (
    <>
      <Card padding="lg" bg="moss.0" style={{ borderColor: 'var(--mantine-color-moss-2)' }}>
        <Group justify="space-between" gap="md">
          <Group gap="md" wrap="nowrap" style={{ flex: 1, minWidth: 240 }}>
            <ThemeIcon variant="light" size={38} radius="md">
              <IconFlag size={20} />
            </ThemeIcon>
            <div>
              <Text fw={600}>Work at {domain}?</Text>
              <Text size="sm" c="dimmed">
                Nobody looks after this profile yet. Claim the organization to become its owner, keep the
                profile up to date and invite your colleagues.
              </Text>
            </div>
          </Group>
          <Button onClick={confirm.open}>Claim this organization</Button>
        </Group>
      </Card>
      <ConfirmModal
        opened={confirming}
        onClose={confirm.close}
        title={`Claim ${p.name}?`}
        confirmLabel="Claim organization"
        confirmColor="moss"
        onConfirm={async () => {
          const claimed = await body(
            api.POST('/api/v1/directory/{id}/claim', { params: { path: { id: p.id } } }),
          );
          await switchOrganization(claimed.organizationId);
          notifications.show({
            color: 'moss',
            title: `You now own ${claimed.name}`,
            message: 'You act in it from now on. Check that its profile is right.',
          });
        }}
        onDone={() => navigate({ to: '/profile' })}
      >
        You become the owner of {p.name} and switch to acting in it. This needs a verified email address at{' '}
        {domain}.
      </ConfirmModal>
    </>
  );
}
