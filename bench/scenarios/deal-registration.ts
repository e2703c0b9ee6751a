// Deal registration with the conflict check, through the real HTTP server, against its reference
// peer: a bench-only route in the same server that inserts the same rows with no check. Then the
// race: many concurrent approvals of registrations for one customer must leave exactly one
// protection. The server runs in a child process (this same file, started with
// MYCELIUM_BENCH_ROLE set) so the load generator (autocannon) does not share its event loop.
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import pg from 'pg';
import type { AppContext } from '../../server/context.ts';
import { newId } from '../../server/db/ids.ts';
import { member, organization, partnership, user } from '../../server/db/schema/index.ts';
import { tenantScope } from '../../server/db/tenant.ts';
import { loadEnv } from '../../server/env.ts';
import type { MemberActor } from '../../server/http/actor.ts';
import { buildApp } from '../../server/http/app.ts';
import { memberOf, requireMember } from '../../server/http/hooks.ts';
// The peer inserts exactly the rows the app inserts, through the repo itself (nothing else may).
import { insertDeal } from '../../server/modules/deals/deals.repo.ts';
import {
  companyNameKey,
  createRegistrationBody,
  customerDomain,
  customerKey,
  namesMatch,
} from '../../server/modules/deals/index.ts';
import { createToken } from '../../server/modules/tokens/index.ts';
import { startContext, stopContext } from '../../server/start.ts';
import { acquirePostgresServer, describeEngine, redact } from '../lib/databases.ts';
import { randomIndex, seededRandom } from '../lib/random.ts';
import { fmt, printTable } from '../lib/report.ts';
import type { Scenario, ScenarioContext } from '../lib/scenario.ts';
import { type LatencySummary, median, medianSummary, summarize } from '../lib/stats.ts';

const ROLE_ENV = 'MYCELIUM_BENCH_ROLE';
const ROLE = 'deal-registration-server';
const SELF = fileURLToPath(import.meta.url);
const SEED = 20261126;
const CHECKED_PATH = '/api/v1/registrations';
const RAW_PATH = '/api/v1/bench/raw-registration';

// ---------------------------------------------------------------------------------------------
// Customers: deterministic, realistic-looking names and domains. The made-up first word is unique
// per customer; the territory's words have 3 syllables (6 letters) and the benchmark's new
// customers 5 (10 letters), so a new customer is never one typo away from an existing one and no
// request is refused as protected by accident. Industry and generic words are shared, as in real
// names, so the engine's name path has real candidates to score.

const SYLLABLES = [...'bdfgklmnprstvz'].flatMap((c) => [...'aeiou'].map((v) => c + v)).slice(0, 64);

/** A pronounceable word, distinct for every n below 64^syllables (an odd multiplier is a bijection mod 2^k). */
function madeUpWord(n: number, syllables: number): string {
  const space = 64n ** BigInt(syllables);
  let x = (BigInt(n) * 2_654_435_761n + 12_345n) % space;
  let word = '';
  for (let i = 0; i < syllables; i++) {
    word += SYLLABLES[Number(x % 64n)];
    x /= 64n;
  }
  return word;
}

const INDUSTRIES = (
  'Logistics Foods Energy Health Retail Media Marine Textiles Pharma Motors Print Dental Legal Finance ' +
  'Construction Engineering Robotics Analytics Insurance Travel Fashion Furniture Packaging Chemicals ' +
  'Metals Plastics Farming Water Solar Wind Telecom Security Education Hotels Games Studio Labs Bank Brewing Aviation'
).split(' ');
const GENERIC =
  'Group Solutions Systems Services Consulting Holding Technologies Nordic International Partners'.split(' ');
// Country, share of customers, legal form, top-level domain.
const COUNTRIES: [string, number, string, string][] = [
  ['DE', 14, 'GmbH', 'de'],
  ['US', 14, 'Inc.', 'com'],
  ['SE', 12, 'AB', 'se'],
  ['GB', 12, 'Ltd', 'co.uk'],
  ['FR', 8, 'SAS', 'fr'],
  ['NL', 6, 'B.V.', 'nl'],
  ['NO', 5, 'AS', 'no'],
  ['DK', 5, 'A/S', 'dk'],
  ['ES', 5, 'S.L.', 'es'],
  ['FI', 4, 'Oy', 'fi'],
  ['IT', 4, 'S.r.l.', 'it'],
  ['AT', 3, 'GmbH', 'at'],
  ['CH', 3, 'AG', 'ch'],
  ['IE', 2, 'Ltd', 'ie'],
  ['BE', 2, 'NV', 'be'],
  ['PL', 1, 'Sp. z o.o.', 'pl'],
];
const COUNTRY_WEIGHT = COUNTRIES.reduce((sum, c) => sum + c[1], 0);
const CURRENCIES = ['EUR', 'EUR', 'EUR', 'USD', 'SEK', 'GBP'];

interface GeneratedCustomer {
  name: string;
  domain: string | null;
  country: string;
}

/** Customer n of a family (`syllables` keeps the families apart); one in five has no known domain. */
function makeCustomer(n: number, syllables: number): GeneratedCustomer {
  const random = seededRandom(SEED + n * 7 + syllables);
  const pick = random() * COUNTRY_WEIGHT;
  let below = 0;
  const [country, , legal, tld] =
    COUNTRIES.find((c) => {
      below += c[1];
      return pick < below;
    }) ?? COUNTRIES[0]!;
  const word = madeUpWord(n, syllables);
  const industry = INDUSTRIES[randomIndex(random, INDUSTRIES.length)]!;
  const generic = random() < 0.3 ? ` ${GENERIC[randomIndex(random, GENERIC.length)]}` : '';
  const name = `${word[0]!.toUpperCase()}${word.slice(1)} ${industry}${generic} ${legal}`;
  const domain =
    random() < 0.2
      ? null
      : `${random() < 0.3 ? 'www.' : ''}${word}${random() < 0.4 ? `-${industry.toLowerCase()}` : ''}.${tld}`;
  return { name, domain, country };
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** The same company written differently: www. and another TLD, or the name without its legal form. */
function variantOf(c: GeneratedCustomer): GeneratedCustomer {
  if (c.domain) {
    const key = customerDomain(c.domain)!.key;
    return { ...c, domain: `www.${key}.${c.domain.endsWith('.com') ? 'net' : 'com'}` };
  }
  return { ...c, name: c.name.split(' ').slice(0, -1).join(' ') };
}

/** Every 20th request registers a customer already in the vendor's territory, under another spelling. */
const CONTESTED_EVERY = 20;

/**
 * The body of registration request n (both routes get the same bodies). Most are new customers;
 * every 20th is a live, unprotected deal of the territory under a domain variant (www., another
 * country TLD) or, without a domain, its name without the legal form: a potential conflict.
 */
function registrationBody(n: number, fixture: Pick<Fixture, 'vendorId' | 'contested'>) {
  const random = seededRandom(SEED ^ n);
  const twin =
    n % CONTESTED_EVERY === 7 && fixture.contested.length > 0
      ? fixture.contested[Math.floor(n / CONTESTED_EVERY) % fixture.contested.length]!
      : undefined;
  const c = twin ? variantOf(twin) : makeCustomer(n, 5);
  return {
    vendorId: fixture.vendorId,
    customerName: c.name,
    customerDomain: c.domain,
    customerCountry: c.country,
    contactName: 'Alex Morgan',
    contactEmail: c.domain ? `alex.morgan@${c.domain.replace(/^www\./, '')}` : '',
    need: 'Security and compliance for about 250 seats, replacing the incumbent at renewal.',
    amountMinor: (5 + randomIndex(random, 400)) * 100_000,
    currency: CURRENCIES[randomIndex(random, CURRENCIES.length)]!,
    expectedClose: isoDay(new Date(Date.now() + (30 + randomIndex(random, 150)) * 86_400_000)),
  };
}

// ---------------------------------------------------------------------------------------------
// The server side (child process).

interface FixtureOptions {
  partners: number;
  territory: number;
}

/** What the load generator needs to know about the fixture. */
interface Fixture {
  vendorId: string;
  cpoToken: string;
  partnerTokens: string[];
  /** Live, unprotected territory customers that some requests register again (potential conflicts). */
  contested: GeneratedCustomer[];
  rows: Record<string, number>;
}

/** The bench-only peer: the same auth and the same INSERTs (deal, parties, event, one transaction), no checks. */
const rawRegistrationRoute: FastifyPluginAsyncZod = async (app) => {
  app.addHook('preHandler', requireMember);
  app.post(
    '/bench/raw-registration',
    { schema: { hide: true, body: createRegistrationBody } },
    async (req, reply) => {
      const actor = memberOf(req);
      const input = req.body;
      const domain = input.customerDomain ? customerDomain(input.customerDomain) : null;
      const now = new Date();
      const id = newId();
      await app.ctx.db.transaction((tx) =>
        insertDeal(
          tx,
          {
            id,
            organizationId: actor.orgId,
            kind: 'registration',
            status: 'submitted',
            counterpartyId: input.vendorId,
            vendorId: input.vendorId,
            title: input.title?.trim() || input.customerName,
            customerName: input.customerName,
            customerDomain: domain?.domain ?? null,
            customerDomainKey: domain?.key ?? null,
            customerNameKey: companyNameKey(input.customerName),
            customerCountry: input.customerCountry,
            contactName: input.contactName,
            contactEmail: input.contactEmail,
            need: input.need,
            amountMinor: input.amountMinor,
            currency: input.currency,
            expectedClose: input.expectedClose,
            createdByUserId: actor.userId,
            sentAt: now,
            responseDueAt: new Date(now.getTime() + 2 * 86_400_000),
          },
          [
            { organizationId: actor.orgId, side: 'from', attribution: 'sourced' },
            { organizationId: input.vendorId, side: 'to' },
          ],
          {
            id: newId(),
            organizationId: actor.orgId,
            actorUserId: actor.userId,
            kind: 'created',
            toStatus: 'submitted',
          },
        ),
      );
      return reply.code(201).send({ id });
    },
  );
};

const csv = (values: (string | number | null)[]) =>
  values
    .map((v) => (v === null ? '' : typeof v === 'number' ? String(v) : `"${v.replaceAll('"', '""')}"`))
    .join(',');

/**
 * A vendor with its partner team, `partners` partners with active partnerships (each owned by one
 * of the vendor's alliance managers) and an API token each, and a territory of `territory` live
 * deals at the vendor (registrations submitted, in review or approved with protection, and open
 * pipeline opportunities) plus a fifth as many closed ones, bulk-loaded with COPY.
 */
async function loadFixture(ctx: AppContext, opts: FixtureOptions): Promise<Fixture> {
  const { db } = ctx;
  const people = (count: number, prefix: string) =>
    Array.from({ length: count }, (_, i) => ({
      id: newId(),
      name: `${prefix} ${i + 1}`,
      email: `${prefix.toLowerCase().replaceAll(' ', '.')}.${i + 1}@bench.example`,
      emailVerified: true,
    }));
  const vendorId = newId();
  const [cpo, ...managers] = people(6, 'Vendor person');
  const partnerUsers = people(opts.partners, 'Partner owner');
  await db.insert(user).values([cpo!, ...managers, ...partnerUsers]);
  const partnerIds = partnerUsers.map(() => newId());
  await db
    .insert(organization)
    .values([
      { id: vendorId, name: 'Bench Vendor Cloud', slug: 'bench-vendor-cloud' },
      ...partnerIds.map((id, i) => ({ id, name: `Bench Partner ${i + 1}`, slug: `bench-partner-${i + 1}` })),
    ]);
  const memberRows = [
    { id: newId(), organizationId: vendorId, userId: cpo!.id, role: 'cpo' },
    ...managers.map((m) => ({
      id: newId(),
      organizationId: vendorId,
      userId: m.id,
      role: 'alliance_manager',
    })),
    ...partnerUsers.map((u, i) => ({
      id: newId(),
      organizationId: partnerIds[i]!,
      userId: u.id,
      role: 'owner',
    })),
  ];
  await db.insert(member).values(memberRows);
  const partnershipIds = partnerIds.map(() => newId());
  await db.insert(partnership).values(
    partnerIds.map((partnerId, i) => ({
      id: partnershipIds[i]!,
      organizationId: partnerId,
      partnerId: vendorId,
      status: 'active',
      types: ['resells', 'refers', 'co_sells'],
      proposerOwnerUserId: partnerUsers[i]!.id,
      partnerOwnerUserId: managers[i % managers.length]!.id,
      decidedAt: new Date(),
    })),
  );
  const actorOf = (u: { id: string; name: string; email: string }, orgId: string, role: 'owner' | 'cpo') => {
    const row = memberRows.find((m) => m.userId === u.id && m.organizationId === orgId)!;
    return {
      userId: u.id,
      email: u.email,
      emailVerified: true,
      name: u.name,
      via: 'session',
      requestId: newId(),
      scope: tenantScope(orgId),
      orgId,
      orgName: '', // only mints tokens, which never show it
      memberId: row.id,
      role,
    } satisfies MemberActor;
  };
  const token = async (actor: MemberActor) =>
    (await createToken(db, actor, { name: 'deal-registration bench', expiresInDays: 2 })).token;
  const cpoToken = await token(actorOf(cpo!, vendorId, 'cpo'));
  const partnerTokens: string[] = [];
  for (const [i, u] of partnerUsers.entries())
    partnerTokens.push(await token(actorOf(u, partnerIds[i]!, 'owner')));

  // The territory. Statuses: live registrations (approved ones hold a protection) and open
  // opportunities, then closed history that the check never reads but the tables carry.
  const random = seededRandom(SEED);
  const now = Date.now();
  const deals: string[] = [];
  const parties: string[] = [];
  const events: string[] = [];
  const protections: string[] = [];
  const unprotected: GeneratedCustomer[] = [];
  const protectedNames = new Map<string, string[]>();
  const total = opts.territory + Math.round(opts.territory / 5);
  const rows: Record<string, number> = {};
  for (let n = 0; n < total; n++) {
    const live = n < opts.territory;
    const opportunity = random() < 0.4;
    const status = live
      ? opportunity
        ? 'open'
        : ([
            'approved',
            'approved',
            'approved',
            'approved',
            'approved',
            'submitted',
            'submitted',
            'submitted',
            'under_review',
            'under_review',
          ][randomIndex(random, 10)] as string)
      : opportunity
        ? (['won', 'lost'][randomIndex(random, 2)] as string)
        : (['won', 'lost', 'expired', 'rejected', 'withdrawn'][randomIndex(random, 5)] as string);
    rows[`${opportunity ? 'opportunity' : 'registration'} ${status}`] =
      (rows[`${opportunity ? 'opportunity' : 'registration'} ${status}`] ?? 0) + 1;
    const c = makeCustomer(n, 3);
    if (live && status !== 'approved' && unprotected.length < 4_000) unprotected.push(c);
    const domain = c.domain ? customerDomain(c.domain) : null;
    const nameKey = companyNameKey(c.name);
    const p = randomIndex(random, opts.partners);
    const id = newId();
    const created = new Date(
      now - (1 + randomIndex(random, 360)) * 86_400_000 - randomIndex(random, 86_400_000),
    );
    const sent = opportunity ? null : created.toISOString();
    const due = opportunity ? null : new Date(created.getTime() + 2 * 86_400_000).toISOString();
    const answered = opportunity || status === 'submitted' || status === 'under_review' ? null : due;
    const closed = ['open', 'approved', 'submitted', 'under_review'].includes(status) ? null : due;
    const from = opportunity ? vendorId : partnerIds[p]!;
    const creator = opportunity ? managers[p % managers.length]!.id : partnerUsers[p]!.id;
    deals.push(
      csv([
        id,
        from,
        opportunity ? null : vendorId,
        vendorId,
        opportunity ? null : partnershipIds[p]!,
        opportunity ? 'opportunity' : 'registration',
        status,
        c.name,
        c.name,
        domain?.domain ?? null,
        domain?.key ?? null,
        nameKey,
        c.country,
        (5 + randomIndex(random, 400)) * 100_000,
        CURRENCIES[randomIndex(random, CURRENCIES.length)]!,
        isoDay(new Date(created.getTime() + 90 * 86_400_000)),
        opportunity ? null : 'clear',
        creator,
        created.toISOString(),
        created.toISOString(),
        sent,
        due,
        answered,
        closed,
      ]),
    );
    parties.push(csv([id, from, 'from', opportunity ? null : 'sourced']));
    if (!opportunity) parties.push(csv([id, vendorId, 'to', null]));
    events.push(csv([newId(), from, id, creator, 'created', status, created.toISOString()]));
    if (status === 'approved') {
      const names = protectedNames.get(c.country) ?? [];
      names.push(nameKey);
      protectedNames.set(c.country, names);
      const ends = new Date(now + (1 + randomIndex(random, 89)) * 86_400_000);
      protections.push(
        csv([
          newId(),
          vendorId,
          id,
          partnerIds[p]!,
          customerKey({ domainKey: domain?.key ?? null, country: c.country, nameKey }),
          'active',
          new Date(ends.getTime() - 90 * 86_400_000).toISOString(),
          ends.toISOString(),
        ]),
      );
    }
  }
  const lines = (list: string[]) => [`${list.join('\n')}\n`];
  await ctx.database.copyCsv([
    {
      table: 'deal',
      columns: [
        'id',
        'organization_id',
        'counterparty_id',
        'vendor_id',
        'partnership_id',
        'kind',
        'status',
        'title',
        'customer_name',
        'customer_domain',
        'customer_domain_key',
        'customer_name_key',
        'customer_country',
        'amount_minor',
        'currency',
        'expected_close',
        'conflict_outcome',
        'created_by_user_id',
        'created_at',
        'updated_at',
        'sent_at',
        'response_due_at',
        'answered_at',
        'closed_at',
      ],
      chunks: lines(deals),
    },
    {
      table: 'deal_party',
      columns: ['deal_id', 'organization_id', 'side', 'attribution'],
      chunks: lines(parties),
    },
    {
      table: 'deal_event',
      columns: ['id', 'organization_id', 'deal_id', 'actor_user_id', 'kind', 'to_status', 'created_at'],
      chunks: lines(events),
    },
    {
      table: 'deal_protection',
      columns: [
        'id',
        'organization_id',
        'deal_id',
        'partner_id',
        'customer_key',
        'status',
        'starts_at',
        'ends_at',
      ],
      chunks: lines(protections),
    },
  ]);
  await ctx.database.executeSql('VACUUM ANALYZE');
  // Re-registering one of these must be a potential conflict, never refused: leave out those whose
  // variant the engine would also match, by name, to a protected lookalike (one letter apart).
  const contested = unprotected
    .filter((c) => {
      const key = companyNameKey(variantOf(c).name);
      return !(protectedNames.get(c.country) ?? []).some((other) => namesMatch(key, other));
    })
    .slice(0, 2_000);
  return { vendorId, cpoToken, partnerTokens, contested, rows };
}

type Call =
  | { type: 'fixture'; options: FixtureOptions }
  | { type: 'query'; text: string; values?: unknown[] }
  | { type: 'describe' }
  | { type: 'stop' };

/** The child process: the real app (plus the peer route) on the given database, answering calls over IPC. */
async function serveBench(): Promise<void> {
  const env = loadEnv(process.env);
  const ctx = await startContext(env, { worker: false });
  const app = await buildApp(ctx, { serveWeb: false });
  await app.register(rawRegistrationRoute, { prefix: '/api/v1' });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const handle = async (call: Call): Promise<unknown> => {
    switch (call.type) {
      case 'fixture':
        return loadFixture(ctx, call.options);
      case 'query':
        return (await ctx.database.executeSql(call.text, call.values)).rows;
      case 'describe':
        return describeEngine(ctx.database);
      case 'stop':
        await app.close();
        await stopContext(ctx);
        setImmediate(() => process.exit(0));
        return null;
    }
  };
  process.on('message', (message: { id: number; call: Call }) => {
    handle(message.call).then(
      (result) => process.send!({ id: message.id, ok: true, result }),
      (error: Error) => process.send!({ id: message.id, ok: false, error: error.stack ?? String(error) }),
    );
  });
  process.send!({
    id: 0,
    ok: true,
    result: { port: typeof address === 'object' && address ? address.port : 0 },
  });
}

// ---------------------------------------------------------------------------------------------
// The load generator side (the bench process).

/** The server child process and the calls it answers. */
class BenchServer {
  private next = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private constructor(
    private readonly child: ChildProcess,
    readonly port: number,
  ) {
    child.on('message', (message: { id: number; ok: boolean; result?: unknown; error?: string }) => {
      const waiting = this.pending.get(message.id);
      this.pending.delete(message.id);
      if (message.ok) waiting?.resolve(message.result);
      else waiting?.reject(new Error(`bench server: ${message.error}`));
    });
  }

  /** Forks the server on a database (DATABASE_URL, or DATA_DIR for PGlite) and waits until it listens. */
  static async start(database: { url: string } | { dataDir: string }): Promise<BenchServer> {
    const env: NodeJS.ProcessEnv = { ...process.env, [ROLE_ENV]: ROLE };
    for (const key of ['DATABASE_URL', 'DATA_DIR', 'SMTP_URL', 'BASE_URL', 'DEV_MAILBOX', 'ROLES'])
      delete env[key];
    Object.assign(env, 'url' in database ? { DATABASE_URL: database.url } : { DATA_DIR: database.dataDir }, {
      NODE_ENV: 'production',
      LOG_LEVEL: 'warn',
      // A benchmark is one client hammering the API: the per-token limit would only measure itself.
      API_RATE_LIMIT: '1000000000',
    });
    const child = fork(SELF, [], {
      env,
      execArgv: process.execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const port = await new Promise<number>((resolve, reject) => {
      child.once('message', (message: { result: { port: number } }) => resolve(message.result.port));
      child.once('exit', (code) => reject(new Error(`bench server exited with ${code} before listening`)));
    });
    return new BenchServer(child, port);
  }

  call<T>(call: Call): Promise<T> {
    const id = this.next++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.child.send({ id, call });
    });
  }

  query<T = Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]> {
    return this.call<T[]>({ type: 'query', text, values });
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    await this.call({ type: 'stop' }).catch(() => {});
    await exited;
  }
}

/** One load phase: autocannon against one route, every response timed (float ms, any status). */
interface PhaseResult {
  route: 'checked' | 'raw';
  summary: LatencySummary;
  requests: number;
  ok2xx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  /** The first few non-2xx answers: status, body and the request body that got it. */
  failedSamples: { status: number; body: string; request: string }[];
}

let requestCounter = 0;

async function loadPhase(
  server: BenchServer,
  fixture: Fixture,
  route: 'checked' | 'raw',
  connections: number,
  seconds: number,
): Promise<PhaseResult> {
  const samples: number[] = [];
  const failedSamples: PhaseResult['failedSamples'] = [];
  const options: autocannon.Options = {
    url: `http://127.0.0.1:${server.port}`,
    connections,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        path: route === 'checked' ? CHECKED_PATH : RAW_PATH,
        setupRequest: (request, context) => {
          const n = requestCounter++;
          const body = JSON.stringify(registrationBody(n, fixture));
          // One request in flight per connection: the answer that comes next is to this body.
          (context as { body?: string }).body = body;
          return {
            ...request,
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${fixture.partnerTokens[n % fixture.partnerTokens.length]}`,
            },
            body,
          };
        },
        onResponse: (status, body, context) => {
          if ((status < 200 || status > 299) && failedSamples.length < 5)
            failedSamples.push({ status, body, request: (context as { body?: string }).body ?? '' });
        },
      },
    ],
  };
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(options, (error, finished) => (error ? reject(error) : resolve(finished)));
    instance.on('response', (_client, _status, _bytes, ms) => samples.push(ms));
  });
  const statusCodes = Object.fromEntries(
    Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, (s as { count: number }).count]),
  );
  return {
    route,
    summary: summarize(
      samples.map((ms) => ms * 1e6),
      result.duration * 1e9,
    ),
    requests: samples.length,
    ok2xx: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    failedSamples,
  };
}

/** Outcome of one race: N approvals of N registrations for one customer, fired at once. */
interface RaceResult {
  registrations: number;
  approvals2xx: number;
  approvalsProtected409: number;
  approvalsOther: Record<string, number>;
  activeProtections: number;
  approvedDeals: number;
  resubmissionsRefused: number;
  resubmissionsOther: Record<string, number>;
  dealsForCustomer: number;
  approvalBurstMs: number;
  pass: boolean;
}

async function post(port: number, pathname: string, token: string, body: unknown) {
  const response = await fetch(`http://127.0.0.1:${port}${pathname}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });
  const json = (await response.json().catch(() => null)) as { id?: string; error?: { code?: string } } | null;
  return { status: response.status, id: json?.id, code: json?.error?.code };
}

/** Runs `fn` over items with at most `limit` in flight. */
async function withLimit<T, R>(
  items: T[],
  limit: number,
  fn: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        results[i] = await fn(items[i]!, i);
      }
    }),
  );
  return results;
}

const tally = (codes: string[]) =>
  codes.reduce<Record<string, number>>((acc, code) => {
    acc[code] = (acc[code] ?? 0) + 1;
    return acc;
  }, {});

async function race(server: BenchServer, fixture: Fixture, size: number, round: number): Promise<RaceResult> {
  // One customer (Iceland: no benchmark customer is there, so nothing else can collide with it),
  // registered by `size` different partners (round-robin when there are fewer partners).
  const word = madeUpWord(1_000_000_000 - round, 5);
  const domain = `www.${word}.is`;
  const key = customerDomain(domain)!.key;
  const body = {
    vendorId: fixture.vendorId,
    customerName: `${word[0]!.toUpperCase()}${word.slice(1)} Fisheries ehf.`,
    customerDomain: domain,
    customerCountry: 'IS',
    amountMinor: 9_900_000,
    currency: 'EUR',
    expectedClose: isoDay(new Date(Date.now() + 60 * 86_400_000)),
  };
  const tokens = Array.from(
    { length: size },
    (_, i) => fixture.partnerTokens[i % fixture.partnerTokens.length]!,
  );
  const created = await withLimit(tokens, 16, (token) => post(server.port, CHECKED_PATH, token, body));
  const ids = created.map((r) => {
    if (r.status !== 201 || !r.id) throw new Error(`race setup: registration answered ${r.status} ${r.code}`);
    return r.id;
  });
  // Every approval is on the wire before any answer is awaited.
  const started = performance.now();
  const approvals = await Promise.all(
    ids.map((id) =>
      post(server.port, `/api/v1/deals/${id}/transitions`, fixture.cpoToken, { to: 'approved' }),
    ),
  );
  const approvalBurstMs = performance.now() - started;
  const resubmissions = await Promise.all(
    tokens.map((token) => post(server.port, CHECKED_PATH, token, body)),
  );

  const [protections] = await server.query<{ count: number }>(
    `SELECT count(*)::int AS count FROM deal_protection WHERE organization_id = $1 AND customer_key = $2 AND status = 'active'`,
    [fixture.vendorId, `d:${key}`],
  );
  const [counts] = await server.query<{ approved: number; total: number }>(
    `SELECT count(*) FILTER (WHERE status = 'approved')::int AS approved, count(*)::int AS total
       FROM deal WHERE vendor_id = $1 AND customer_domain_key = $2`,
    [fixture.vendorId, key],
  );
  const approvalCodes = approvals.map((r) =>
    r.status === 200 ? '2xx' : `${r.status} ${r.code ?? ''}`.trim(),
  );
  const resubmissionCodes = resubmissions.map((r) => `${r.status} ${r.code ?? ''}`.trim());
  const byApproval = tally(approvalCodes);
  const byResubmission = tally(resubmissionCodes);
  const protected409 = byApproval['409 customer_protected'] ?? 0;
  const refused = byResubmission['409 customer_protected'] ?? 0;
  const { '2xx': _ok, '409 customer_protected': _p, ...approvalsOther } = byApproval;
  const { '409 customer_protected': _r, ...resubmissionsOther } = byResubmission;
  const result = {
    registrations: ids.length,
    approvals2xx: byApproval['2xx'] ?? 0,
    approvalsProtected409: protected409,
    approvalsOther,
    activeProtections: protections!.count,
    approvedDeals: counts!.approved,
    resubmissionsRefused: refused,
    resubmissionsOther,
    dealsForCustomer: counts!.total,
    approvalBurstMs,
  };
  const pass =
    result.approvals2xx === 1 &&
    protected409 === size - 1 &&
    result.activeProtections === 1 &&
    result.approvedDeals === 1 &&
    refused === size &&
    result.dealsForCustomer === size;
  return { ...result, pass };
}

interface Settings {
  connections: number;
  seconds: number;
  warmupSeconds: number;
  partners: number;
  territory: number;
  raceSize: number;
  repetitions: number;
}

const numberFlag = (context: ScenarioContext, name: string, fallback: number) => {
  const value = context.flags[name];
  if (value === undefined) return fallback;
  const n = Number(String(value).replaceAll('_', '').replaceAll(',', ''));
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} needs a positive whole number`);
  return n;
};

type EngineKind = 'postgres' | 'pglite';
const ENGINE_LABEL: Record<EngineKind, string> = { postgres: 'PostgreSQL', pglite: 'PGlite' };

interface EngineRun {
  engine: EngineKind;
  settings: Record<string, string>;
  fixtureRows: Record<string, number>;
  fixtureSeconds: number;
  repetitions: { checked: PhaseResult; raw: PhaseResult; outcomes: Record<string, number> }[];
  races: RaceResult[];
}

async function runEngine(
  kind: EngineKind,
  database: { url: string } | { dataDir: string },
  settings: Settings,
  log: (line: string) => void,
): Promise<EngineRun> {
  log(`${ENGINE_LABEL[kind]}: starting the server`);
  const server = await BenchServer.start(database);
  try {
    log(
      `${ENGINE_LABEL[kind]}: loading ${fmt.count(settings.partners)} partners and a territory of ${fmt.count(settings.territory)} live deals`,
    );
    const loadStart = performance.now();
    const fixture = await server.call<Fixture>({
      type: 'fixture',
      options: { partners: settings.partners, territory: settings.territory },
    });
    const fixtureSeconds = (performance.now() - loadStart) / 1000;
    const engineSettings = await server.call<Record<string, string>>({ type: 'describe' });
    const run: EngineRun = {
      engine: kind,
      settings: engineSettings,
      fixtureRows: fixture.rows,
      fixtureSeconds,
      repetitions: [],
      races: [],
    };
    for (let r = 0; r < settings.repetitions; r++) {
      // Alternate the order so the machine's drift (and the database's bloat) fall on both routes.
      const order: ('checked' | 'raw')[] = r % 2 === 0 ? ['checked', 'raw'] : ['raw', 'checked'];
      const phases: Partial<Record<'checked' | 'raw', PhaseResult>> = {};
      let outcomes: Record<string, number> = {};
      for (const route of order) {
        log(
          `${ENGINE_LABEL[kind]} run ${r + 1}/${settings.repetitions}: ${route} (warm-up ${settings.warmupSeconds} s)`,
        );
        const warmupSince = new Date().toISOString();
        await loadPhase(server, fixture, route, settings.connections, settings.warmupSeconds);
        const since = new Date().toISOString();
        phases[route] = await loadPhase(server, fixture, route, settings.connections, settings.seconds);
        if (route === 'checked') {
          const rows = await server.query<{ outcome: string; count: number }>(
            `SELECT conflict_outcome AS outcome, count(*)::int AS count FROM deal
              WHERE vendor_id = $1 AND created_at >= $2 AND conflict_outcome IS NOT NULL GROUP BY 1`,
            [fixture.vendorId, since],
          );
          outcomes = Object.fromEntries(rows.map((o) => [o.outcome, o.count]));
        }
        await restoreTerritory(server, fixture, warmupSince);
      }
      run.repetitions.push({ checked: phases.checked!, raw: phases.raw!, outcomes });
      log(
        `${ENGINE_LABEL[kind]} run ${r + 1}/${settings.repetitions}: race of ${settings.raceSize} approvals`,
      );
      const raceSince = new Date().toISOString();
      run.races.push(await race(server, fixture, settings.raceSize, r + (kind === 'pglite' ? 100 : 0)));
      await restoreTerritory(server, fixture, raceSince);
    }
    return run;
  } finally {
    await server.stop();
  }
}

/**
 * Deletes the deals a phase added (untimed), then vacuums, so every phase and repetition meets the
 * same territory: otherwise the raw route's thousands of submitted rows would grow it run by run.
 */
async function restoreTerritory(server: BenchServer, fixture: Fixture, since: string): Promise<void> {
  await server.query('DELETE FROM deal WHERE vendor_id = $1 AND created_at >= $2', [fixture.vendorId, since]);
  await server.query('VACUUM ANALYZE deal, deal_party, deal_event, deal_conflict, deal_protection');
}

async function createDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `mycelium_bench_${randomBytes(6).toString('hex')}`;
  const admin = async (text: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(text);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}

async function run(context: ScenarioContext): Promise<unknown> {
  const settings: Settings = {
    connections: numberFlag(context, 'connections', 16),
    seconds: numberFlag(context, 'duration', context.quick ? 3 : 20),
    warmupSeconds: context.quick ? 1 : 3,
    partners: numberFlag(context, 'partners', context.quick ? 50 : 200),
    territory: numberFlag(context, 'territory', context.quick ? 5_000 : 50_000),
    raceSize: numberFlag(context, 'race', 200),
    repetitions: context.runs ?? (context.quick ? 1 : 3),
  };
  const engines: EngineKind[] = context.flags.pglite ? ['postgres', 'pglite'] : ['postgres'];
  const server = acquirePostgresServer(context.log);
  const runs: EngineRun[] = [];
  try {
    for (const kind of engines) {
      if (kind === 'postgres') {
        const database = await createDatabase(server.url);
        context.log(`PostgreSQL database ${redact(database.url)}`);
        try {
          runs.push(await runEngine(kind, { url: database.url }, settings, context.log));
        } finally {
          await database.drop();
        }
      } else {
        const dataDir = mkdtempSync(path.join(os.tmpdir(), 'mycelium-bench-pglite-'));
        try {
          runs.push(await runEngine(kind, { dataDir }, settings, context.log));
        } finally {
          rmSync(dataDir, { recursive: true, force: true });
        }
      }
    }
  } finally {
    server.stop();
  }

  const medians = runs.map((r) => ({
    engine: r.engine,
    checked: medianSummary(r.repetitions.map((x) => x.checked.summary)),
    raw: medianSummary(r.repetitions.map((x) => x.raw.summary)),
    checkedNon2xx: r.repetitions.reduce(
      (n, x) => n + x.checked.non2xx + x.checked.errors + x.checked.timeouts,
      0,
    ),
    rawNon2xx: r.repetitions.reduce((n, x) => n + x.raw.non2xx + x.raw.errors + x.raw.timeouts, 0),
    ratio: median(r.repetitions.map((x) => x.checked.summary.opsPerSec / x.raw.summary.opsPerSec)),
  }));
  printTable(
    `Registrations over HTTP: median of ${settings.repetitions} runs of ${settings.seconds} s, ${settings.connections} connections, ${fmt.count(settings.partners)} partners' tokens, territory ${fmt.count(settings.territory)} live deals`,
    medians.flatMap((m) =>
      (['checked', 'raw'] as const).map((route) => ({
        engine: ENGINE_LABEL[m.engine],
        route: route === 'checked' ? 'POST /registrations (conflict check)' : 'raw insert, no check (peer)',
        'requests/run': fmt.count(m[route].count),
        'non-2xx (all runs)': fmt.count(route === 'checked' ? m.checkedNon2xx : m.rawNon2xx),
        'req/s': fmt.rate(m[route].opsPerSec),
        'p50 ms': fmt.ms(m[route].p50Ms),
        'p95 ms': fmt.ms(m[route].p95Ms),
        'p99 ms': fmt.ms(m[route].p99Ms),
      })),
    ),
  );
  printTable(
    'Checked relative to raw (median of the per-run ratios; target ≥ 0.50×)',
    medians.map((m) => ({
      engine: ENGINE_LABEL[m.engine],
      'req/s checked÷raw': fmt.ratio(m.ratio),
      'p50 raw÷checked': fmt.ratio(m.raw.p50Ms / m.checked.p50Ms),
      'p99 raw÷checked': fmt.ratio(m.raw.p99Ms / m.checked.p99Ms),
      target: m.ratio >= 0.5 ? 'met' : 'NOT met',
    })),
  );
  printTable(
    'Conflict outcomes of the checked registrations (all runs)',
    runs.map((r) => {
      const outcomes: Record<string, number> = {};
      for (const rep of r.repetitions)
        for (const [k, v] of Object.entries(rep.outcomes ?? {})) outcomes[k] = (outcomes[k] ?? 0) + v;
      return {
        engine: ENGINE_LABEL[r.engine],
        clear: fmt.count(outcomes.clear ?? 0),
        potential_conflict: fmt.count(outcomes.potential_conflict ?? 0),
        blocked: fmt.count(outcomes.blocked ?? 0),
      };
    }),
  );
  printTable(
    `The race: ${settings.raceSize} registrations of one customer, then ${settings.raceSize} concurrent approvals, then ${settings.raceSize} concurrent re-submissions`,
    runs.flatMap((r) =>
      r.races.map((x, i) => ({
        engine: ENGINE_LABEL[r.engine],
        run: i + 1,
        'approved (2xx)': x.approvals2xx,
        '409 customer_protected': x.approvalsProtected409,
        'other answers':
          Object.entries(x.approvalsOther)
            .map(([k, v]) => `${k}×${v}`)
            .join(' ') || '0',
        'active protections': x.activeProtections,
        'approved deals': x.approvedDeals,
        're-submissions refused': `${x.resubmissionsRefused}/${settings.raceSize}`,
        'burst ms': fmt.ms(x.approvalBurstMs),
        result: x.pass ? 'PASS' : 'FAIL',
      })),
    ),
  );
  const failures = runs.flatMap((r) =>
    r.races.flatMap((x, i) =>
      x.pass ? [] : [`${ENGINE_LABEL[r.engine]} race ${i + 1}: ${JSON.stringify({ ...x, pass: undefined })}`],
    ),
  );
  for (const m of medians)
    if (m.checkedNon2xx + m.rawNon2xx > 0) {
      const first = runs
        .find((r) => r.engine === m.engine)
        ?.repetitions.flatMap((x) => [...x.checked.failedSamples, ...x.raw.failedSamples])[0];
      failures.push(
        `${ENGINE_LABEL[m.engine]}: ${m.checkedNon2xx} checked and ${m.rawNon2xx} raw requests were not 2xx${first ? `; first: ${first.status} ${first.body} for ${first.request}` : ''}`,
      );
    }
  console.log(
    failures.length
      ? `\nFAIL\n  ${failures.join('\n  ')}`
      : '\nPASS: zero duplicate protections, no failed requests',
  );

  return {
    settings,
    postgresServer: server.throwaway ? 'throwaway cluster (scripts/pg-cluster.sh)' : 'BENCH_DATABASE_URL',
    median: medians,
    targets: Object.fromEntries(
      medians.map((m) => [m.engine, { ratio: m.ratio, ratioTarget: 0.5, met: m.ratio >= 0.5 }]),
    ),
    failures,
    runs,
  };
}

const scenario: Scenario = {
  name: 'deal-registration',
  description:
    'POST /api/v1/registrations (partnership check, conflict engine over a 50k-deal territory, audit, notices) over HTTP with autocannon, and 200 concurrent approvals of one customer',
  peer: 'a bench-only route in the same server inserting the same rows with no check (same auth, same transaction)',
  run,
};
export default scenario;

if (process.env[ROLE_ENV] === ROLE) await serveBench();
