import { Command, InvalidArgumentError } from 'commander';
import { FACETS } from '../common/taxonomy/index.ts';
import { loadEnv } from '../server/env.ts';
import { sweepDealsFlow } from '../server/flows/sweep-deals.ts';
import { parseRoles, serve } from '../server/main.ts';
import { DEMO_LOGINS, DEMO_PASSWORD, seedDemo } from '../server/seed/demo.ts';
import { startContext, stopContext } from '../server/start.ts';
import { importAccountsFromCli, summaryLines } from './accounts.ts';
import { registerCockpit } from './cockpit.ts';
import {
  describeError,
  listDeals,
  listPartnerships,
  moveDeal,
  proposePartnership,
  type RemoteOptions,
  registerDeal,
  remoteClient,
  sendReferral,
} from './deals.ts';
import { IMPORT_COLUMNS, importOrganizationsCsv } from './import.ts';
import { registerInsights } from './insights.ts';
import { importFxRates, listPayouts, listPrograms, runPayout, showEarnings } from './money.ts';
import {
  createEcosystemFromCli,
  createTokenFor,
  createUser,
  searchDirectoryFromCli,
  seedGeneratedOrgs,
  UsageError,
} from './operator.ts';
import { ensureWebBuild } from './web-build.ts';

const program = new Command('mycelium')
  .description('Mycelium: the partner-ecosystem platform')
  .showHelpAfterError();

const port = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new InvalidArgumentError('a port number 0–65535');
  return String(n);
};

/** Runs an operator command on a context without job workers, then closes it. */
async function withContext<T>(
  run: (ctx: Awaited<ReturnType<typeof startContext>>) => Promise<T>,
): Promise<T> {
  const env = loadEnv({ LOG_LEVEL: 'warn', ...process.env });
  const ctx = await startContext(env, { worker: false });
  try {
    return await run(ctx);
  } finally {
    await stopContext(ctx);
  }
}

program
  .command('start')
  .description('Build the web app if needed, migrate, load the demo on an empty database, and serve')
  .action(async () => {
    const env = loadEnv();
    ensureWebBuild((line) => console.log(line));
    let seeded = false;
    const running = await serve(env, ['api', 'worker'], {
      beforeListen: async (ctx) => {
        seeded = await seedDemo(ctx);
      },
    });
    const db = env.DATABASE_URL ? 'PostgreSQL (DATABASE_URL)' : `embedded PGlite in ${env.DATA_DIR}`;
    console.log(
      `\n  Mycelium is running at ${running.address}\n  Database: ${db}${seeded ? ' (demo ecosystem loaded)' : ''}`,
    );
    console.log(`\n  Demo logins (password "${DEMO_PASSWORD}"):`);
    for (const login of DEMO_LOGINS) console.log(`    ${login.email.padEnd(26)} ${login.what}`);
    console.log(
      `\n  API docs: ${running.address}/api/docs${running.ctx.env.devMailbox ? `   Dev mailbox: ${running.address}/dev/mailbox` : ''}\n`,
    );
  });

program
  .command('serve')
  .description('Run the server: the API, the job worker, or both')
  .option('-p, --port <port>', 'HTTP port (default PORT or 3000)', port)
  .option('-r, --roles <roles>', 'process roles: api, worker or api,worker', 'api,worker')
  .action(async (opts: { port?: string; roles: string }) => {
    const env = loadEnv({ ...process.env, ...(opts.port ? { PORT: opts.port } : {}) });
    const roles = parseRoles(opts.roles);
    const running = await serve(env, roles);
    console.log(`Mycelium ${roles.join('+')} started${running.address ? ` at ${running.address}` : ''}`);
  });

const db = program.command('db').description('Database operations');
db.command('migrate')
  .description('Apply pending migrations')
  .action(() => withContext(async () => console.log('Migrations applied.')));
const wholeNumber = (what: string) => (value: string) => {
  const n = Number(value.replaceAll('_', '').replaceAll(',', ''));
  if (!Number.isSafeInteger(n)) throw new InvalidArgumentError(what);
  return n;
};

db.command('seed')
  .description('Load data: the demo ecosystem, or generated organizations (bulk COPY)')
  .option('--demo', 'the demo ecosystem with 2,000 generated organizations (skipped when already loaded)')
  .option('--orgs <n>', 'generate and load this many organizations', wholeNumber('a whole number'))
  .option('--seed <s>', 'seed of the generator (same seed, same organizations)', wholeNumber('an integer'), 1)
  .action((opts: { demo?: boolean; orgs?: number; seed: number }) => {
    if (!opts.demo && opts.orgs === undefined) throw new UsageError('Say what to seed: --demo or --orgs <n>');
    return withContext(async (ctx) => {
      if (opts.demo) {
        const started = performance.now();
        const seeded = await seedDemo(ctx);
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        console.log(
          seeded
            ? `Demo ecosystem loaded in ${seconds} s. Password of every demo login: ${DEMO_PASSWORD}`
            : 'The demo ecosystem is already loaded.',
        );
      }
      if (opts.orgs !== undefined)
        await seedGeneratedOrgs(ctx, { orgs: opts.orgs, seed: opts.seed }, (line) => console.log(line));
    });
  });

program
  .command('import')
  .description('Import data from files')
  .command('orgs <file>')
  .description(
    `Add organizations without users from a CSV file (header row; columns ${IMPORT_COLUMNS.join(', ')}; several values in a cell separated by ";"); nothing is written unless every row is valid`,
  )
  .option('--dry-run', 'validate only; write nothing')
  .action((file: string, opts: { dryRun?: boolean }) =>
    withContext(async (ctx) => {
      const result = await importOrganizationsCsv(ctx, file, { dryRun: opts.dryRun });
      const some = (n: number, what: string) => `${n.toLocaleString('en')} ${what}${n === 1 ? '' : 's'}`;
      if (result.errors.length > 0) {
        for (const error of result.errors) console.error(error);
        console.error(
          `Nothing was imported: ${some(result.errors.length, 'error')} in ${some(result.rows, 'row')}.`,
        );
        process.exitCode = 1;
        return;
      }
      console.log(
        result.dryRun
          ? `${some(result.rows, 'row')} checked, all valid; nothing was written (dry run).`
          : `Imported ${some(result.imported, 'organization')}.`,
      );
    }),
  );

program
  .command('accounts')
  .description('Account mapping')
  .command('import <file>')
  .description(
    'Import a CSV file of accounts (Salesforce and HubSpot exports are recognized) into an organization, streamed from disk; re-imports update accounts by their id',
  )
  .requiredOption('--org <org>', 'organization slug or name')
  .option('--subject <org>', 'an offline partner (no users, a partnership with --org) whose list this is')
  .option('--remove-missing', 'remove accounts whose id is not in the file')
  .option(
    '--mapping <pairs>',
    'column=field pairs overriding the detected mapping, e.g. "Acct No=externalId,Notes=ignore"',
  )
  .action((file: string, opts: Parameters<typeof importAccountsFromCli>[2]) =>
    withContext(async (ctx) => {
      const tty = process.stderr.isTTY;
      const result = await importAccountsFromCli(ctx, file, opts, {
        print: (line) => console.log(line),
        progress: (line) => process.stderr.write(tty ? `\r${line}\x1b[K` : `${line}\n`),
      });
      if (tty) process.stderr.write('\n');
      for (const line of summaryLines(result)) console.log(line);
      if (result.import.status === 'failed') process.exitCode = 1;
    }),
  );

const directorySearch = program
  .command('directory')
  .description('The directory of organizations')
  .command('search [words...]')
  .description('Find listed organizations: typo-tolerant words and facet filters (comma-separated keys)')
  .option('--limit <n>', 'how many to print (1–100)', '20');
for (const facet of FACETS)
  directorySearch.option(`--${facet} <keys>`, `${facet} keys, e.g. ${facet === 'country' ? 'SE,NO' : '…'}`);
directorySearch.action((words: string[], opts: Parameters<typeof searchDirectoryFromCli>[2]) =>
  withContext(async (ctx) => {
    const result = await searchDirectoryFromCli(ctx, words, opts);
    for (const hit of result.data) {
      console.log([hit.name, hit.domain ?? '', hit.hqCountry ?? '', hit.roles.join(', ')].join('\t'));
    }
    console.log(
      `${result.approximate ? 'about ' : ''}${result.total.toLocaleString('en')} organizations match`,
    );
  }),
);

program
  .command('ecosystems')
  .description('Manage network-wide ecosystems')
  .command('create')
  .description(
    'Create a network-wide ecosystem (owned by no organization; its hub, if any, manages requests)',
  )
  .requiredOption('--name <name>', 'name')
  .option('--description <text>', 'what it is for')
  .option(
    '--filter <filter>',
    'dynamic membership by facets, e.g. "country=SE,NO;role=msp;practice=security-operations"',
  )
  .option('--visibility <v>', 'public or members', 'public')
  .option('--join-policy <p>', 'open, approval or invite', 'open')
  .option('--hub <org>', 'hub organization (slug or name)')
  .option('--parent <ecosystem>', 'parent ecosystem (id or slug)')
  .option('--window-days <days>', 'activity window for active members', '90')
  .action((opts: Parameters<typeof createEcosystemFromCli>[1]) =>
    withContext(async (ctx) => {
      const created = await createEcosystemFromCli(ctx, opts);
      console.log(`Created ${created.name} (${created.slug}).`);
    }),
  );

program
  .command('users')
  .description('Manage users')
  .command('create')
  .description('Create a user and add them to an organization (created if missing, with the user as owner)')
  .requiredOption('--email <email>', 'email address')
  .requiredOption('--password <password>', 'password (at least 10 characters)')
  .requiredOption('--org <org>', 'organization slug or name')
  .option('--role <role>', 'role in the organization', 'member')
  .option('--name <name>', 'display name')
  .action((opts: { email: string; password: string; org: string; role: string; name?: string }) =>
    withContext(async (ctx) => {
      const result = await createUser(ctx, opts);
      console.log(
        `${result.user.email} is ${result.role} of ${result.organization.name}${result.createdOrganization ? ' (new organization)' : ''}.`,
      );
    }),
  );

program
  .command('tokens')
  .description('Manage API tokens')
  .command('create')
  .description('Create an API token for a member and print it')
  .requiredOption('--user <email>', "the member's email")
  .requiredOption('--org <org>', 'organization slug or name')
  .option('--name <name>', 'what the token is for', 'CLI token')
  .option('--expires-days <days>', 'lifetime in days, or "never"', '90')
  .action((opts: { user: string; org: string; name: string; expiresDays: string }) =>
    withContext(async (ctx) => {
      const days = opts.expiresDays === 'never' ? null : Number(opts.expiresDays);
      if (days !== null && (!Number.isInteger(days) || days < 1 || days > 3650)) {
        throw new UsageError('--expires-days takes a whole number of days (1–3650) or "never"');
      }
      const created = await createTokenFor(ctx, {
        user: opts.user,
        org: opts.org,
        name: opts.name,
        expiresInDays: days,
      });
      console.log(created.token);
    }),
  );

/** Adds the options every command that talks to a running server takes. */
const remote = (command: Command) =>
  command
    .option('--url <url>', 'server address (MYCELIUM_URL, default http://localhost:3000)')
    .option('--token <token>', 'API token (MYCELIUM_TOKEN)');

/** Runs a remote command with the options commander parsed and prints its lines. */
async function printRemote<O>(
  run: (api: ReturnType<typeof remoteClient>, opts: O) => Promise<string | string[]>,
  opts: O & RemoteOptions,
) {
  for (const line of [await run(remoteClient(opts), opts)].flat()) console.log(line);
}

const partnerships = program.command('partnerships').description("Partnerships of the token's organization");
remote(
  partnerships.command('list').description('One line per partnership: id, partner, status, types, direction'),
)
  .option('--status <status>', 'proposed, active, paused, declined, withdrawn or ended')
  .action((opts) => printRemote(listPartnerships, opts));
remote(partnerships.command('propose').description('Propose a partnership to an organization'))
  .requiredOption('--partner <id>', "the organization's id")
  .requiredOption('--types <types>', 'comma-separated: resells, refers, co_sells, technology, serves')
  .option('--message <text>', 'a note to the partner')
  .action((opts) => printRemote(proposePartnership, opts));

const deals = program.command('deals').description('Referrals, registrations and pipeline');
remote(deals.command('list').description('One line per deal, newest first'))
  .option('--kind <kind>', 'referral, registration or opportunity')
  .option('--status <status>', 'only deals in this state')
  .option('--direction <d>', 'sent, received or co_selling')
  .option('--overdue', 'only deals waiting past their response time')
  .option('--limit <n>', 'how many (1–200)', '50')
  .action((opts) => printRemote(listDeals, opts));
const dealOptions = (command: Command) =>
  remote(command)
    .requiredOption('--customer <name>', "the customer company's name")
    .option('--domain <domain>', "the customer's web domain")
    .option('--country <code>', 'ISO country code, e.g. SE')
    .requiredOption('--amount <amount>', 'estimated value, e.g. 12500 or 12,500.50')
    .option('--currency <code>', 'ISO 4217 currency', 'EUR')
    .option('--close <date>', 'expected close date (YYYY-MM-DD)')
    .option('--need <text>', 'what the customer needs');
dealOptions(deals.command('refer').description('Send a referral to a partner'))
  .requiredOption('--partner <id>', "the partner organization's id")
  .action((opts) => printRemote(sendReferral, opts));
dealOptions(
  deals.command('register').description('Register an opportunity with a vendor (runs the conflict check)'),
)
  .requiredOption('--vendor <id>', "the vendor organization's id")
  .option('--draft', 'save as a draft instead of submitting')
  .action((opts) => printRemote(registerDeal, opts));
remote(
  deals
    .command('move <id> <state>')
    .description('Move a deal to another state (e.g. accepted, approved, won)'),
)
  .option('--reason <text>', 'why (needed to decline or reject)')
  .option('--won-amount <amount>', 'the final amount (needed to mark won)')
  .action(async (id: string, state: string, opts: RemoteOptions & { reason?: string; wonAmount?: string }) =>
    console.log(await moveDeal(remoteClient(opts), id, state, opts)),
  );
deals
  .command('sweep')
  .description('Operator: run the deal sweep now (expire protections, expiry warnings, overdue notices)')
  .action(() =>
    withContext(async (ctx) => {
      const { expired, warned, overdue } = await sweepDealsFlow(ctx, new Date());
      console.log(`${expired} protections expired, ${warned} expiry warnings, ${overdue} overdue notices.`);
    }),
  );

const programs = program.command('programs').description("Channel programs of the token's organization");
remote(programs.command('list').description('Your programs: id, name, kind, status, vendor, tiers'))
  .option('--available', "programs of other vendors you can join, with your enrollment's status")
  .action((opts) => printRemote(listPrograms, opts));

remote(program.command('earnings').description('What vendors owe you: pending, payable, in payout, paid'))
  .option('--vendor <id>', 'only what this vendor owes')
  .action((opts) => printRemote(showEarnings, opts));

const payouts = program.command('payouts').description('Pay partners (finance and admins)');
remote(payouts.command('run').description('Run a payout: one statement per partner for everything payable'))
  .requiredOption('--from <date>', 'period start (YYYY-MM-DD)')
  .requiredOption('--to <date>', 'period end (YYYY-MM-DD); entries available by its end are paid')
  .action((opts) => printRemote(runPayout, opts));
remote(payouts.command('list').description('The payouts you ran, newest first')).action((opts) =>
  printRemote((api) => listPayouts(api), opts),
);

const fx = program.command('fx').description('Exchange rates for reports in the reporting currency');
remote(fx.command('import <file>').description('Import dated rates from CSV: base,quote,date,rate')).action(
  async (file: string, opts: RemoteOptions) => console.log(await importFxRates(remoteClient(opts), file)),
);

registerInsights(program);
registerCockpit(program);

program.parseAsync(process.argv).catch((err: unknown) => {
  if (err instanceof UsageError) {
    console.error(`mycelium: ${err.message}`);
    process.exit(2);
  }
  const apiMessage = describeError(err);
  if (apiMessage) {
    console.error(`mycelium: ${apiMessage}`);
    process.exit(1);
  }
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
