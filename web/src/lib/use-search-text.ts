import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useEffectEvent, useRef, useState } from 'react';

/**
 * A search box kept in the URL: the box follows typing at once, the URL (through `commit`) once
 * typing pauses; when the URL changes otherwise (back, forward, a link), the box follows it.
 */
export function useSearchText(
  value: string | undefined,
  commit: (q: string | undefined) => void,
  wait = 250,
): [string, (text: string) => void] {
  const [text, setText] = useState(value ?? '');
  const [debounced] = useDebouncedValue(text, wait);
  // What the URL last held, as far as this box knows: told apart from changes made elsewhere.
  const committed = useRef(value);
  const onCommit = useEffectEvent(commit);
  useEffect(() => {
    const q = debounced.trim() || undefined;
    if (q === committed.current) return;
    committed.current = q;
    onCommit(q);
  }, [debounced]);
  useEffect(() => {
    if (value === committed.current) return;
    committed.current = value;
    setText(value ?? '');
  }, [value]);
  return [text, setText];
}
