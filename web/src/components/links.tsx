import { Anchor, type AnchorProps, Button, type ButtonProps } from '@mantine/core';
import { createLink, type LinkComponent } from '@tanstack/react-router';
import type { AnchorHTMLAttributes, Ref } from 'react';

type ButtonAnchorProps = ButtonProps &
  Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'color' | 'style'> & { ref?: Ref<HTMLAnchorElement> };
type AnchorAnchorProps = AnchorProps &
  Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'color' | 'style'> & { ref?: Ref<HTMLAnchorElement> };

const MantineButtonAnchor = (props: ButtonAnchorProps) => <Button component="a" {...props} />;
const MantineAnchor = (props: AnchorAnchorProps) => <Anchor {...props} />;

const CreatedButtonLink = createLink(MantineButtonAnchor);
const CreatedAnchorLink = createLink(MantineAnchor);

/** A Mantine button that navigates within the app (typed routes, preloading). */
export const ButtonLink: LinkComponent<typeof MantineButtonAnchor> = (props) => (
  <CreatedButtonLink preload="intent" {...props} />
);

/** A Mantine anchor that navigates within the app. */
export const AnchorLink: LinkComponent<typeof MantineAnchor> = (props) => (
  <CreatedAnchorLink preload="intent" {...props} />
);
