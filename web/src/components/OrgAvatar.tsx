import { Avatar, type AvatarProps } from '@mantine/core';
import { initials } from '../lib/format.ts';

/** An organization's logo, or its initials where it has none (or the image fails to load). */
export function OrgAvatar({
  name,
  logoUrl,
  size = 48,
  ...props
}: { name: string; logoUrl?: string | null; size?: number } & Omit<AvatarProps, 'src' | 'name' | 'size'>) {
  return (
    <Avatar
      src={logoUrl || null}
      alt=""
      size={size}
      radius="md"
      color="initials"
      name={name}
      imageProps={{ referrerPolicy: 'no-referrer', loading: 'lazy' }}
      {...props}
    >
      {initials(name)}
    </Avatar>
  );
}
