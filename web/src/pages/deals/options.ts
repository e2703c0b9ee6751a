import type { MantineColor } from '@mantine/core';
import {
  CURRENCIES,
  type DealAttribution,
  type DealKind,
  type DealStatus,
} from '../../../../common/deals.ts';
import { COUNTRIES } from '../../../../common/taxonomy/index.ts';

/** Country choices of the deal forms (ISO 3166 codes, by name). */
export const COUNTRY_OPTIONS = COUNTRIES.map((c) => ({ value: c.key, label: c.label }));

/** Currency choices (ISO 4217 codes). */
export const CURRENCY_OPTIONS = [...CURRENCIES];

/** The colour of each state's badge and board column. */
export const STATUS_COLORS: Record<DealStatus, MantineColor> = {
  draft: 'gray',
  sent: 'blue',
  submitted: 'blue',
  open: 'blue',
  under_review: 'yellow',
  accepted: 'teal',
  approved: 'teal',
  qualified: 'cyan',
  proposal: 'indigo',
  won: 'moss',
  lost: 'gray',
  declined: 'red',
  rejected: 'red',
  withdrawn: 'gray',
  expired: 'orange',
};

/** Kinds as the page's selector names them (plural), and one of them (singular). */
export const KIND_LABELS: Record<DealKind, { many: string; one: string }> = {
  referral: { many: 'Referrals', one: 'Referral' },
  registration: { many: 'Registrations', one: 'Registration' },
  opportunity: { many: 'Pipeline', one: 'Opportunity' },
};

/** Final states a board hides while nothing is in them (they still show as drop targets). */
export const HIDEABLE_COLUMNS: readonly DealStatus[] = ['declined', 'withdrawn', 'rejected', 'expired'];

/** Attribution roles: what each partner did for the deal. */
export const ATTRIBUTIONS: Record<DealAttribution, { label: string; hint: string; color: MantineColor }> = {
  sourced: { label: 'Sourced', hint: 'Brought the customer', color: 'moss' },
  influenced: { label: 'Influenced', hint: 'Helped win it', color: 'blue' },
  delivering: { label: 'Delivering', hint: 'Delivers the work', color: 'grape' },
};

const COUNTRY_NAMES = new Map(COUNTRIES.map((c) => [c.key, c.label]));

/** A country's name from its code (the code itself if unknown). */
export const countryName = (code: string | null) => (code ? (COUNTRY_NAMES.get(code) ?? code) : null);
