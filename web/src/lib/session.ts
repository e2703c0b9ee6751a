import { useSuspenseQuery } from '@tanstack/react-query';
import type { Role } from '../../../common/permissions.ts';
import { api, body } from './api.ts';
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

/**
 * After the session's active organization changed (switching, or the server's doing on joining or
 * creating one): every cached answer belonged to the old one, so all of it goes.
 */
export async function organizationChanged() {
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
  await queryClient.invalidateQueries({ queryKey: ['me'] });
}

/** Acts in another of the user's organizations. */
export async function switchOrganization(organizationId: string) {
  await api.POST('/api/v1/me/active-organization', { body: { organizationId } });
  await organizationChanged();
}

/** Changes the signed-in user's display name; every name shown anywhere may be theirs. */
export async function renameMe(name: string) {
  const user = await body(api.PATCH('/api/v1/me', { body: { name } }));
  queryClient.setQueryData(meQuery.queryKey, (me) => (me ? { ...me, user: { ...me.user, ...user } } : me));
  await queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'me' });
  return user;
}
