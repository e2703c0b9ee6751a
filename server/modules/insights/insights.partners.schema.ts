import { z } from 'zod';
import { pageOf, pageQuery } from '../../http/pagination.ts';
import { PARTNER_SORTS } from './insights.efficiency.ts';
import { REASON_KINDS } from './insights.recommend.reasons.ts';
import { TRUST_FACTORS } from './insights.trust.ts';

const id = z.string().max(64);

const money = z
  .object({
    amountMinor: z.number().int().describe('Integer minor units of the reporting currency'),
    currency: z.string().describe('ISO 4217 code: your reporting currency'),
  })
  .meta({ id: 'InsightsMoney' });

const sortFields = {
  sort: z
    .enum(PARTNER_SORTS)
    .default('trust')
    .describe(
      'trust, efficiency_day (won revenue per cycle day), efficiency_touch (per touch), won (won value), recent (last deal)',
    ),
  order: z
    .enum(['desc', 'asc'])
    .default('desc')
    .describe('desc (default) or asc; partners without the value come last'),
};

export const partnersQuery = pageQuery.extend(sortFields).strict();
export const partnersExportQuery = z.object(sortFields).strict();
export const trustParams = z.object({ partnerId: id.describe('The partner organization') }).strict();
export const candidateParams = z
  .object({ candidateId: id.describe('The recommended organization') })
  .strict();
export const recommendationsQuery = z
  .object({ limit: z.coerce.number().int().min(1).max(20).default(20).describe('How many (1–20)') })
  .strict();

export const feedbackBody = z
  .object({
    state: z
      .enum(['dismissed', 'snoozed'])
      .describe('dismissed: never show again; snoozed: "not now", until a date'),
    until: z.iso
      .datetime({ offset: true })
      .optional()
      .describe('snoozed only: when to show it again (future, within a year; default in 30 days)'),
  })
  .strict();

export const partnerInsightSchema = z
  .object({
    partner: z.object({ id: z.string(), name: z.string() }),
    trust: z
      .object({ score: z.number().int().describe('0–100'), computedAt: z.date() })
      .nullable()
      .describe('Null until the pair has been scored'),
    wonDeals: z.number().int().describe('Deals won together, either direction'),
    openDeals: z.number().int().describe('Deals together still open'),
    wonValue: money.describe('Value of the won deals'),
    cycleDays: z
      .number()
      .int()
      .describe('Σ over won deals of days from sending (or creation) to closing, at least 1 each'),
    touches: z.number().int().describe('Timeline events on all deals together, both sides'),
    revenuePerCycleDay: money.nullable().describe('Won value ÷ cycle days; null without a won deal'),
    revenuePerTouch: money.nullable().describe('Won value ÷ touches; null without a won deal'),
    lastDealAt: z.date().nullable().describe('When the latest deal together was created'),
  })
  .meta({ id: 'PartnerInsight' });

export const partnersPage = pageOf(partnerInsightSchema);

export const trustSchema = z
  .object({
    partner: z.object({ id: z.string(), name: z.string() }),
    score: z.number().int().describe('0–100: Σ weight × value'),
    computedAt: z.date().nullable(),
    factors: z.array(
      z.object({
        key: z.enum(TRUST_FACTORS),
        label: z.string(),
        description: z.string().describe('How the factor is measured, in plain words'),
        weight: z.number().describe('Points the factor is worth (weights sum to 100)'),
        value: z.number().describe('0–1'),
        contribution: z.number().describe('Points it contributes: weight × value'),
        raw: z.record(z.string(), z.unknown()).describe('The numbers behind the value'),
      }),
    ),
    model: z
      .object({
        version: z.number().int(),
        halfLifeDays: z.number().describe('Half-life of positive interactions (recency)'),
        tenureSaturationDays: z.number().describe('Partnership age at which tenure is full'),
        wonValueSaturation: z.number().describe('Won value (major units) at which won value is full'),
        winRateEvidence: z.number().describe('n ÷ (n + this) weighs the win rate by decided deals'),
        positiveStatuses: z.array(z.string()).describe('Deal states that count as positive interactions'),
      })
      .describe('The model’s constants'),
  })
  .meta({ id: 'TrustScore' });

export const recommendationSchema = z
  .object({
    candidate: z.object({
      id: z.string(),
      name: z.string(),
      countries: z.array(z.string()).describe('ISO 3166 codes from the public profile'),
      industries: z.array(z.string()),
    }),
    score: z.number().describe('0–1'),
    reasons: z.array(
      z.object({ kind: z.enum(REASON_KINDS), text: z.string().describe('The reason in plain words') }),
    ),
  })
  .meta({ id: 'Recommendation' });

export const feedbackSchema = z
  .object({
    candidateId: z.string(),
    state: z.enum(['dismissed', 'snoozed']),
    until: z.date().nullable().describe('When a snoozed recommendation shows again'),
  })
  .meta({ id: 'RecommendationFeedback' });
