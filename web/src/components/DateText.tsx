import { Text, type TextProps } from '@mantine/core';
import { formatDate, formatDateTime, formatRelative } from '../lib/format.ts';

/** A dimmed date ("3 days ago" or "12 Mar 2026") with the exact time on hover; the fallback if none. */
export function DateText({
  value,
  format,
  fallback,
  style,
}: {
  value: string | null | undefined;
  format: 'relative' | 'date';
  fallback?: string;
  style?: TextProps['style'];
}) {
  return (
    <Text size="sm" c="dimmed" title={value ? formatDateTime(value) : undefined} style={style}>
      {value ? (format === 'relative' ? formatRelative(value) : formatDate(value)) : fallback}
    </Text>
  );
}
