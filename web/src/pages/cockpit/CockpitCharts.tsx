import { Group, Progress, Stack, Text, useMantineTheme } from '@mantine/core';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  ComposedChart,
  Legend,
  Line,
  Pie,
  PieChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import {
  AXIS,
  CategoryTick,
  ChartCard,
  legendText,
  SERIES,
  TOOLTIP,
} from '../../components/charts/ChartCard.tsx';
import {
  type Cockpit,
  compactNumber,
  formatAmount,
  formatDays,
  formatMajor,
  formatRatio,
  trendRows,
} from '../../lib/cockpit.ts';
import { formatMonth } from '../../lib/money.ts';

const monthTick = (m: string) => formatMonth(m).replace(/ (\d{2})(\d{2})$/, ' ’$2');

/** Won revenue by month, stacked by where it came from, with the channel share as a line. */
export function RevenueTrendChart({ cockpit }: { cockpit: Cockpit }) {
  const rows = trendRows(cockpit.trend, cockpit.currency);
  const money = (v: number) => formatMajor(v, cockpit.currency);
  const empty = rows.every((r) => r.sourced + r.influenced + (r.direct ?? 0) === 0);
  const portfolio = cockpit.scope === 'portfolio';
  return (
    <ChartCard
      title="Won revenue by month"
      description={
        portfolio
          ? `Partner-sourced and partner-influenced, in ${cockpit.currency} (direct deals belong to no portfolio)`
          : `Partner-sourced, partner-influenced and direct, in ${cockpit.currency}; the line is the channel share`
      }
      height={280}
      empty={empty && 'No won deals in this period.'}
    >
      <div
        role="img"
        aria-label={`Won revenue by month: ${rows
          .map(
            (r) =>
              `${formatMonth(r.month)} sourced ${money(r.sourced)}, influenced ${money(r.influenced)}${r.direct === null ? '' : `, direct ${money(r.direct)}`}`,
          )
          .join('; ')}`}
      >
        <ResponsiveContainer width="100%" height={280}>
          <ComposedChart data={rows} margin={{ top: 8, right: 4, bottom: 0, left: 0 }}>
            <CartesianGrid stroke="#f1f3f5" vertical={false} />
            <XAxis
              dataKey="month"
              tick={AXIS}
              tickLine={false}
              axisLine={false}
              tickFormatter={monthTick}
              minTickGap={8}
            />
            <YAxis
              yAxisId="money"
              tick={AXIS}
              tickLine={false}
              axisLine={false}
              tickFormatter={compactNumber}
              width={48}
            />
            {!portfolio && (
              <YAxis
                yAxisId="share"
                orientation="right"
                domain={[0, 100]}
                tick={AXIS}
                tickLine={false}
                axisLine={false}
                tickFormatter={(v: number) => `${v}%`}
                width={40}
              />
            )}
            <Tooltip
              contentStyle={TOOLTIP}
              labelFormatter={(m) => formatMonth(String(m))}
              formatter={(value, name) =>
                name === 'Channel share' ? [`${value} %`, name] : [money(Number(value)), name]
              }
            />
            <Legend wrapperStyle={{ fontSize: 13 }} iconType="circle" iconSize={9} formatter={legendText} />
            <Bar
              yAxisId="money"
              dataKey="sourced"
              name="Partner-sourced"
              stackId="r"
              fill={SERIES.sourced}
              maxBarSize={36}
            />
            <Bar
              yAxisId="money"
              dataKey="influenced"
              name="Partner-influenced"
              stackId="r"
              fill={SERIES.influenced}
              maxBarSize={36}
            />
            {!portfolio && (
              <>
                <Bar
                  yAxisId="money"
                  dataKey="direct"
                  name="Direct"
                  stackId="r"
                  fill={SERIES.direct}
                  radius={[4, 4, 0, 0]}
                  maxBarSize={36}
                />
                <Line
                  yAxisId="share"
                  type="monotone"
                  dataKey="channelShare"
                  name="Channel share"
                  stroke={SERIES.line}
                  strokeWidth={2.5}
                  dot={{ r: 3 }}
                  connectNulls
                />
              </>
            )}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </ChartCard>
  );
}

/** Active partners each month, and the partners who joined. */
export function PartnerActivityChart({ cockpit }: { cockpit: Cockpit }) {
  const theme = useMantineTheme();
  const rows = trendRows(cockpit.trend, cockpit.currency);
  return (
    <ChartCard
      title="Partners"
      description="Active partners (a deal event in the 12 months before) and partners who joined, by month"
      height={220}
      empty={rows.length === 0 && 'No months in this period.'}
    >
      <div
        role="img"
        aria-label={`Active partners by month: ${rows.map((r) => `${formatMonth(r.month)} ${r.activePartners}`).join(', ')}`}
      >
        <ResponsiveContainer width="100%" height={220}>
          <ComposedChart data={rows} margin={{ top: 8, right: 8, bottom: 0, left: -12 }}>
            <CartesianGrid stroke="#f1f3f5" vertical={false} />
            <XAxis
              dataKey="month"
              tick={AXIS}
              tickLine={false}
              axisLine={false}
              tickFormatter={monthTick}
              minTickGap={8}
            />
            <YAxis tick={AXIS} tickLine={false} axisLine={false} allowDecimals={false} />
            <Tooltip contentStyle={TOOLTIP} labelFormatter={(m) => formatMonth(String(m))} />
            <Legend wrapperStyle={{ fontSize: 13 }} iconType="circle" iconSize={9} formatter={legendText} />
            <Bar
              dataKey="newPartners"
              name="Joined"
              fill={theme.colors.moss?.[3] ?? '#83c4a4'}
              radius={[4, 4, 0, 0]}
              maxBarSize={24}
            />
            <Line
              type="monotone"
              dataKey="activePartners"
              name="Active"
              stroke={theme.colors.moss?.[7] ?? SERIES.sourced}
              strokeWidth={2.5}
              dot={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </ChartCard>
  );
}

/** A pair of bars: partner deals against direct ones, on one scale. */
function Versus({
  label,
  partner,
  direct,
  format,
  lowerIsBetter,
}: {
  label: string;
  partner: number | null;
  direct: number | null;
  format: (n: number) => string;
  lowerIsBetter?: boolean;
}) {
  const max = Math.max(partner ?? 0, direct ?? 0, 1e-9);
  const better =
    partner !== null && direct !== null && partner !== direct
      ? partner > direct !== Boolean(lowerIsBetter)
        ? 'partner'
        : 'direct'
      : null;
  const row = (who: 'partner' | 'direct', value: number | null) => (
    <Group gap="sm" wrap="nowrap">
      <Text size="xs" c="dimmed" w={92}>
        {who === 'partner' ? 'With partners' : 'Direct'}
      </Text>
      <Progress
        value={value === null ? 0 : (value / max) * 100}
        color={who === 'partner' ? SERIES.sourced : 'gray.4'}
        size={14}
        radius="sm"
        style={{ flex: 1 }}
        aria-label={`${label} ${who === 'partner' ? 'with partners' : 'direct'}`}
      />
      <Text size="sm" fw={better === who ? 700 : 500} w={86} ta="right">
        {value === null ? '—' : format(value)}
      </Text>
    </Group>
  );
  return (
    <Stack gap={6}>
      <Text size="sm" fw={600}>
        {label}
      </Text>
      {row('partner', partner)}
      {row('direct', direct)}
    </Stack>
  );
}

/** Win rate, deal size and time to close: deals with partners against direct ones. */
export function ComparisonCard({ cockpit }: { cockpit: Cockpit }) {
  const k = cockpit.kpis;
  return (
    <ChartCard
      title="With partners vs direct"
      description="Deals closed in the period with a partner on them, against those without"
      height={220}
    >
      <Stack gap="lg">
        <Versus
          label="Win rate"
          partner={k.winRate.partner}
          direct={k.winRate.direct}
          format={(n) => formatRatio(n)}
        />
        <Versus
          label="Average deal size"
          partner={k.avgDealSize.partner?.amountMinor ?? null}
          direct={k.avgDealSize.direct?.amountMinor ?? null}
          format={(n) => formatAmount(n, cockpit.currency)}
        />
        <Versus
          label="Time to close"
          partner={k.timeToClose.partner}
          direct={k.timeToClose.direct}
          format={formatDays}
          lowerIsBetter
        />
      </Stack>
    </ChartCard>
  );
}

type TopPartner = Cockpit['kpis']['concentration']['top'][number];

/** How much of the partner-sourced revenue the top ten partners bring, partner by partner. */
export function ConcentrationChart({ cockpit }: { cockpit: Cockpit }) {
  const { top, hhi, top10Share } = cockpit.kpis.concentration;
  const rows = top
    .slice(0, 10)
    .map((r) => ({ ...r, name: r.partner.name, percent: Math.round(r.share * 1000) / 10 }));
  const height = Math.max(rows.length, 3) * 28 + 8;
  return (
    <ChartCard
      title="Partner concentration"
      description={`Share of partner-sourced revenue by partner · top 10: ${formatRatio(top10Share)}${
        hhi === null ? '' : ` · HHI ${hhi.toLocaleString()}`
      }`}
      height={160}
      empty={rows.length === 0 && 'No partner-sourced revenue in this period.'}
    >
      <div
        role="img"
        aria-label={`Top partners by share of sourced revenue: ${rows.map((r) => `${r.name} ${r.percent} %`).join(', ')}`}
      >
        <ResponsiveContainer width="100%" height={height}>
          <BarChart data={rows} layout="vertical" margin={{ top: 0, right: 60, bottom: 0, left: 0 }}>
            <XAxis type="number" hide domain={[0, 'dataMax']} />
            <YAxis
              type="category"
              dataKey="name"
              width={150}
              tick={(props) => <CategoryTick {...props} max={20} />}
              tickLine={false}
              axisLine={false}
              interval={0}
            />
            <Tooltip
              cursor={{ fill: '#f8f9fa' }}
              contentStyle={TOOLTIP}
              formatter={(v, _n, item) => {
                const revenue = (item?.payload as TopPartner | undefined)?.revenue;
                return [`${v} %${revenue ? ` · ${formatAmount(revenue, cockpit.currency)}` : ''}`, 'Share'];
              }}
            />
            <Bar
              dataKey="percent"
              name="Share"
              fill={SERIES.sourced}
              radius={[0, 4, 4, 0]}
              barSize={16}
              label={{
                position: 'right',
                fontSize: 12,
                fill: '#495057',
                formatter: (v: unknown) => `${v}%`,
              }}
            />
          </BarChart>
        </ResponsiveContainer>
      </div>
    </ChartCard>
  );
}

/** Tiers as rows: tier (or "No tier"), its program, and its partners; biggest programs' tiers by rank. */
export function tierRows(
  cockpit: Cockpit,
): { key: string; tier: string; program: string; partners: number }[] {
  return cockpit.tiers
    .filter((t) => t.partners > 0)
    .map((t) => ({
      key: `${t.program.id}:${t.tier?.id ?? 'none'}`,
      tier: t.tier?.name ?? 'No tier',
      program: t.program.name,
      partners: t.partners,
    }));
}

const TIER_COLORS = ['#0b6c43', '#2a8c5d', '#5fb28a', '#aed9c4', '#1c7ed6', '#74c0fc', '#fab005', '#adb5bd'];

/** Partners by tier, as a ring with a legend below. */
export function TierChart({ cockpit }: { cockpit: Cockpit }) {
  const rows = tierRows(cockpit);
  const total = rows.reduce((s, r) => s + r.partners, 0);
  const programs = new Set(rows.map((r) => r.program)).size;
  return (
    <ChartCard
      title="Tier distribution"
      description="Partners enrolled in each tier of your programs, today"
      height={200}
      empty={rows.length === 0 && 'No partner is enrolled in a program yet.'}
    >
      <Stack gap="sm">
        <div
          role="img"
          aria-label={`Partners by tier: ${rows.map((r) => `${r.tier} (${r.program}) ${r.partners}`).join(', ')}`}
        >
          <ResponsiveContainer width="100%" height={170}>
            <PieChart>
              <Pie
                data={rows}
                dataKey="partners"
                nameKey="tier"
                innerRadius={52}
                outerRadius={78}
                paddingAngle={2}
                stroke="none"
              >
                {rows.map((r, i) => (
                  <Cell key={r.key} fill={TIER_COLORS[i % TIER_COLORS.length]} />
                ))}
              </Pie>
              <Tooltip contentStyle={TOOLTIP} />
              <text
                x="50%"
                y="50%"
                textAnchor="middle"
                dominantBaseline="central"
                fontSize={24}
                fontWeight={700}
                fill="#212529"
              >
                {total}
              </text>
            </PieChart>
          </ResponsiveContainer>
        </div>
        <Stack gap={6}>
          {rows.map((r, i) => (
            <Group key={r.key} gap={8} wrap="nowrap">
              <span
                style={{
                  width: 10,
                  height: 10,
                  borderRadius: 3,
                  background: TIER_COLORS[i % TIER_COLORS.length],
                  flexShrink: 0,
                }}
              />
              <Text size="sm" truncate style={{ flex: 1 }} title={`${r.tier} · ${r.program}`}>
                {r.tier}
                {programs > 1 && (
                  <Text span size="xs" c="dimmed">
                    {' '}
                    · {r.program}
                  </Text>
                )}
              </Text>
              <Text size="sm" fw={600}>
                {r.partners}
              </Text>
            </Group>
          ))}
        </Stack>
      </Stack>
    </ChartCard>
  );
}
