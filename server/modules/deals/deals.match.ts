import { parse } from 'tldts';

// Web-mail providers: an address there says nothing about the customer's company. Keys cover
// providers that run one service under many country TLDs (yahoo.co.uk, hotmail.fr, gmx.at).
const FREE_MAIL_KEYS = new Set([
  'gmail',
  'googlemail',
  'yahoo',
  'hotmail',
  'outlook',
  'live',
  'aol',
  'gmx',
  'yandex',
  'protonmail',
]);
const FREE_MAIL_DOMAINS = new Set([
  'msn.com',
  'icloud.com',
  'me.com',
  'proton.me',
  'web.de',
  'mail.ru',
  'mail.com',
  'qq.com',
  '163.com',
  '126.com',
  'zoho.com',
]);

/** The company behind a domain, URL or e-mail address ("https://www.acme.co.uk/x" → acme.co.uk, key acme), or null when it names no company. */
export function customerDomain(input: string): { domain: string; key: string } | null {
  const trimmed = input.trim().toLowerCase();
  if (!trimmed || /\s/.test(trimmed)) return null;
  const info = parse(trimmed, { allowPrivateDomains: false });
  const { domain, domainWithoutSuffix: key } = info;
  if (info.isIp || !info.isIcann || !domain || !key) return null;
  if (FREE_MAIL_KEYS.has(key) || FREE_MAIL_DOMAINS.has(domain)) return null;
  return { domain, key };
}

// Legal forms as word sequences after folding; runs of single letters are joined first, so
// "S.à r.l." arrives as "sarl", "B.V." as "bv", "A/S" as "as" and "Sp. z o.o." as "sp zoo".
const LEGAL_FORMS = new Set(
  [
    'inc incorporated corp corporation co company llc llp lp ltd limited plc',
    'gmbh ag kg ohg ug aktiengesellschaft ab aktiebolag publ oy oyj osakeyhtio as asa aksjeselskap aps',
    'sa sas sarl srl spa sl bv nv kk pty pte pvt private sro spzoo kft zrt doo se ou ehf nl',
  ]
    .join(' ')
    .split(' ')
    .concat(['and co', 'and company', 'sp zoo']),
);
const LONGEST_FORM = 2;

const fold = (text: string) =>
  text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase();

/** Joins runs of one-letter words, so dotted abbreviations ("S.A.", "I.B.M.") compare like their undotted form. */
function joinInitials(words: string[]): string[] {
  const out: string[] = [];
  let run = '';
  for (const w of words) {
    if (w.length === 1) run += w;
    else {
      if (run) out.push(run);
      run = '';
      out.push(w);
    }
  }
  if (run) out.push(run);
  return out;
}

/** The comparable form of a company name: folded, without punctuation or trailing legal forms ("Müller GmbH & Co. KG" → "muller"). */
export function companyNameKey(name: string): string {
  const words = joinInitials(fold(name.replaceAll('&', ' and ')).match(/[\p{L}\p{N}]+/gu) ?? []);
  let stripped = true;
  while (stripped) {
    stripped = false;
    for (let n = LONGEST_FORM; n >= 1; n--) {
      // Keep at least one word: a name that is only a legal form ("AB") is still a name.
      if (words.length > n && LEGAL_FORMS.has(words.slice(-n).join(' '))) {
        words.splice(-n);
        stripped = true;
        break;
      }
    }
  }
  return words.join(' ');
}

// Words that many unrelated companies share; matching on them alone must not make a conflict.
const GENERIC_WORDS = new Set(
  (
    'group holding holdings solutions systems technologies technology tech services service consulting ' +
    'international global partners software digital the and of de la der und nordic europe company'
  ).split(' '),
);

/** The words of a name key that tell companies apart (no generic business words, no single letters). */
export const distinctiveWords = (nameKey: string) =>
  nameKey.split(' ').filter((w) => w.length > 1 && !GENERIC_WORDS.has(w));

const weightOf = (word: string) => (GENERIC_WORDS.has(word) ? 0.2 : Math.min(1, 0.4 + 0.1 * word.length));

/** True when one insertion, deletion, substitution or adjacent swap turns a into b. */
function withinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  const restEqual = (x: number, y: number) => a.slice(x) === b.slice(y);
  return (
    restEqual(i, i) ||
    restEqual(i + 1, i + 1) ||
    restEqual(i + 1, i) ||
    restEqual(i, i + 1) ||
    (a[i] === b[i + 1] && a[i + 1] === b[i] && restEqual(i + 2, i + 2))
  );
}

// Short words are too often one letter apart by coincidence (acme/acne) to forgive a typo.
const sameWord = (a: string, b: string) => a === b || (a.length >= 5 && b.length >= 5 && withinOneEdit(a, b));

/** How alike two name keys are, 0 to 1: a Dice score weighted so distinctive words count and generic ones barely do. */
export function nameSimilarity(a: string, b: string): number {
  const wordsA = a.split(' ').filter(Boolean);
  const wordsB = b.split(' ').filter(Boolean);
  if (wordsA.length === 0 || wordsB.length === 0) return 0;
  if (a === b) return 1;
  const sum = (words: string[]) => words.reduce((acc, w) => acc + weightOf(w), 0);
  const matchedIn = (words: string[], others: string[]) =>
    words.filter((w) => others.some((o) => sameWord(w, o)));
  return (sum(matchedIn(wordsA, wordsB)) + sum(matchedIn(wordsB, wordsA))) / (sum(wordsA) + sum(wordsB));
}

/** Below this, names share only generic words or differ in a distinctive one (Acme/Apex Security ≈ 0.56). */
export const NAME_MATCH_THRESHOLD = 0.8;

/** Whether two name keys plausibly name the same company. */
export const namesMatch = (a: string, b: string): boolean => nameSimilarity(a, b) >= NAME_MATCH_THRESHOLD;

/** The key a protection is held under: the domain when known, since names are only unique within a country. */
export function customerKey(c: {
  domainKey: string | null;
  country: string | null;
  nameKey: string;
}): string {
  if (c.domainKey) return `d:${c.domainKey}`;
  return `n:${(c.country || '-').toUpperCase()}:${c.nameKey}`;
}
