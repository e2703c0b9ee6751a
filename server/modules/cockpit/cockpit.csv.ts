import { stringify } from 'csv-stringify';
import { moneyInput } from '../../../common/money.ts';
import { safeCell } from '../../http/csv.ts';
import type { Cockpit } from './cockpit.schema.ts';

/** Columns of the cockpit export: one number per row, so every section fits one sheet. */
export const COCKPIT_CSV_COLUMNS = ['section', 'metric', 'month', 'value', 'unit'];

/** The cockpit's KPIs, monthly trend, top partners and roll-up as CSV; names go through safeCell. */
export function cockpitCsv(c: Cockpit) {
  const csv = stringify({ header: true, columns: COCKPIT_CSV_COLUMNS });
  const row = (section: string, metric: string, month: string, value: number | null, unit: string) =>
    csv.write([section, safeCell(metric), month, value === null ? '' : String(value), unit]);
  const money = (section: string, metric: string, month: string, m: { amountMinor: number } | null) =>
    csv.write([section, safeCell(metric), month, m ? moneyInput(m.amountMinor, c.currency) : '', c.currency]);
  const k = c.kpis;
  money('kpi', 'partner_sourced_revenue', '', k.partnerSourced.revenue);
  row('kpi', 'partner_sourced_deals', '', k.partnerSourced.deals, 'deals');
  money('kpi', 'partner_influenced_revenue', '', k.partnerInfluenced.revenue);
  row('kpi', 'partner_influenced_deals', '', k.partnerInfluenced.deals, 'deals');
  money('kpi', 'direct_revenue', '', k.direct?.revenue ?? null);
  row('kpi', 'direct_deals', '', k.direct?.deals ?? null, 'deals');
  row('kpi', 'channel_share', '', k.channelShare, 'ratio');
  row('kpi', 'active_partners', '', k.activePartners.active, 'partners');
  row('kpi', 'partners', '', k.activePartners.total, 'partners');
  row('kpi', 'active_ratio', '', k.activePartners.ratio, 'ratio');
  row('kpi', 'partners_joined', '', k.activation.joined, 'partners');
  row('kpi', 'partners_activated', '', k.activation.activated, 'partners');
  row('kpi', 'activation_rate', '', k.activation.rate, 'ratio');
  row('kpi', 'time_to_first_deal_median', '', k.timeToFirstDeal.medianDays, 'days');
  row('kpi', 'win_rate_partner', '', k.winRate.partner, 'ratio');
  row('kpi', 'win_rate_direct', '', k.winRate.direct, 'ratio');
  money('kpi', 'avg_deal_size_partner', '', k.avgDealSize.partner);
  money('kpi', 'avg_deal_size_direct', '', k.avgDealSize.direct);
  row('kpi', 'time_to_close_partner_median', '', k.timeToClose.partner, 'days');
  row('kpi', 'time_to_close_direct_median', '', k.timeToClose.direct, 'days');
  row('kpi', 'top10_share', '', k.concentration.top10Share, 'ratio');
  row('kpi', 'hhi', '', k.concentration.hhi, 'index');
  money('kpi', 'commissions', '', k.costOfIndirect.commissions);
  money('kpi', 'discounts', '', k.costOfIndirect.discounts);
  money('kpi', 'mdf', '', k.costOfIndirect.mdf);
  row('kpi', 'cost_of_indirect', '', k.costOfIndirect.costBps, 'bp');
  row('kpi', 'direct_cost_of_sale', '', k.costOfIndirect.directCostOfSaleBps, 'bp');
  money('kpi', 'p2p_revenue', '', k.p2p.revenue);
  row('kpi', 'p2p_share', '', k.p2p.share, 'ratio');
  for (const t of c.trend) {
    money('trend', 'sourced', t.month, t.sourced);
    money('trend', 'influenced', t.month, t.influenced);
    money('trend', 'direct', t.month, t.direct);
    row('trend', 'channel_share', t.month, t.channelShare, 'ratio');
    row('trend', 'active_partners', t.month, t.activePartners, 'partners');
    row('trend', 'new_partners', t.month, t.newPartners, 'partners');
    row('trend', 'won_deals', t.month, t.wonDeals, 'deals');
  }
  for (const t of c.tiers)
    row('tier', `${t.program.name}: ${t.tier?.name ?? 'no tier'}`, '', t.partners, 'partners');
  for (const t of k.concentration.top) money('top_partner', t.partner.name, '', t.revenue);
  for (const r of c.rollup) {
    money('rollup_sourced', r.user.name, '', r.sourced);
    money('rollup_influenced', r.user.name, '', r.influenced);
    row('rollup_won_deals', r.user.name, '', r.wonDeals, 'deals');
  }
  csv.end();
  return { csv, filename: `cockpit-${c.period.from}-to-${c.period.to}.csv` };
}
