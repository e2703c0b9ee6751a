import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError } from './api.ts';

let onSignedOut: () => void = () => {};

/** Sets what happens when an in-app request finds the session gone (the router sends to sign-in). */
export function handleSignedOut(handler: () => void) {
  onSignedOut = handler;
}

const isSignedOut = (err: unknown) => err instanceof ApiError && err.status === 401;

/** The app's query cache: no retries on 4xx, and an expired session leads to the sign-in page. */
export const queryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (err, query) => {
      if (isSignedOut(err) && !query.meta?.allowSignedOut) onSignedOut();
    },
  }),
  mutationCache: new MutationCache({
    onError: (err) => {
      if (isSignedOut(err)) onSignedOut();
    },
  }),
  defaultOptions: {
    queries: {
      staleTime: 15_000,
      retry: (count, err) => (err instanceof ApiError ? err.status >= 500 && count < 2 : count < 2),
    },
    mutations: {
      // A CSRF token can go stale (the client then drops it); one retry fetches a fresh one.
      retry: (count, err) => err instanceof ApiError && err.code === 'csrf_invalid' && count < 1,
    },
  },
});
