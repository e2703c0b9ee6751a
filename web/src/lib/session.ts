import { useSuspenseQuery } from '@tanstack/react-query';
import type { Role } from '../../../common/permissions.ts';
import { api } from './api.ts';
import { meQuery } from './queries.ts';
import { queryClient } from './query-client.ts';
import type { Me, MyOrganization } from './types.ts';

/** The signed-in user, their active organization and their role in it (inside signed-in routes). */
export function useSession(): { me: Me; organization: MyOrganization | undefined; role: Role } {
  const { data: me } = useSuspenseQuery(meQuery);
  const organization =
    me.organizations.find((o) => o.id === me.activeOrganizationId) ?? me.organizations[0] ?? undefined;
  return { me, organization, role: organization?.role ?? 'member' };
}

/** Acts in another organization: every cached answer belonged to the old one, so all of it goes. */
export async function switchOrganization(organizationId: string) {
  await api.POST('/api/v1/me/active-organization', { body: { organizationId } });
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
  await queryClient.invalidateQueries({ queryKey: ['me'] });
}
