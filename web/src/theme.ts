import { createTheme, type MantineColorsTuple } from '@mantine/core';

// A moss green: the colour of the network under the forest floor.
const moss: MantineColorsTuple = [
  '#e8f7f0',
  '#d6ede2',
  '#aed9c4',
  '#83c4a4',
  '#5fb28a',
  '#48a779',
  '#3aa16f',
  '#2a8c5d',
  '#1f7d51',
  '#0b6c43',
];

/** The Mantine theme: brand colour, system fonts (no web fonts: the CSP and offline installs). */
export const theme = createTheme({
  primaryColor: 'moss',
  primaryShade: 7,
  colors: { moss },
  defaultRadius: 'md',
  fontFamily:
    'Inter, ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  fontFamilyMonospace: 'ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace',
  headings: { fontWeight: '650' },
  cursorType: 'pointer',
  components: {
    Button: { defaultProps: { radius: 'md' } },
    Paper: { defaultProps: { radius: 'lg' } },
    Card: { defaultProps: { radius: 'lg', withBorder: true } },
    Modal: {
      defaultProps: { radius: 'lg', centered: true, overlayProps: { backgroundOpacity: 0.45, blur: 2 } },
    },
    Badge: {
      defaultProps: { radius: 'sm' },
      styles: { root: { textTransform: 'none', letterSpacing: 0, flexShrink: 0, minWidth: 'max-content' } },
    },
  },
});
