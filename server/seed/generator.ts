/**
 * A deterministic generator of a realistic partner directory: organizations with profiles,
 * activity histories, sub-ecosystems and their explicit memberships. Same options → byte-identical
 * output; organization N depends only on the seed, N and `now` (plus the names already taken), so
 * a bigger run starts with the same organizations as a smaller one.
 *
 * Output streams in chunks, so 500,000 organizations never sit in memory together: only the slugs
 * and domains handed out so far are kept (to keep them unique). `server/seed/bulk-load.ts` writes
 * the chunks to the database with COPY.
 *
 * What it looks like (generator/*.ts): head offices weighted like the IT channel (US ~30%, UK,
 * Germany, France, the Nordics, …, a long tail); mostly resellers, MSPs, integrators and referral
 * partners, few distributors and vendors; small companies; countries served, languages,
 * technology stacks, practices and certifications correlated with each other, the role and the
 * country; 18 months of activity (about 55% active in the last 90 days). The first eleven
 * organizations are anchors: eight vendors with "<Vendor> Partner Network" programs, the Partner
 * Association (chapters), Women in Channel (Nordics chapter) and an advisory firm with an
 * invite-only circle; network-wide ecosystems with facet filters come on top (more for bigger runs).
 *
 * ```ts
 * const directory = generateDirectory({ orgs: 2000, seed: 42, now: new Date() });
 * for (const chunk of directory.chunks()) {
 *   chunk.organizations;  // GeneratedOrganization[]: id, name, slug, createdAt, profile, activities
 *   chunk.ecosystems;     // ecosystems whose owner and hub are in this or an earlier chunk
 *   chunk.memberships;    // explicit memberships of this chunk's organizations
 * }
 * ```
 */
import {
  ANCHOR_COUNT,
  anchorSpecs,
  type EcosystemPlan,
  type GeneratedEcosystem,
  type GeneratedMembership,
  membershipsOf,
  planEcosystems,
} from './generator/ecosystems.ts';
import { NameFakers, UniqueNames } from './generator/names.ts';
import { type GeneratedOrganization, generateOrganization, type RunState } from './generator/organization.ts';
import { hashText, Rng } from './generator/random.ts';

export type { GeneratedActivity, GeneratedKind } from './generator/activity.ts';
export type { GeneratedEcosystem, GeneratedMembership, GeneratedOrganization };

/** What to generate. */
export interface GenerateOptions {
  /** How many organizations. */
  orgs: number;
  /** Any integer; the same seed gives the same directory. */
  seed: number;
  /** The end of the activity history (18 months up to here) and of membership dates. */
  now: Date;
  /** Organizations per chunk (default 5,000; at least 100). */
  chunkSize?: number;
  /**
   * Names already taken in the database, avoided by numeric suffixes. When organizations exist,
   * their number also varies the seed, so a second load never repeats the first one's ids.
   */
  reserved?: {
    slugs?: Iterable<string>;
    domains?: Iterable<string>;
    ecosystemSlugs?: Iterable<string>;
  };
}

/** A slice of the directory, in load order: organizations, then ecosystems, then memberships. */
export interface GeneratedChunk {
  /** Position of the first organization of the chunk in the run. */
  offset: number;
  organizations: GeneratedOrganization[];
  /** Ecosystems first emitted with this chunk (their owner and hub organizations are in it or earlier). */
  ecosystems: GeneratedEcosystem[];
  /** Explicit memberships of this chunk's organizations, in ecosystems of this or earlier chunks. */
  memberships: GeneratedMembership[];
}

/** A generated directory: iterate `chunks()` (each call starts over and yields the same chunks). */
export interface GeneratedDirectory {
  /** The number of organizations the chunks hold in total. */
  readonly orgs: number;
  chunks(): Generator<GeneratedChunk, void, undefined>;
}

/** A directory of `orgs` organizations with ecosystems and memberships, streamed in chunks. */
export function generateDirectory(options: GenerateOptions): GeneratedDirectory {
  const orgs = Math.max(0, Math.floor(options.orgs));
  const chunkSize = Math.max(100, Math.floor(options.chunkSize ?? 5000));
  const seed = Math.floor(options.seed) | 0;
  const nowMs = options.now.getTime();
  return {
    orgs,
    *chunks() {
      const rng = new Rng();
      const slugs = new UniqueNames(options.reserved?.slugs);
      // A database that already has organizations gets a different directory (new ids, new anchors):
      // loading twice with one seed must not repeat ids.
      const runSeed = slugs.size === 0 ? seed : seed ^ hashText(`taken:${slugs.size}`);
      const run: RunState = {
        seed: runSeed,
        nowMs,
        rng,
        fakers: new NameFakers(rng),
        slugs,
        domains: new UniqueNames(options.reserved?.domains),
      };
      const ecosystemSlugs = new UniqueNames(options.reserved?.ecosystemSlugs);
      const specs = anchorSpecs(runSeed);
      let plan: EcosystemPlan | undefined;
      for (let offset = 0; offset < orgs; offset += chunkSize) {
        const chunk: GeneratedChunk = { offset, organizations: [], ecosystems: [], memberships: [] };
        const end = Math.min(orgs, offset + chunkSize);
        for (let i = offset; i < end; i++) {
          const org = generateOrganization(run, i, specs[i]);
          chunk.organizations.push(org);
          if (plan && i >= ANCHOR_COUNT) chunk.memberships.push(...membershipsOf(rng, plan, org, nowMs));
          if (!plan && (i === ANCHOR_COUNT - 1 || i === orgs - 1)) {
            const anchors = chunk.organizations.slice(0, ANCHOR_COUNT);
            plan = planEcosystems(runSeed, nowMs, orgs, anchors, (slug) =>
              ecosystemSlugs.claim(slug, (b, n) => `${b}-${n}`),
            );
            chunk.ecosystems = plan.ecosystems;
          }
        }
        yield chunk;
      }
    },
  };
}
