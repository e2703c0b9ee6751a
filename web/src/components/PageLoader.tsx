import { Center, Loader } from '@mantine/core';

/** Loading dots centred in a page-tall area. */
export function PageLoader({ h = '100vh' }: { h?: string }) {
  return (
    <Center h={h}>
      <Loader type="dots" aria-label="Loading" />
    </Center>
  );
}
