import { Card, Group, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

/** A list's frame: a card with an optional count under it. */
export function ListCard({ children, footer }: { children: ReactNode; footer?: ReactNode }) {
  return (
    <Card padding={0}>
      {children}
      {footer && (
        <Text size="xs" c="dimmed" ta="center" py="sm">
          {footer}
        </Text>
      )}
    </Card>
  );
}

/** A titled card section of a page, with actions on the right of its title. */
export function SectionCard({
  title,
  description,
  actions,
  children,
  padding = 'lg',
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  padding?: 'lg' | 0;
}) {
  return (
    <Card padding={padding} component="section" aria-label={title}>
      <Group
        justify="space-between"
        align="flex-start"
        mb="md"
        gap="sm"
        px={padding === 0 ? 'lg' : undefined}
        pt={padding === 0 ? 'lg' : undefined}
      >
        <div style={{ minWidth: 0, flex: '1 1 240px' }}>
          <Title order={3} fz="md">
            {title}
          </Title>
          {description && (
            <Text size="sm" c="dimmed" mt={2}>
              {description}
            </Text>
          )}
        </div>
        {actions && <Group gap="sm">{actions}</Group>}
      </Group>
      {children}
    </Card>
  );
}
