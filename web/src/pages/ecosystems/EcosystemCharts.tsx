import { Card, Center, SimpleGrid, Skeleton, Text, Title, useMantineTheme } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { FACET_LABELS, type Facet } from '../../../../common/taxonomy/index.ts';
import { ErrorAlert } from '../../components/ErrorAlert.tsx';
import { topValues, trendRows } from '../../lib/ecosystems.ts';
import { ecosystemCompositionQuery, ecosystemTrendQuery } from '../../lib/queries.ts';

const AXIS = { fontSize: 12, fill: '#868e96' };

/** Active members week by week, against all members. */
export function TrendChart({ ecosystemId, windowDays }: { ecosystemId: string; windowDays: number }) {
  const theme = useMantineTheme();
  const brand = theme.colors.moss ?? theme.colors.green;
  const trend = useQuery(ecosystemTrendQuery(ecosystemId));
  const rows = trendRows(trend.data?.points ?? []);
  return (
    <Card padding="lg">
      <Title order={3} fz="md">
        Activity
      </Title>
      <Text size="xs" c="dimmed" mb="md">
        Active members each week (activity in the {windowDays} days before), and all members
      </Text>
      {trend.isPending ? (
        <Skeleton height={220} />
      ) : trend.isError ? (
        <ErrorAlert error={trend.error} onRetry={() => trend.refetch()} />
      ) : rows.length === 0 ? (
        <Center h={220}>
          <Text size="sm" c="dimmed">
            No activity yet.
          </Text>
        </Center>
      ) : (
        <div role="img" aria-label={`Active members per week: ${rows.map((r) => r.active).join(', ')}`}>
          <ResponsiveContainer width="100%" height={220}>
            <LineChart data={rows} margin={{ top: 4, right: 12, bottom: 0, left: -16 }}>
              <CartesianGrid stroke={theme.colors.gray[2]} vertical={false} />
              <XAxis dataKey="week" tick={AXIS} tickLine={false} axisLine={false} minTickGap={16} />
              <YAxis tick={AXIS} tickLine={false} axisLine={false} allowDecimals={false} />
              <Tooltip contentStyle={{ borderRadius: 8, fontSize: 13 }} />
              <Legend iconType="plainline" wrapperStyle={{ fontSize: 13 }} />
              <Line
                type="monotone"
                dataKey="members"
                name="Members"
                stroke={theme.colors.gray[5]}
                strokeWidth={2}
                strokeDasharray="4 4"
                dot={false}
              />
              <Line
                type="monotone"
                dataKey="active"
                name="Active"
                stroke={brand[7]}
                strokeWidth={2.5}
                dot={false}
                activeDot={{ r: 4 }}
              />
            </LineChart>
          </ResponsiveContainer>
        </div>
      )}
    </Card>
  );
}

const COMPOSITION: Facet[] = ['role', 'country', 'technology', 'practice'];
const BAR = 26;

const LABEL_WIDTH = 172;
const shorten = (label: string) => (label.length > 22 ? `${label.slice(0, 21)}…` : label);

/** A category label on one line, shortened, with the whole label on hover (Recharts would wrap it). */
function CategoryTick({
  x,
  y,
  payload,
  fill,
}: {
  x?: number | string;
  y?: number | string;
  payload?: { value: unknown };
  fill: string;
}) {
  const label = String(payload?.value ?? '');
  return (
    <text x={x} y={y} dy={4} textAnchor="end" fontSize={12} fill={fill}>
      <title>{label}</title>
      {shorten(label)}
    </text>
  );
}

/** What the members are: the eight most common values of four facets, as horizontal bars. */
export function CompositionCharts({ ecosystemId }: { ecosystemId: string }) {
  const theme = useMantineTheme();
  const brand = theme.colors.moss ?? theme.colors.green;
  const composition = useQuery(ecosystemCompositionQuery(ecosystemId));
  if (composition.isError)
    return <ErrorAlert error={composition.error} onRetry={() => composition.refetch()} />;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      {COMPOSITION.map((facet) => {
        const rows = topValues(composition.data?.facets[facet]).map((v) => ({
          ...v,
          short: shorten(v.label),
        }));
        return (
          <Card key={facet} padding="lg">
            <Title order={3} fz="md" mb="sm">
              By {FACET_LABELS[facet].toLowerCase()}
            </Title>
            {composition.isPending ? (
              <Skeleton height={8 * BAR} />
            ) : rows.length === 0 ? (
              <Text size="sm" c="dimmed">
                Not filled in by any member yet.
              </Text>
            ) : (
              <div
                role="img"
                aria-label={`Members by ${FACET_LABELS[facet].toLowerCase()}: ${rows
                  .map((r) => `${r.label} ${r.count}`)
                  .join(', ')}`}
              >
                <ResponsiveContainer width="100%" height={rows.length * BAR + 8}>
                  <BarChart data={rows} layout="vertical" margin={{ top: 0, right: 36, bottom: 0, left: 0 }}>
                    <XAxis type="number" hide allowDecimals={false} />
                    <YAxis
                      type="category"
                      dataKey="label"
                      width={LABEL_WIDTH}
                      tick={(props) => <CategoryTick {...props} fill={theme.colors.gray[7]} />}
                      tickLine={false}
                      axisLine={false}
                      interval={0}
                    />
                    <Tooltip
                      cursor={{ fill: theme.colors.gray[0] }}
                      contentStyle={{ borderRadius: 8, fontSize: 13 }}
                    />
                    <Bar
                      dataKey="count"
                      name="Members"
                      fill={brand[5]}
                      radius={[0, 4, 4, 0]}
                      barSize={16}
                      label={{ position: 'right', fontSize: 12, fill: theme.colors.gray[7] }}
                    />
                  </BarChart>
                </ResponsiveContainer>
              </div>
            )}
          </Card>
        );
      })}
    </SimpleGrid>
  );
}
