import type { Db } from '../../db/client.ts';
import { distinctiveWords } from '../deals/index.ts';
import * as repo from './accounts.overlap.repo.ts';

// Abbreviations written in company names, as their full word (after companyNameKey's folding).
const ABBREVIATIONS: Record<string, string> = {
  intl: 'international',
  int: 'international',
  natl: 'national',
  mgmt: 'management',
  mgt: 'management',
  svcs: 'services',
  svc: 'services',
  serv: 'services',
  tech: 'technologies',
  techs: 'technologies',
  technology: 'technologies',
  sys: 'systems',
  assoc: 'associates',
  assocs: 'associates',
  bros: 'brothers',
  mfg: 'manufacturing',
  mfrs: 'manufacturers',
  dist: 'distribution',
  distr: 'distribution',
  eng: 'engineering',
  engg: 'engineering',
  ctr: 'center',
  centre: 'center',
  dev: 'development',
  ind: 'industries',
  inds: 'industries',
  hldgs: 'holdings',
  hldg: 'holding',
  grp: 'group',
  univ: 'university',
  labs: 'laboratories',
  lab: 'laboratories',
  st: 'saint',
  ste: 'sainte',
  n: 'north',
  s: 'south',
  e: 'east',
  w: 'west',
  and: '',
  the: '',
};

/** A name key with abbreviations spelled out and filler words ("the", "and") dropped, for comparison only. */
export function expandAbbreviations(nameKey: string): string {
  return nameKey
    .split(' ')
    .map((w) => TRANSLITERATIONS.reduce((acc, [from, to]) => acc.replace(from, to), w))
    .map((w) => ABBREVIATIONS[w] ?? w)
    .filter(Boolean)
    .join(' ');
}

// Neighbouring keys on QWERTY (and QWERTZ: y and z both neighbour t, u, a, s, x).
const KEY_ROWS = ['qwertyuiop', 'asdfghjkl', 'zxcvbnm'];
const NEIGHBOURS = new Map<string, Set<string>>();
for (let r = 0; r < KEY_ROWS.length; r++)
  for (let c = 0; c < KEY_ROWS[r]!.length; c++) {
    const near = new Set<string>();
    for (const [dr, dc] of [
      [0, -1],
      [0, 1],
      [-1, 0],
      [-1, 1],
      [1, -1],
      [1, 0],
    ] as const) {
      const k = KEY_ROWS[r + dr]?.[c + dc];
      if (k) near.add(k);
    }
    NEIGHBOURS.set(KEY_ROWS[r]![c]!, near);
  }
for (const [a, b] of [
  ['y', 'a'],
  ['y', 's'],
  ['y', 'x'],
  ['z', 't'],
  ['z', 'u'],
  ['z', 'h'],
] as const) {
  NEIGHBOURS.get(a)?.add(b);
  NEIGHBOURS.get(b)?.add(a);
}
const nearKeys = (a: string | undefined, b: string | undefined) =>
  a !== undefined && b !== undefined && (NEIGHBOURS.get(a)?.has(b) ?? false);

/**
 * True when one keyboard slip turns a into b: a letter left out or typed twice or next to its
 * neighbour, two letters swapped, or a letter replaced by a neighbouring key. A replacement by a
 * far key is a different name more often than a slip (Petersen/Pedersen, Schmidt/Schmitt).
 */
function oneSlipApart(a: string, b: string): boolean {
  if (a.length < b.length) return oneSlipApart(b, a);
  if (a.length - b.length > 1) return false;
  let i = 0;
  while (i < b.length && a[i] === b[i]) i++;
  if (a.length > b.length) return a.slice(i + 1) === b.slice(i);
  if (i === a.length) return true;
  if (a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2)) return true;
  return nearKeys(a[i], b[i]) && a.slice(i + 1) === b.slice(i + 1);
}

/** Words shorter than this must be spelled exactly: shorter ones one letter apart are too often other names (Weber/Weger, Hansen/Jansen). */
export const TYPO_MIN_LENGTH = 7;

// A slip is forgiven in a long word, never in its first letter (Carlsson/Karlsson are two families).
const sameWord = (a: string, b: string) =>
  a === b || (Math.max(a.length, b.length) >= TYPO_MIN_LENGTH && a[0] === b[0] && oneSlipApart(a, b));

const isGeneric = (word: string) => distinctiveWords(word).length === 0;

// Generic business words (deals' list, via distinctiveWords) weigh little, also when misspelled;
// longer words weigh more.
const weightOf = (word: string, others: readonly string[]) =>
  isGeneric(word) || others.some((o) => isGeneric(o) && sameWord(word, o))
    ? 0.2
    : Math.min(1, 0.4 + 0.1 * word.length);

// Letters that do not decompose under NFKD, and the German/Nordic transliterations of umlauts
// (Mueller = Müller = Muller), folded the same way on both sides before comparing.
const TRANSLITERATIONS: [RegExp, string][] = [
  [/ø/g, 'o'],
  [/æ/g, 'ae'],
  [/ß/g, 'ss'],
  [/ł/g, 'l'],
  [/đ/g, 'd'],
  [/þ/g, 'th'],
  [/([aou])e/g, '$1'],
];

/**
 * How alike two name keys are for matching accounts (0–1): the deal conflict engine's
 * token-weighted Dice score (the same generic words and weights), on keys with abbreviations
 * spelled out, with the stricter typo rule above — matching merges accounts for good, where the
 * conflict engine only flags a deal for a reviewer.
 */
export function nameMatchScore(a: string, b: string): number {
  const x = expandAbbreviations(a).split(' ').filter(Boolean);
  const y = expandAbbreviations(b).split(' ').filter(Boolean);
  if (x.length === 0 || y.length === 0) return 0;
  if (x.join(' ') === y.join(' ')) return 1;
  const sum = (words: string[], others: string[]) => words.reduce((acc, w) => acc + weightOf(w, others), 0);
  const matchedIn = (words: string[], others: string[]) =>
    words.filter((w) => others.some((o) => sameWord(w, o)));
  return (sum(matchedIn(x, y), y) + sum(matchedIn(y, x), x)) / (sum(x, y) + sum(y, x));
}

/**
 * The score from which two name keys of the same country are one company. Tuned on the evaluation
 * set's tuning seed (accounts.match-eval.ts), not on the asserted one.
 */
export const NAME_CANON_THRESHOLD = 0.8;

/** Whether two name keys (of accounts in the same country) name the same company: the one decision matching uses. */
export const sameCompanyName = (a: string, b: string): boolean =>
  nameMatchScore(a, b) >= NAME_CANON_THRESHOLD;

/** A name key waiting for its canonical, with the candidates the trigram probe found. */
interface PendingKey {
  country: string;
  nameKey: string;
  candidates: { candidate: string; canonical: string }[];
}

/**
 * The canonical of each new name key, in order: the canonical of its best-scoring candidate that
 * is the same company (by the candidate's key and by the canonical itself, so a chain of small
 * differences never drifts into another company), else the key itself. `known` holds the
 * canonicals decided so far (existing entries and earlier keys of this run) and grows.
 */
export function chooseCanonicals(
  pending: readonly PendingKey[],
  known: Map<string, string>,
  undecided: ReadonlySet<string> = new Set(),
) {
  const out: { country: string; nameKey: string; canonical: string }[] = [];
  for (const k of pending) {
    let best: { score: number; canonical: string } | undefined;
    for (const c of k.candidates) {
      const id = canonId(k.country, c.candidate);
      // A key of this run not decided yet is no candidate: it decides after this one.
      if (c.candidate === k.nameKey || (undecided.has(id) && !known.has(id))) continue;
      const canonical = known.get(id) ?? c.canonical;
      const score = nameMatchScore(k.nameKey, c.candidate);
      if (score < NAME_CANON_THRESHOLD || !sameCompanyName(k.nameKey, canonical)) continue;
      if (!best || score > best.score || (score === best.score && canonical < best.canonical))
        best = { score, canonical };
    }
    const canonical = best?.canonical ?? k.nameKey;
    known.set(canonId(k.country, k.nameKey), canonical);
    out.push({ country: k.country, nameKey: k.nameKey, canonical });
  }
  return out;
}

const canonId = (country: string, nameKey: string) => `${country}\u0000${nameKey}`;

/** The key range of the names starting with a prefix ("acm" → ["acm", "acn")). */
const rangeOf = (prefix: string) => ({
  lo: prefix,
  hi: prefix.slice(0, -1) + String.fromCodePoint(prefix.codePointAt(prefix.length - 1)! + 1),
});

/**
 * The prefixes under which a name key looks for its company among canonical keys: its leading
 * words up to the first three letters of its first distinctive word ("global acm"), that word's
 * first three letters alone and after "the" (so "the acme" and "acme" find each other), and the first three letters of up to
 * two further distinctive words (word order: "olsen and hansen" finds "hansen and olsen"). A slip
 * is never in a word's first letter and rarely in its next two, so a match shares one prefix.
 */
export function probePrefixes(nameKey: string): string[] {
  const words = nameKey.split(' ').filter(Boolean);
  const distinct = words.map((w, i) => [w, i] as const).filter(([w]) => distinctiveWords(w).length > 0);
  if (distinct.length === 0) return [words.slice(0, 2).join(' ')].filter(Boolean);
  const [first, at] = distinct[0]!;
  const lead = first.slice(0, 3);
  const out = new Set([[...words.slice(0, at), lead].join(' '), lead, `the ${lead}`]);
  for (const [w] of distinct.slice(1, 3)) out.add(w.slice(0, 3));
  return [...out];
}

// New keys per candidate probe: one statement per batch keeps memory flat at any size.
const BATCH = 2_000;

/**
 * Gives every account of the set with no match key, no domain and a name its `n:<country>:<canonical>`
 * key. Name keys new to account_name_canon are clustered first: per batch, one set-based probe finds
 * trigram-similar entries of the same country (including the batch's own keys, stored provisionally
 * first), the token-weighted score decides, and each key adopts the best match's canonical or
 * becomes its own. Serialized by an advisory lock so two imports never cluster the same names
 * differently. Returns how many accounts got a key. Runs in the caller's transaction if any.
 */
export async function assignNameKeys(db: Db, setId: string): Promise<number> {
  return db.transaction(async (tx) => {
    if ((await repo.selectNewNameKeys(tx, setId, 1)).length > 0) {
      await repo.lockCanon(tx);
      // Read again under the lock: another import may have clustered some of them meanwhile.
      await clusterNameKeys(tx, await repo.selectNewNameKeys(tx, setId));
    }
    return repo.applyNameMatchKeys(tx, setId);
  });
}

/**
 * The canonical name key of each (country bucket, name key) pair, clustering the ones new to
 * account_name_canon first exactly as {@link assignNameKeys} does: for accounts not stored yet (a
 * set's first import gives them their match key as it inserts them). Keyed by country and name key
 * joined with a NUL. Runs in the caller's transaction if any.
 */
export async function canonicalNameKeys(
  db: Db,
  pairs: readonly { country: string; nameKey: string }[],
): Promise<Map<string, string>> {
  return db.transaction(async (tx) => {
    if ((await repo.selectNewNameKeysOf(tx, pairs)).length > 0) {
      await repo.lockCanon(tx);
      await clusterNameKeys(tx, await repo.selectNewNameKeysOf(tx, pairs));
    }
    const rows = await repo.selectCanonicals(tx, pairs);
    return new Map(rows.map((r) => [canonId(r.country, r.nameKey), r.canonical]));
  });
}

/** The key of a (country bucket, name key) pair in {@link canonicalNameKeys}'s map. */
export const nameCanonKey = (country: string, nameKey: string) => canonId(country, nameKey);

/** Clusters name keys new to account_name_canon (in the given order), under the canonicalization lock. */
async function clusterNameKeys(tx: Db, fresh: readonly { country: string; nameKey: string }[]) {
  const known = new Map<string, string>();
  for (let i = 0; i < fresh.length; i += BATCH) {
    const batch = fresh.slice(i, i + BATCH);
    // Provisionally their own canonical, so the probe sees the batch's keys beside older ones.
    await repo.insertCanon(
      tx,
      batch.map((k) => ({ ...k, canonical: k.nameKey })),
    );
    const rows = await repo.selectCanonCandidates(
      tx,
      batch.flatMap((k) => probePrefixes(k.nameKey).map((prefix) => ({ ...k, ...rangeOf(prefix) }))),
    );
    const byKey = new Map<string, PendingKey>(
      batch.map((k) => [canonId(k.country, k.nameKey), { ...k, candidates: [] }]),
    );
    for (const r of rows) {
      const pending = byKey.get(canonId(r.country, r.nameKey));
      if (pending && !pending.candidates.some((c) => c.candidate === r.candidate)) pending.candidates.push(r);
    }
    const decided = chooseCanonicals([...byKey.values()], known, new Set(byKey.keys()));
    await repo.updateCanonicals(
      tx,
      decided.filter((d) => d.canonical !== d.nameKey),
    );
  }
}
