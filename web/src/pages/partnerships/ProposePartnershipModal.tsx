import {
  Alert,
  Button,
  Checkbox,
  Group,
  Modal,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import {
  PARTNERSHIP_TYPE_LABELS,
  PARTNERSHIP_TYPES,
  type PartnershipType,
  REFERRAL_TYPES,
} from '../../../../common/deals.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { AnchorLink } from '../../components/links.tsx';
import { OrgAvatar } from '../../components/OrgAvatar.tsx';
import { OrganizationPicker } from '../../components/OrganizationPicker.tsx';
import { errorMessage, formErrors } from '../../lib/errors.ts';
import {
  existingPartnershipId,
  type NewPartnership,
  type PartnerRef,
  useProposePartnership,
} from '../../lib/partnerships.ts';
import { useSession } from '../../lib/session.ts';
import type { DirectoryHit } from '../../lib/types.ts';
import { OwnerSelect } from './OwnerSelect.tsx';

/** What each type means, under its checkbox. */
const TYPE_HINTS: Record<PartnershipType, string> = {
  resells: 'One sells the other’s products to its customers',
  refers: 'You pass leads to each other',
  co_sells: 'You sell together on shared deals',
  technology: 'Your products integrate',
  serves: 'One delivers services to the other’s customers',
};

/**
 * Proposes a partnership: to an organization from the directory, or to one not on Mycelium yet
 * (added to the directory, claimable later). Opens the new partnership's page.
 */
export function ProposePartnershipModal({
  opened,
  onClose,
  partner,
}: {
  opened: boolean;
  onClose: () => void;
  /** The organization to propose to, when the modal opens from its profile. */
  partner?: PartnerRef;
}) {
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      size="lg"
      title={
        <Text fw={600}>{partner ? `Propose a partnership to ${partner.name}` : 'Propose a partnership'}</Text>
      }
    >
      {opened && <ProposeForm partner={partner} onClose={onClose} />}
    </Modal>
  );
}

type Target = 'directory' | 'new';

function ProposeForm({ partner, onClose }: { partner?: PartnerRef; onClose: () => void }) {
  const { me, organization } = useSession();
  const navigate = useNavigate();
  const propose = useProposePartnership();
  const [target, setTarget] = useState<Target>('directory');
  const [chosen, setChosen] = useState<DirectoryHit | null>(null);
  const [name, setName] = useState('');
  const [domain, setDomain] = useState('');
  const [types, setTypes] = useState<PartnershipType[]>([]);
  const [message, setMessage] = useState('');
  const [owner, setOwner] = useState<string | null>(me.user.id);
  const [checked, setChecked] = useState(false);

  const server = formErrors(propose.error, ['newPartner']);
  const existing = existingPartnershipId(propose.error);
  const local = {
    partnerId: !partner && target === 'directory' && !chosen ? 'Choose an organization' : undefined,
    name: target === 'new' && !name.trim() ? 'Enter the organization’s name' : undefined,
    domain: target === 'new' && !domain.trim() ? 'Enter its web domain, e.g. fabrikam.com' : undefined,
    types: types.length === 0 ? 'Choose at least one type' : undefined,
  };
  const shown = (field: keyof typeof local) => (checked ? local[field] : undefined);
  const errors = {
    partnerId: shown('partnerId') ?? server.partnerId,
    name: shown('name') ?? server['newPartner.name'],
    domain:
      shown('domain') ??
      server['newPartner.domain'] ??
      // A domain the directory already has: that organization is there to be chosen instead.
      (server.domain ? `${errorMessage(propose.error)}. Choose it under “On Mycelium”.` : undefined),
    types: shown('types') ?? server.types,
    message: server.message,
    owner: server.ownerUserId,
  };
  const placed = [
    'partnerId',
    'newPartner.name',
    'newPartner.domain',
    'domain',
    'types',
    'message',
    'ownerUserId',
  ];
  const unplaced = propose.error && !existing && !placed.some((f) => f in server);

  const submit = () => {
    setChecked(true);
    if (Object.values(local).some(Boolean)) return;
    const input: NewPartnership = { types, message: message.trim() };
    if (partner) input.partnerId = partner.id;
    else if (target === 'directory' && chosen) input.partnerId = chosen.id;
    else input.newPartner = { name: name.trim(), domain: domain.trim() };
    if (owner) input.ownerUserId = owner;
    propose.mutate(input, {
      onSuccess: (created) => {
        notifications.show({
          color: 'moss',
          title: 'Partnership proposed',
          message: created.partnerOffline
            ? `${created.partner.name} is not on Mycelium yet: it can answer once someone there claims its profile.`
            : `${created.partner.name} is told and can accept or decline.`,
        });
        onClose();
        void navigate({ to: '/partnerships/$partnershipId', params: { partnershipId: created.id } });
      },
    });
  };

  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        submit();
      }}
      noValidate
    >
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          A partnership needs both sides: once they accept, you can refer and register deals with each other,
          and each side names an alliance manager who owns it.
        </Text>
        {partner ? (
          <Group gap="sm" wrap="nowrap">
            <OrgAvatar name={partner.name} size={36} />
            <Text fw={500}>{partner.name}</Text>
          </Group>
        ) : (
          <>
            <SegmentedControl
              value={target}
              onChange={(v) => {
                setTarget(v as Target);
                propose.reset();
              }}
              data={[
                { value: 'directory', label: 'On Mycelium' },
                { value: 'new', label: 'Not on Mycelium yet' },
              ]}
              aria-label="Where the partner is"
              fullWidth
            />
            {target === 'directory' ? (
              <OrganizationPicker
                value={chosen}
                onChange={(org) => {
                  setChosen(org);
                  propose.reset();
                }}
                exclude={organization?.id}
                placeholder="Search the directory by name"
                withAsterisk
                error={errors.partnerId}
              />
            ) : (
              <SimpleGrid cols={{ base: 1, xs: 2 }}>
                <TextInput
                  label="Name"
                  placeholder="Fabrikam Integrators"
                  withAsterisk
                  maxLength={200}
                  value={name}
                  onChange={(e) => {
                    setName(e.currentTarget.value);
                    propose.reset();
                  }}
                  error={errors.name}
                  data-autofocus
                />
                <TextInput
                  label="Web domain"
                  placeholder="fabrikam.com"
                  withAsterisk
                  maxLength={253}
                  value={domain}
                  onChange={(e) => {
                    setDomain(e.currentTarget.value);
                    propose.reset();
                  }}
                  error={errors.domain}
                />
              </SimpleGrid>
            )}
            {target === 'new' && (
              <Text size="xs" c="dimmed" mt={-8}>
                It is added to the directory. Anyone with an email address at its domain can claim it and then
                answer your proposal.
              </Text>
            )}
          </>
        )}
        <Checkbox.Group
          label="How you work together"
          description={`${REFERRAL_TYPES.map((t) => PARTNERSHIP_TYPE_LABELS[t]).join(', ')} let you send referrals and register deals.`}
          withAsterisk
          value={types}
          onChange={(v) => setTypes(PARTNERSHIP_TYPES.filter((t) => v.includes(t)))}
          error={errors.types}
        >
          <SimpleGrid cols={{ base: 1, xs: 2 }} mt="xs" spacing="sm" verticalSpacing="sm">
            {PARTNERSHIP_TYPES.map((type) => (
              <Checkbox
                key={type}
                value={type}
                label={PARTNERSHIP_TYPE_LABELS[type]}
                description={TYPE_HINTS[type]}
              />
            ))}
          </SimpleGrid>
        </Checkbox.Group>
        <Textarea
          label="Message"
          description="Optional: why you want to work together"
          placeholder="We keep meeting your customers in the Nordics…"
          autosize
          minRows={3}
          maxRows={8}
          maxLength={2000}
          value={message}
          onChange={(e) => setMessage(e.currentTarget.value)}
          error={errors.message}
        />
        <OwnerSelect
          label="Your owning alliance manager"
          description="Gets the partner’s news and deals on your side"
          meId={me.user.id}
          value={owner}
          onChange={setOwner}
          error={errors.owner}
        />
        {existing && (
          <Alert color="yellow" variant="light" icon={<IconInfoCircle size={18} />} title="Already partners">
            <Text size="sm">
              {errorMessage(propose.error)}.{' '}
              <AnchorLink
                to="/partnerships/$partnershipId"
                params={{ partnershipId: existing }}
                size="sm"
                onClick={onClose}
              >
                Open it
              </AnchorLink>
            </Text>
          </Alert>
        )}
        {unplaced && <ErrorAlert error={propose.error} title="Could not propose the partnership" />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" loading={propose.isPending}>
            Send proposal
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
