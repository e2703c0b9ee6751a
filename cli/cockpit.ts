// `mycelium cockpit`: the CPO cockpit in the terminal, through the typed API client like every
// remote command (cli/deals.ts, cli/money.ts).
import type { Command } from 'commander';
import type { ApiClient } from '../common/api/client.ts';
import { formatMoney } from '../common/money.ts';
import { type RemoteOptions, remoteClient } from './deals.ts';

/** The filters `mycelium cockpit` takes, as commander parses them. */
export interface CockpitOptions {
  from?: string;
  to?: string;
  program?: string;
  tier?: string;
  region?: string;
  industry?: string;
  manager?: string;
  csv?: boolean;
}

type Money = { amountMinor: number; currency: string };
const money = (m: Money | null | undefined) => (m ? formatMoney(m, false, 'en') : '–');
const pct = (r: number | null | undefined) =>
  r === null || r === undefined ? '–' : `${(r * 100).toFixed(1)} %`;
const daysOf = (d: number | null | undefined) => (d === null || d === undefined ? '–' : `${d} days`);
const columns = (...cells: (string | number | null | undefined)[]) => cells.map((c) => c ?? '').join('\t');

const queryOf = (o: CockpitOptions) => ({
  from: o.from,
  to: o.to,
  programId: o.program,
  tierId: o.tier,
  region: o.region,
  industry: o.industry,
  allianceManagerId: o.manager,
});

/** `mycelium cockpit`: the KPIs, the monthly trend and the roll-up (or, with --csv, the CSV export). */
export async function showCockpit(api: ApiClient, opts: CockpitOptions): Promise<string[]> {
  if (opts.csv) {
    const { data } = await api.GET('/api/v1/cockpit/export.csv', {
      params: { query: queryOf(opts) },
      parseAs: 'text',
    });
    return [String(data).trimEnd()];
  }
  const { data } = await api.GET('/api/v1/cockpit', { params: { query: queryOf(opts) } });
  const c = data!;
  const k = c.kpis;
  const lines = [
    `Cockpit ${c.period.from} to ${c.period.to} (${c.scope === 'organization' ? 'whole organization' : 'your portfolio'}, ${c.currency})`,
    '',
    columns('Partner-sourced', money(k.partnerSourced.revenue), `${k.partnerSourced.deals} deals`),
    columns('Partner-influenced', money(k.partnerInfluenced.revenue), `${k.partnerInfluenced.deals} deals`),
    columns('Direct', k.direct ? money(k.direct.revenue) : '–', k.direct ? `${k.direct.deals} deals` : ''),
    columns('Channel share', pct(k.channelShare)),
    columns(
      'Active partners',
      `${k.activePartners.active} of ${k.activePartners.total}`,
      pct(k.activePartners.ratio),
    ),
    columns(
      'Activation',
      `${k.activation.activated} of ${k.activation.joined} joined`,
      pct(k.activation.rate),
    ),
    columns(
      'Time to first deal',
      daysOf(k.timeToFirstDeal.medianDays),
      `median of ${k.timeToFirstDeal.partners}`,
    ),
    columns('Win rate', `partners ${pct(k.winRate.partner)}`, `direct ${pct(k.winRate.direct)}`),
    columns(
      'Avg deal size',
      `partners ${money(k.avgDealSize.partner)}`,
      `direct ${money(k.avgDealSize.direct)}`,
    ),
    columns(
      'Time to close',
      `partners ${daysOf(k.timeToClose.partner)}`,
      `direct ${daysOf(k.timeToClose.direct)}`,
    ),
    columns(
      'Concentration',
      `top 10 ${pct(k.concentration.top10Share)}`,
      `HHI ${k.concentration.hhi ?? '–'}`,
    ),
    columns(
      'Cost of indirect',
      k.costOfIndirect.costBps === null ? '–' : `${(k.costOfIndirect.costBps / 100).toFixed(2)} %`,
      `direct ${(k.costOfIndirect.directCostOfSaleBps / 100).toFixed(2)} %`,
    ),
    columns('P2P revenue', money(k.p2p.revenue), pct(k.p2p.share)),
    '',
    columns('month', 'sourced', 'influenced', 'direct', 'channel share', 'active partners', 'new', 'won'),
    ...c.trend.map((t) =>
      columns(
        t.month,
        money(t.sourced),
        money(t.influenced),
        money(t.direct),
        pct(t.channelShare),
        t.activePartners,
        t.newPartners,
        t.wonDeals,
      ),
    ),
  ];
  if (c.rollup.length)
    lines.push(
      '',
      columns('alliance manager', 'partners', 'sourced', 'influenced', 'won', 'win rate'),
      ...c.rollup.map((r) =>
        columns(r.user.name, r.partners, money(r.sourced), money(r.influenced), r.wonDeals, pct(r.winRate)),
      ),
    );
  return lines;
}

/** Registers `mycelium cockpit`. */
export function registerCockpit(program: Command) {
  program
    .command('cockpit')
    .description('The CPO cockpit: partner-sourced vs influenced revenue, partners, costs, trend and roll-up')
    .option('--from <date>', 'period start (YYYY-MM-DD); default: this month and the 11 before')
    .option('--to <date>', 'period end (YYYY-MM-DD); default: today')
    .option('--program <id>', 'only partners in this program')
    .option('--tier <id>', 'only partners at this tier')
    .option(
      '--region <code>',
      'only partners serving this UN M49 region, e.g. 150 (Europe), 154 (Northern Europe)',
    )
    .option('--industry <code>', 'only partners in this NAICS sector, e.g. 62')
    .option('--manager <userId>', 'only partnerships this alliance manager (or their reports) owns')
    .option('--csv', 'print the CSV export instead')
    .option('--url <url>', 'server address (MYCELIUM_URL, default http://localhost:3000)')
    .option('--token <token>', 'API token (MYCELIUM_TOKEN)')
    .action(async (opts: CockpitOptions & RemoteOptions) => {
      for (const line of await showCockpit(remoteClient(opts), opts)) console.log(line);
    });
}
