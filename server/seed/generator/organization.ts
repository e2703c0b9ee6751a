/** One generated organization: identity, profile, activity; every choice from its own random stream. */
import type { ProfileFields } from '../../modules/directory/index.ts';
import { DAY, drawActivity, type GeneratedActivity, HISTORY_DAYS } from './activity.ts';
import {
  drawCertifications,
  drawFoundedYear,
  drawIndustries,
  drawPractices,
  drawRoles,
  drawSize,
  drawStacks,
  drawTechnologies,
  type RoleKey,
  type SizeKey,
  type StackKey,
  sizeIndex,
} from './facets.ts';
import { claimDomain, claimSlug, drawName, type NameFakers, type UniqueNames } from './names.ts';
import { drawHq, drawTld, hqWeight, languagesOf, neighboursOf, WORLD } from './places.ts';
import { drawDistinct, type Rng, uuidv7At } from './random.ts';
import { describe, drawServices } from './text.ts';

/** A generated organization with everything the loader writes for it. */
export interface GeneratedOrganization {
  id: string;
  name: string;
  slug: string;
  createdAt: Date;
  /** The profile fields, as `profileRow` takes them. */
  profile: ProfileFields;
  /** Time of the latest activity (what the activity trigger would set), null when none. */
  lastActiveAt: Date | null;
  activities: GeneratedActivity[];
}

/** Choices fixed in advance for the anchor organizations (vendors, the association, …). */
export interface OrgSpec {
  name?: string;
  roles?: RoleKey[];
  hq?: string;
  size?: SizeKey;
  stacks?: StackKey[];
  technologies?: string[];
  /** A description written by hand (the association, the community). */
  description?: string;
  /** For vendors: what they make ("endpoint and identity security"), which their description says. */
  what?: string;
}

/** What one generation run shares across organizations. */
export interface RunState {
  seed: number;
  nowMs: number;
  rng: Rng;
  fakers: NameFakers;
  slugs: UniqueNames;
  domains: UniqueNames;
}

const MAJOR = 0.1;

/** Up to k more countries by channel weight; companies in big markets skip islands and micro-states. */
function pick(
  rng: Rng,
  list: readonly string[],
  k: number,
  exclude: Set<string>,
  majorOnly: boolean,
): string[] {
  if (k <= 0) return [];
  const open = list.filter((c) => !exclude.has(c) && (!majorOnly || hqWeight(c) >= MAJOR));
  return drawDistinct(
    rng,
    open.map((c) => [c, hqWeight(c)] as const),
    k,
  );
}

/** Countries served: the head office, then neighbours; bigger companies reach further. */
function drawCountries(rng: Rng, hq: string, band: SizeKey): string[] {
  const s = sizeIndex(band);
  const { cluster, subRegion, region } = neighboursOf(hq);
  const out = new Set([hq]);
  const majorOnly = hqWeight(hq) >= MAJOR;
  const pMate = [0.12, 0.3, 0.55, 0.8, 0.9, 0.95, 1][s]!;
  for (const c of cluster) if (rng.chance(pMate * (hqWeight(c) >= 0.5 ? 1 : 0.5))) out.add(c);
  const nSub =
    s < 2 ? 0 : s === 2 ? rng.int(0, 2) : s === 3 ? rng.int(1, 4) : s === 4 ? rng.int(2, 6) : rng.int(3, 8);
  for (const c of pick(rng, subRegion, nSub, out, majorOnly)) out.add(c);
  const nRegion =
    s < 3 ? 0 : s === 3 ? rng.int(0, 2) : s === 4 ? rng.int(2, 6) : s === 5 ? rng.int(4, 12) : rng.int(8, 20);
  for (const c of pick(rng, region, nRegion, out, majorOnly)) out.add(c);
  if (s >= 5) {
    const world = WORLD.map(([k]) => k);
    for (const c of pick(rng, world, s === 5 ? rng.int(2, 8) : rng.int(10, 30), out, true)) out.add(c);
  }
  return [...out];
}

/** Languages: the main ones of the head office, the first of each other country served, often English. */
function drawLanguages(rng: Rng, countries: readonly string[], band: SizeKey): string[] {
  const out = new Set<string>(languagesOf(countries[0]!));
  for (const c of countries.slice(1, 10)) out.add(languagesOf(c)[0]!);
  if (!out.has('en') && rng.chance(0.55 + 0.07 * sizeIndex(band))) out.add('en');
  return [...out].slice(0, 10);
}

/** Generates organization `index` of the run (its random stream is `(seed, index)`). */
export function generateOrganization(
  run: RunState,
  index: number,
  spec: OrgSpec = {},
): GeneratedOrganization {
  const { rng } = run;
  rng.reseed(run.seed, index);
  const roles = spec.roles ?? drawRoles(rng);
  const primary = roles[0]!;
  const hq = spec.hq ?? drawHq(rng);
  const sizeBand = spec.size ?? drawSize(rng, primary);
  const countries = drawCountries(rng, hq, sizeBand);
  const languages = drawLanguages(rng, countries, sizeBand);
  const stacks = spec.stacks ?? drawStacks(rng, roles, hq, sizeBand);
  const technologies = spec.technologies ?? drawTechnologies(rng, stacks);
  const practices = drawPractices(rng, stacks, roles, hq);
  const certifications = drawCertifications(rng, { technologies, practices, roles, hq }, sizeBand);
  const industries = drawIndustries(rng);
  const foundedYear = drawFoundedYear(rng, sizeBand, primary, new Date(run.nowMs).getUTCFullYear() - 2);
  const name = spec.name ?? drawName(rng, run.fakers, roles, hq);
  const slug = claimSlug(run.slugs, name, hq);
  const domain = claimDomain(rng, run.domains, name, hq, drawTld(rng, hq, countries.length > 12));
  const description =
    spec.description ??
    describe(rng, {
      what: spec.what,
      name,
      roles,
      hqCountry: hq,
      countries,
      industries,
      technologies,
      practices,
      certifications,
      foundedYear,
    });
  const services = drawServices(rng, { roles, practices, technologies });
  const listed = spec.name !== undefined || rng.chance(0.97);

  // The directory was imported in one go a month before the history starts, 10 ms per row: ids
  // (UUIDv7, like the app's) then ascend in load order, so every index on them appends at its end.
  const historyStart = run.nowMs - HISTORY_DAYS * DAY;
  const createdMs = historyStart - 30 * DAY + index * 10;
  const id = uuidv7At(createdMs, rng);
  const { activities, lastActiveAt } = drawActivity(
    rng,
    { id, roles, sizeBand, hqCountry: hq, certifications },
    historyStart,
    run.nowMs,
  );
  return {
    id,
    name,
    slug,
    createdAt: new Date(createdMs),
    profile: {
      domain,
      description,
      logoUrl: null,
      hqCountry: hq,
      countries,
      languages,
      sizeBand,
      foundedYear,
      roles,
      industries,
      technologies,
      practices,
      certifications,
      services,
      listed,
    },
    lastActiveAt,
    activities,
  };
}
