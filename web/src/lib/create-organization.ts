import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { api, body } from './api.ts';
import { fieldErrors } from './errors.ts';
import { organizationChanged } from './session.ts';

async function createOrganization(name: string) {
  // The server makes the new organization the session's active one.
  const org = await body(api.POST('/api/v1/organizations', { body: { name } }));
  await organizationChanged();
  return org;
}

type CreatedOrganization = Awaited<ReturnType<typeof createOrganization>>;

/** The name form and mutation that create an organization (user as owner, then active): `onCreated`, then home. */
export function useCreateOrganization(onCreated: (org: CreatedOrganization) => void) {
  const navigate = useNavigate();
  const form = useForm({
    initialValues: { name: '' },
    validate: { name: (v) => (v.trim().length < 2 ? 'At least 2 characters' : null) },
  });
  const create = useMutation({
    mutationFn: createOrganization,
    onSuccess: (org) => {
      onCreated(org);
      navigate({ to: '/' });
    },
    onError: (err) => form.setErrors(fieldErrors(err)),
  });
  const submit = form.onSubmit((v) => create.mutate(v.name.trim()));
  return { form, create, submit };
}
