/**
 * Activity history of a generated organization over the 18 months before `now`: about half are
 * active in the last 90 days (bigger ones more often and busier), some went quiet 4–18 months
 * ago, some never did anything.
 */
import type { RoleKey, SizeKey } from './facets.ts';
import { sizeIndex } from './facets.ts';
import { currencyOf } from './places.ts';
import { type Rng, uuidv7At, Weighted } from './random.ts';

/** The kinds the generator writes (a subset of the activity module's kinds). */
export type GeneratedKind =
  | 'deal.registered'
  | 'deal.won'
  | 'referral.sent'
  | 'event.attended'
  | 'certification.earned'
  | 'content.published'
  | 'profile.updated';

/** One generated activity. */
export interface GeneratedActivity {
  id: string;
  organizationId: string;
  kind: GeneratedKind;
  occurredAt: Date;
  data: Record<string, unknown> | null;
}

/** Days. */
export const DAY = 86_400_000;
/** How far back the history goes (18 months). */
export const HISTORY_DAYS = 540;

const kinds = (entries: [GeneratedKind, number][]) => new Weighted(entries);
const SELLER = kinds([
  ['deal.registered', 3],
  ['deal.won', 1.5],
  ['certification.earned', 0.8],
  ['event.attended', 1.2],
  ['profile.updated', 0.8],
  ['content.published', 0.3],
  ['referral.sent', 0.5],
]);
const CONNECTOR = kinds([
  ['referral.sent', 4],
  ['event.attended', 1.5],
  ['profile.updated', 0.8],
  ['content.published', 0.6],
  ['deal.registered', 0.5],
]);
const PUBLISHER = kinds([
  ['content.published', 3],
  ['event.attended', 3],
  ['profile.updated', 0.8],
]);
const MAKER = kinds([
  ['content.published', 2],
  ['event.attended', 2],
  ['profile.updated', 1],
  ['certification.earned', 0.2],
]);
const TRAINER = kinds([
  ['content.published', 1.5],
  ['event.attended', 2],
  ['certification.earned', 2],
  ['profile.updated', 0.8],
]);
const KINDS_BY_ROLE: Record<RoleKey, Weighted<GeneratedKind>> = {
  reseller: SELLER,
  msp: SELLER,
  'systems-integrator': SELLER,
  distributor: SELLER,
  'referral-partner': CONNECTOR,
  ambassador: CONNECTOR,
  'advisory-firm': CONNECTOR,
  media: PUBLISHER,
  community: PUBLISHER,
  association: PUBLISHER,
  vendor: MAKER,
  isv: MAKER,
  'training-company': TRAINER,
};

const EVENTS = [
  'Channel Partners Conference',
  'Microsoft Ignite',
  'AWS re:Invent',
  'Google Cloud Next',
  'Nordic Partner Summit',
  'IT Nation Connect',
  'Canalys Forum',
  'Partner Association meetup',
  'Women in Channel breakfast',
  'Security roundtable',
];
const PROFILE_FIELDS = ['description', 'services', 'technologies', 'practices', 'certifications'];

/** What the history depends on. */
export interface ActivityOwner {
  id: string;
  roles: readonly string[];
  sizeBand: SizeKey;
  hqCountry: string;
  certifications: readonly string[];
}

/**
 * The organization's activities, oldest first, between `fromMs` and `nowMs`, and the time of its
 * latest (null when it never had any).
 */
export function drawActivity(
  rng: Rng,
  org: ActivityOwner,
  fromMs: number,
  nowMs: number,
): { activities: GeneratedActivity[]; lastActiveAt: Date | null } {
  const s = sizeIndex(org.sizeBand);
  const u = rng.next();
  const pActive = 0.5 + 0.06 * s;
  const pNever = Math.max(0.05, 0.2 - 0.03 * s);
  if (u >= 1 - pNever) return { activities: [], lastActiveAt: null };
  const active = u < pActive;
  let last: number;
  let count: number;
  if (active) {
    last = nowMs - rng.next() * 90 * DAY;
    count = 1 + rng.poisson(1.5 + 0.9 * s);
  } else {
    last = nowMs - (120 + rng.next() * (HISTORY_DAYS - 120)) * DAY;
    count = 1 + rng.poisson(0.8);
  }
  last = Math.max(last, fromMs);
  const times = [last];
  for (let i = 1; i < count; i++) times.push(fromMs + rng.next() * (last - fromMs));
  times.sort((a, b) => a - b);
  const kindsOf = KINDS_BY_ROLE[org.roles[0] as RoleKey] ?? SELLER;
  const activities = times.map((t): GeneratedActivity => {
    const ms = Math.floor(t);
    const kind = kindsOf.draw(rng);
    return {
      id: uuidv7At(ms, rng),
      organizationId: org.id,
      kind,
      occurredAt: new Date(ms),
      data: dataOf(rng, kind, org),
    };
  });
  return { activities, lastActiveAt: activities.at(-1)!.occurredAt };
}

function dataOf(rng: Rng, kind: GeneratedKind, org: ActivityOwner): Record<string, unknown> | null {
  switch (kind) {
    case 'deal.registered':
    case 'deal.won':
      // Money in minor units with its currency (CODE_STYLE); log-uniform 1k–500k.
      return {
        amountMinor: Math.round(10 ** (3 + rng.next() * 2.7)) * 100,
        currency: currencyOf(org.hqCountry),
      };
    case 'certification.earned':
      return org.certifications.length > 0 ? { certification: rng.pick(org.certifications) } : null;
    case 'event.attended':
      return { event: rng.pick(EVENTS) };
    case 'profile.updated':
      return { fields: [rng.pick(PROFILE_FIELDS)] };
    default:
      return null;
  }
}
