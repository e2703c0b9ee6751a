import { Badge, Breadcrumbs, Button, Card, Group, Stack, Tabs, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconArchive,
  IconAward,
  IconChecklist,
  IconEye,
  IconForms,
  IconInfoCircle,
  IconReceipt,
  IconRocket,
} from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, useNavigate } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import { can } from '../../../../common/permissions.ts';
import { ConfirmModal } from '../../components/ConfirmModal.tsx';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { AnchorLink, ButtonLink } from '../../components/links.tsx';
import { api, body } from '../../lib/api.ts';
import { errorMessage } from '../../lib/errors.ts';
import {
  type BuilderTab,
  type Program,
  type ProgramPatch,
  programQuery,
  programsChanged,
} from '../../lib/programs.ts';
import { useSession } from '../../lib/session.ts';
import { BasicsFields } from './BasicsFields.tsx';
import { OnboardingEditor, QuestionsEditor } from './ListEditors.tsx';
import { ProgramStatusBadge } from './ProgramBadges.tsx';
import {
  anyPlaced,
  type BasicsValues,
  basicsErrors,
  basicsOf,
  basicsPayload,
  emptyProgram,
  type OnboardingValues,
  onboardingErrors,
  onboardingPayload,
  onboardingValues,
  type ProgramValues,
  programPayload,
  type QuestionValues,
  questionErrors,
  questionsPayload,
  questionValues,
  serverErrors,
} from './program-form.ts';
import { RulesEditor } from './RulesEditor.tsx';
import { TiersEditor } from './TiersEditor.tsx';

const editRoute = getRouteApi('/authed/app/programs/$programId/edit');

function Crumbs({ program }: { program?: Pick<Program, 'id' | 'name'> }) {
  return (
    <Breadcrumbs separatorMargin={6} fz="sm">
      <AnchorLink to="/programs" size="sm" c="dimmed">
        Programs
      </AnchorLink>
      {program && (
        <AnchorLink to="/programs/$programId" params={{ programId: program.id }} size="sm" c="dimmed">
          {program.name}
        </AnchorLink>
      )}
      <Text size="sm" c="dimmed" aria-current="page">
        {program ? 'Edit' : 'New'}
      </Text>
    </Breadcrumbs>
  );
}

function NotAllowed() {
  return (
    <Card padding="lg">
      <Text size="sm">Only owners, admins and CPOs create and edit programs.</Text>
    </Card>
  );
}

/** A section of the builder. */
function Section({
  title,
  description,
  children,
}: {
  title: string;
  description?: string;
  children: ReactNode;
}) {
  return (
    <Card padding="lg" component="section" aria-label={title}>
      <Title order={3} fz="md" mb={description ? 4 : 'md'}>
        {title}
      </Title>
      {description && (
        <Text size="sm" c="dimmed" mb="md">
          {description}
        </Text>
      )}
      {children}
    </Card>
  );
}

/** A new program: its own fields, application form and onboarding; tiers and rules come once it is saved. */
export function NewProgramPage() {
  const { role } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [values, setValues] = useState<ProgramValues>(emptyProgram);
  const [local, setLocal] = useState<ReturnType<typeof serverErrors> | null>(null);
  const create = useMutation({
    mutationFn: (v: ProgramValues) => body(api.POST('/api/v1/programs', { body: programPayload(v) })),
    onSuccess: (program) => {
      void programsChanged(queryClient);
      queryClient.setQueryData(programQuery(program.id).queryKey, program);
      notifications.show({
        color: 'moss',
        title: `${program.name} saved as a draft`,
        message: 'Now add its tiers and commission rules, then publish it.',
      });
      navigate({
        to: '/programs/$programId/edit',
        params: { programId: program.id },
        search: { tab: 'tiers' },
      });
    },
  });
  if (!can(role, 'programs.manage'))
    return (
      <Stack gap="lg">
        <Crumbs />
        <NotAllowed />
      </Stack>
    );
  const server = serverErrors(create.error);
  const errors = local ?? server;
  const submit = () => {
    const found = {
      basics: basicsErrors(values),
      questions: questionErrors(values.questions),
      onboarding: onboardingErrors(values.onboarding),
    };
    if (anyPlaced(found)) {
      setLocal(found);
      return;
    }
    setLocal(null);
    create.mutate(values);
  };
  const change = (patch: Partial<ProgramValues>) => {
    setValues((v) => ({ ...v, ...patch }));
    setLocal(null);
  };
  return (
    <Stack gap="lg">
      <Crumbs />
      <Stack gap={4}>
        <Title order={2} fz={26}>
          New program
        </Title>
        <Text c="dimmed" size="sm" maw={680}>
          Start with what the program is and how partners apply. It is saved as a draft that only your
          organization sees; tiers and commission rules come next, and you publish it when it is ready.
        </Text>
      </Stack>
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
        style={{ maxWidth: 900 }}
      >
        <Stack gap="lg">
          <Section title="Basics">
            <BasicsFields values={values} onChange={change} errors={errors.basics} />
          </Section>
          <Section
            title="Application form"
            description="Questions partners answer when they apply; your alliance managers see the answers in the applications queue."
          >
            <QuestionsEditor
              items={values.questions}
              onChange={(questions) => change({ questions })}
              errors={errors.questions}
            />
          </Section>
          <Section
            title="Onboarding checklist"
            description="Copied into every approved enrollment, with due dates counted from the approval. Both sides see its progress."
          >
            <OnboardingEditor
              items={values.onboarding}
              onChange={(onboarding) => change({ onboarding })}
              errors={errors.onboarding}
            />
          </Section>
          {create.error && !anyPlaced(server) && (
            <ErrorAlert error={create.error} title="Could not create the program" />
          )}
          {local && (
            <Text size="sm" c="red" role="alert">
              Some fields need attention: see the messages above.
            </Text>
          )}
          <Group justify="flex-end" gap="sm">
            <Button variant="subtle" color="gray" onClick={() => navigate({ to: '/programs' })}>
              Cancel
            </Button>
            <Button type="submit" loading={create.isPending}>
              Create draft
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}

/** A program's builder: its fields, tier ladder, commission rules, application form, onboarding; publish and archive. */
export function EditProgramPage() {
  const { programId } = editRoute.useParams();
  const search = editRoute.useSearch();
  const navigate = editRoute.useNavigate();
  const { role } = useSession();
  const program = useQuery(programQuery(programId));
  if (!can(role, 'programs.manage') || (program.data && !program.data.mine))
    return (
      <Stack gap="lg">
        <Crumbs program={program.data} />
        <NotAllowed />
      </Stack>
    );
  if (program.isPending) return null;
  if (program.isError) return <ErrorAlert error={program.error} onRetry={() => program.refetch()} />;
  const p = program.data;
  const tab = search.tab ?? 'basics';
  return (
    <Stack gap="lg">
      <Crumbs program={p} />
      <BuilderHeader program={p} />
      <Tabs
        value={tab}
        onChange={(v) =>
          navigate({
            search: { tab: v === 'basics' ? undefined : (v as Exclude<BuilderTab, 'basics'>) },
            replace: true,
          })
        }
      >
        <Tabs.List mb="md">
          <Tabs.Tab value="basics" leftSection={<IconInfoCircle size={16} />}>
            Basics
          </Tabs.Tab>
          <Tabs.Tab
            value="tiers"
            leftSection={<IconAward size={16} />}
            rightSection={<CountBadge count={p.tiers.length} />}
          >
            Tiers
          </Tabs.Tab>
          <Tabs.Tab
            value="rules"
            leftSection={<IconReceipt size={16} />}
            rightSection={<CountBadge count={p.rules.length} />}
          >
            Commission rules
          </Tabs.Tab>
          <Tabs.Tab
            value="questions"
            leftSection={<IconForms size={16} />}
            rightSection={<CountBadge count={p.questions.length} />}
          >
            Application form
          </Tabs.Tab>
          <Tabs.Tab
            value="onboarding"
            leftSection={<IconChecklist size={16} />}
            rightSection={<CountBadge count={p.onboarding.length} />}
          >
            Onboarding
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="basics">
          <BasicsTab program={p} />
        </Tabs.Panel>
        <Tabs.Panel value="tiers">
          <Card padding="lg">
            {/* Remounts with the saved ladder after a save elsewhere changed it. */}
            <TiersEditor key={p.updatedAt} program={p} />
          </Card>
        </Tabs.Panel>
        <Tabs.Panel value="rules">
          <Card padding="lg">
            <RulesEditor program={p} />
          </Card>
        </Tabs.Panel>
        <Tabs.Panel value="questions">
          <ListTab
            program={p}
            initial={questionValues(p.questions)}
            validate={questionErrors}
            payload={(qs: QuestionValues[]) => ({ questions: questionsPayload(qs) })}
            errorsOf={(e) => e.questions}
            saved="Application form saved."
            description="Questions partners answer when they apply. Changing them does not change answers already given."
            render={(items, onChange, errors) => (
              <QuestionsEditor items={items} onChange={onChange} errors={errors} />
            )}
          />
        </Tabs.Panel>
        <Tabs.Panel value="onboarding">
          <ListTab
            program={p}
            initial={onboardingValues(p.onboarding)}
            validate={onboardingErrors}
            payload={(items: OnboardingValues[]) => ({ onboarding: onboardingPayload(items) })}
            errorsOf={(e) => e.onboarding}
            saved="Onboarding checklist saved. New enrollments get it; existing ones keep theirs."
            description="Copied into every enrollment you approve from now on, with due dates counted from the approval."
            render={(items, onChange, errors) => (
              <OnboardingEditor items={items} onChange={onChange} errors={errors} />
            )}
          />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}

function CountBadge({ count }: { count: number }) {
  return (
    <Badge size="xs" variant="light" color={count ? 'moss' : 'gray'} circle>
      {count}
    </Badge>
  );
}

/** Saves a change to the program and tells everyone who shows it. */
function useUpdateProgram(p: Program) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: ProgramPatch) =>
      body(api.PATCH('/api/v1/programs/{id}', { params: { path: { id: p.id } }, body: patch })),
    onSuccess: (updated) => {
      queryClient.setQueryData(programQuery(p.id).queryKey, updated);
      void programsChanged(queryClient);
    },
  });
}

function BuilderHeader({ program: p }: { program: Program }) {
  const update = useUpdateProgram(p);
  const [archiving, setArchiving] = useState(false);
  const publish = () =>
    update.mutate(
      { status: 'published' },
      {
        onSuccess: () =>
          notifications.show({
            color: 'moss',
            title: `${p.name} is published`,
            message: 'Partners can find it under “Programs you can join” and apply.',
          }),
        onError: (err) =>
          notifications.show({ color: 'red', title: 'Could not publish', message: errorMessage(err) }),
      },
    );
  return (
    <Card padding="lg">
      <Group justify="space-between" align="flex-start" gap="md">
        <Stack gap={6}>
          <Group gap="sm">
            <Title order={2} fz={26}>
              {p.name}
            </Title>
            <ProgramStatusBadge status={p.status} size="md" />
          </Group>
          <Text size="sm" c="dimmed">
            {p.status === 'draft'
              ? p.tiers.length === 0
                ? 'A draft only your organization sees. Add tiers and commission rules, then publish it.'
                : 'A draft only your organization sees. Publish it when it is ready for applications.'
              : p.status === 'published'
                ? 'Published: partners can find it and apply. Changes apply at once.'
                : 'Archived: it takes no new applications. Enrolled partners stay until you end their enrollment.'}
          </Text>
        </Stack>
        <Group gap="sm">
          <ButtonLink
            to="/programs/$programId"
            params={{ programId: p.id }}
            variant="default"
            leftSection={<IconEye size={16} />}
          >
            View page
          </ButtonLink>
          {p.status === 'published' ? (
            <Button
              variant="default"
              color="orange"
              leftSection={<IconArchive size={16} />}
              onClick={() => setArchiving(true)}
            >
              Archive
            </Button>
          ) : (
            <Button leftSection={<IconRocket size={16} />} loading={update.isPending} onClick={publish}>
              {p.status === 'archived' ? 'Publish again' : 'Publish'}
            </Button>
          )}
        </Group>
      </Group>
      <ConfirmModal
        opened={archiving}
        onClose={() => setArchiving(false)}
        title={`Archive ${p.name}?`}
        confirmLabel="Archive program"
        confirmColor="orange"
        onConfirm={() => update.mutateAsync({ status: 'archived' })}
        onDone={() => notifications.show({ color: 'moss', message: `${p.name} is archived.` })}
      >
        It takes no new applications and no longer shows to partners looking for programs. Partners already
        enrolled keep their tier and commissions. You can publish it again later.
      </ConfirmModal>
    </Card>
  );
}

function BasicsTab({ program: p }: { program: Program }) {
  const update = useUpdateProgram(p);
  const [values, setValues] = useState<BasicsValues>(() => basicsOf(p));
  const [local, setLocal] = useState<Record<string, string> | null>(null);
  const server = serverErrors(update.error);
  const errors = local ?? server.basics;
  return (
    <Card padding="lg">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const found = basicsErrors(values);
          if (Object.keys(found).length) return setLocal(found);
          setLocal(null);
          const payload = basicsPayload(values);
          update.mutate(
            // Unchanged currency is left out: it cannot be sent once the program is in use.
            payload.currency === p.currency ? { ...payload, currency: undefined } : payload,
            { onSuccess: () => notifications.show({ color: 'moss', message: 'Program saved.' }) },
          );
        }}
      >
        <Stack gap="md" maw={900}>
          <BasicsFields
            values={values}
            onChange={(patch) => {
              setValues((v) => ({ ...v, ...patch }));
              setLocal(null);
            }}
            errors={errors}
            currencyLocked={p.tiers.length > 0}
          />
          {update.error && !anyPlaced(server) && <ErrorAlert error={update.error} title="Could not save" />}
          <Group justify="flex-end">
            <Button
              variant="subtle"
              color="gray"
              onClick={() => {
                setValues(basicsOf(p));
                setLocal(null);
                update.reset();
              }}
            >
              Undo changes
            </Button>
            <Button type="submit" loading={update.isPending}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}

function ListTab<T>({
  program: p,
  initial,
  validate,
  payload,
  errorsOf,
  saved,
  description,
  render,
}: {
  program: Program;
  initial: T[];
  validate: (items: T[]) => Record<string, string>;
  payload: (items: T[]) => ProgramPatch;
  errorsOf: (e: ReturnType<typeof serverErrors>) => Record<string, string>;
  saved: string;
  description: string;
  render: (items: T[], onChange: (items: T[]) => void, errors: Record<string, string>) => ReactNode;
}) {
  const update = useUpdateProgram(p);
  const [items, setItems] = useState<T[]>(initial);
  const [local, setLocal] = useState<Record<string, string> | null>(null);
  const server = serverErrors(update.error);
  return (
    <Card padding="lg">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          const found = validate(items);
          if (Object.keys(found).length) return setLocal(found);
          setLocal(null);
          update.mutate(payload(items), {
            onSuccess: () => notifications.show({ color: 'moss', message: saved }),
          });
        }}
      >
        <Stack gap="md" maw={900}>
          <Text size="sm" c="dimmed">
            {description}
          </Text>
          {render(
            items,
            (next) => {
              setItems(next);
              setLocal(null);
            },
            local ?? errorsOf(server),
          )}
          {update.error && Object.keys(errorsOf(server)).length === 0 && (
            <ErrorAlert error={update.error} title="Could not save" />
          )}
          <Group justify="flex-end">
            <Button type="submit" loading={update.isPending}>
              Save
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
