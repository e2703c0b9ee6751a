import { Group, Text } from '@mantine/core';

/** The Mycelium mark: hyphae joining partners around a hub. */
export function LogoMark({ size = 28 }: { size?: number }) {
  return (
    <svg width={size} height={size} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
      <rect width="32" height="32" rx="8" fill="var(--mantine-color-moss-8)" />
      <g stroke="#fff" strokeWidth="2" strokeLinecap="round" fill="none">
        <path d="M16 17 9 10M16 17l7-6M16 17l-5 7M16 17l7 6" />
      </g>
      <g fill="#fff">
        <circle cx="16" cy="17" r="3.2" />
        <circle cx="9" cy="10" r="2.2" />
        <circle cx="23" cy="11" r="2.2" />
        <circle cx="11" cy="24" r="2" />
        <circle cx="23" cy="23" r="2" />
      </g>
    </svg>
  );
}

/** The brand: mark and name. */
export function Brand({ size = 'lg' }: { size?: 'md' | 'lg' | 'xl' }) {
  const mark = { md: 24, lg: 28, xl: 36 }[size];
  return (
    <Group gap={10} wrap="nowrap">
      <LogoMark size={mark} />
      <Text fw={700} fz={size} c="dark.8" style={{ letterSpacing: '-0.01em' }}>
        Mycelium
      </Text>
    </Group>
  );
}
