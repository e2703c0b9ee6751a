import type { ConflictOutcome } from '../../../common/deals.ts';
import type { Db } from '../../db/client.ts';
import { invalidInput } from '../../errors.ts';
import { openOpportunityCandidates } from '../accounts/index.ts';
import * as repo from './deals.conflicts.repo.ts';
import {
  companyNameKey,
  customerDomain,
  distinctiveWords,
  nameSimilarity,
  namesMatch,
} from './deals.match.ts';

/** The customer of a deal in the forms the engine compares. */
export interface Customer {
  name: string;
  domain: string | null;
  domainKey: string | null;
  nameKey: string;
  country: string | null;
}

/** Normalizes what a user typed about a customer; a domain given but unusable is a 400. */
export function customerOf(input: {
  customerName: string;
  customerDomain: string | null;
  customerCountry: string | null;
}): Customer {
  const typed = input.customerDomain?.trim() || null;
  const domain = typed ? customerDomain(typed) : null;
  if (typed && !domain)
    throw invalidInput(
      "That is not a company's web domain (free mail providers and addresses without a public suffix are not)",
      'customerDomain',
    );
  return {
    name: input.customerName.trim(),
    domain: domain?.domain ?? null,
    domainKey: domain?.key ?? null,
    nameKey: companyNameKey(input.customerName),
    country: input.customerCountry,
  };
}

/** One match of the engine. */
export interface ConflictMatch {
  candidate: repo.Candidate;
  matchedBy: 'domain' | 'name';
  score: number;
}

/** What the engine concluded about a customer at a vendor. */
export interface ConflictResult {
  outcome: ConflictOutcome;
  protectedUntil: Date | null;
  matches: ConflictMatch[];
}

/**
 * Matches a customer against the vendor's open pipeline (its own opportunities and the open
 * opportunities among its imported accounts) and every active registration with it: the same
 * registrable domain (any subdomain or country TLD of the company), or — for records without a
 * usable domain — a similar name in the same country. An active protection among the matches
 * blocks; other matches are a potential conflict for the vendor to review.
 */
/** The vendor's imported open opportunities that may be the customer, as pipeline candidates (never protected). */
async function accountCandidates(db: Db, vendorId: string, c: repo.CustomerKeys): Promise<repo.Candidate[]> {
  const accounts = await openOpportunityCandidates(db, vendorId, {
    ...c,
    words: distinctiveWords(c.nameKey),
  });
  return accounts.map((a) => ({
    id: a.id,
    kind: 'opportunity',
    status: 'open',
    organizationId: a.organizationId,
    customerName: a.name,
    customerDomain: a.domain,
    customerDomainKey: a.domainKey,
    customerNameKey: a.nameKey,
    customerCountry: a.country,
    protectedUntil: null,
    source: 'account',
  }));
}

export async function findConflicts(
  db: Db,
  vendorId: string,
  customer: Customer,
  excludeDealId?: string,
): Promise<ConflictResult> {
  if (!customer.nameKey && !customer.domainKey)
    return { outcome: 'clear', protectedUntil: null, matches: [] };
  const candidates = [
    ...(await repo.selectCandidates(db, vendorId, customer, excludeDealId)),
    ...(await accountCandidates(db, vendorId, customer)),
  ];
  const matches: ConflictMatch[] = [];
  for (const candidate of candidates) {
    if (customer.domainKey && candidate.customerDomainKey === customer.domainKey)
      matches.push({ candidate, matchedBy: 'domain', score: 1 });
    else if (namesMatch(customer.nameKey, candidate.customerNameKey))
      matches.push({
        candidate,
        matchedBy: 'name',
        score: Math.round(nameSimilarity(customer.nameKey, candidate.customerNameKey) * 100) / 100,
      });
  }
  const protectedUntil = matches.reduce<Date | null>(
    (latest, m) =>
      m.candidate.protectedUntil && (!latest || m.candidate.protectedUntil > latest)
        ? m.candidate.protectedUntil
        : latest,
    null,
  );
  const outcome: ConflictOutcome = protectedUntil
    ? 'blocked'
    : matches.length
      ? 'potential_conflict'
      : 'clear';
  return { outcome, protectedUntil, matches };
}

/**
 * The live preview while a partner types a registration: only the outcome and, when blocked, the
 * end of the protection. A half-typed domain is ignored rather than refused.
 */
export async function previewConflicts(
  db: Db,
  vendorId: string,
  input: {
    customerName: string;
    customerDomain: string | null;
    customerCountry: string | null;
    dealId?: string;
  },
) {
  const domain = input.customerDomain ? customerDomain(input.customerDomain) : null;
  const customer: Customer = {
    name: input.customerName,
    domain: domain?.domain ?? null,
    domainKey: domain?.key ?? null,
    nameKey: input.customerName.trim().length >= 2 ? companyNameKey(input.customerName) : '',
    country: input.customerCountry,
  };
  const result = await findConflicts(db, vendorId, customer, input.dealId);
  return { outcome: result.outcome, protectedUntil: result.protectedUntil, customerDomain: customer.domain };
}
