import { PARTNERSHIP_TYPES, type PartnershipType } from '../../../../common/deals.ts';
import { ApiError } from '../../lib/api.ts';
import { fieldErrors } from '../../lib/errors.ts';
import {
  type NewProgram,
  newKey,
  type OnboardingItem,
  type Program,
  type ProgramKind,
  type ProgramQuestion,
  type QuestionKind,
  questionId,
} from '../../lib/programs.ts';

/** A question while it is edited (choices one per line). */
export interface QuestionValues {
  key: string;
  /** The saved id (answers are keyed by it); new questions get one from their label. */
  id: string;
  label: string;
  kind: QuestionKind;
  options: string;
  required: boolean;
}

/** An onboarding task of the template while it is edited. */
export interface OnboardingValues {
  key: string;
  title: string;
  ownerSide: 'vendor' | 'partner';
  dueInDays: number | string;
}

/** The program's own fields while they are edited. */
export interface BasicsValues {
  name: string;
  kind: ProgramKind;
  currency: string;
  description: string;
  terms: string;
  partnershipTypes: string[];
  holdingDays: number | string;
  downgradeGraceDays: number | string;
}

/** Everything the new-program form holds. */
export interface ProgramValues extends BasicsValues {
  questions: QuestionValues[];
  onboarding: OnboardingValues[];
}

/** A new program's starting values (EUR, 30 days holding, 60 days grace). */
export const emptyProgram = (): ProgramValues => ({
  name: '',
  kind: 'reseller',
  currency: 'EUR',
  description: '',
  terms: '',
  partnershipTypes: [],
  holdingDays: 30,
  downgradeGraceDays: 60,
  questions: [],
  onboarding: [],
});

/** A saved program's own fields as the form holds them. */
export const basicsOf = (p: Program): BasicsValues => ({
  name: p.name,
  kind: p.kind,
  currency: p.currency,
  description: p.description,
  terms: p.terms,
  partnershipTypes: [...p.partnershipTypes],
  holdingDays: p.holdingDays,
  downgradeGraceDays: p.downgradeGraceDays,
});

/** Saved questions as the editor holds them. */
export const questionValues = (qs: readonly ProgramQuestion[]): QuestionValues[] =>
  qs.map((q) => ({
    key: q.id,
    id: q.id,
    label: q.label,
    kind: q.kind,
    options: (q.options ?? []).join('\n'),
    required: q.required ?? false,
  }));

/** A saved onboarding template as the editor holds it. */
export const onboardingValues = (items: readonly OnboardingItem[]): OnboardingValues[] =>
  items.map((o) => ({ key: newKey(), title: o.title, ownerSide: o.ownerSide, dueInDays: o.dueInDays }));

/** A new blank question. */
export const emptyQuestion = (): QuestionValues => ({
  key: newKey(),
  id: '',
  label: '',
  kind: 'text',
  options: '',
  required: false,
});

/** A new blank onboarding task. */
export const emptyTask = (): OnboardingValues => ({
  key: newKey(),
  title: '',
  ownerSide: 'partner',
  dueInDays: 14,
});

const days = (v: number | string) => (typeof v === 'number' ? v : Number.parseInt(v, 10));

/** Problems the browser can see in the program's own fields, by field. */
export function basicsErrors(v: BasicsValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (v.name.trim().length < 2) errors.name = 'At least 2 characters';
  if (v.kind === 'custom' && v.partnershipTypes.length === 0)
    errors.partnershipTypes = 'A custom program names the partnership types it creates';
  for (const field of ['holdingDays', 'downgradeGraceDays'] as const) {
    const n = days(v[field]);
    if (!Number.isInteger(n) || n < 0 || n > 365) errors[field] = 'From 0 to 365 days';
  }
  return errors;
}

/** Problems in the questions, keyed `index.field`. */
export function questionErrors(qs: readonly QuestionValues[]): Record<string, string> {
  const errors: Record<string, string> = {};
  qs.forEach((q, i) => {
    if (!q.label.trim()) errors[`${i}.label`] = 'Write the question';
    if (q.kind === 'choice' && splitOptions(q.options).length === 0)
      errors[`${i}.options`] = 'Give at least one choice, one per line';
  });
  return errors;
}

/** Problems in the onboarding template, keyed `index.field`. */
export function onboardingErrors(items: readonly OnboardingValues[]): Record<string, string> {
  const errors: Record<string, string> = {};
  items.forEach((o, i) => {
    if (!o.title.trim()) errors[`${i}.title`] = 'Name the task';
    const n = days(o.dueInDays);
    if (!Number.isInteger(n) || n < 0 || n > 365) errors[`${i}.dueInDays`] = '0 to 365';
  });
  return errors;
}

const splitOptions = (text: string) => [
  ...new Set(
    text
      .split('\n')
      .map((o) => o.trim())
      .filter(Boolean),
  ),
];

/** The program's own fields as the API takes them (partnership types only for custom programs, or when chosen). */
export function basicsPayload(v: BasicsValues) {
  const types = v.partnershipTypes.filter((t): t is PartnershipType =>
    (PARTNERSHIP_TYPES as readonly string[]).includes(t),
  );
  return {
    name: v.name.trim(),
    kind: v.kind,
    currency: v.currency,
    description: v.description.trim(),
    terms: v.terms.trim(),
    ...(types.length > 0 && { partnershipTypes: types }),
    holdingDays: days(v.holdingDays),
    downgradeGraceDays: days(v.downgradeGraceDays),
  };
}

/** The questions as the API takes them: new ones get an id from their label. */
export function questionsPayload(qs: readonly QuestionValues[]): ProgramQuestion[] {
  const taken = qs.map((q) => q.id).filter(Boolean);
  return qs.map((q) => {
    const id = q.id || questionId(q.label, taken);
    if (!q.id) taken.push(id);
    return {
      id,
      label: q.label.trim(),
      kind: q.kind,
      ...(q.kind === 'choice' && { options: splitOptions(q.options) }),
      required: q.required,
    };
  });
}

/** The onboarding template as the API takes it. */
export const onboardingPayload = (items: readonly OnboardingValues[]): OnboardingItem[] =>
  items.map((o) => ({ title: o.title.trim(), ownerSide: o.ownerSide, dueInDays: days(o.dueInDays) }));

/** The whole new program as the API takes it (a draft). */
export const programPayload = (v: ProgramValues): NewProgram => ({
  ...basicsPayload(v),
  questions: questionsPayload(v.questions),
  onboarding: onboardingPayload(v.onboarding),
  status: 'draft',
});

/**
 * The server's complaints by form field: `questions.1.label` → `questions` list key `1.label`;
 * a 409 naming a field (a taken name, a fixed currency) lands on that field.
 */
export function serverErrors(err: unknown): {
  basics: Record<string, string>;
  questions: Record<string, string>;
  onboarding: Record<string, string>;
} {
  const out = {
    basics: {} as Record<string, string>,
    questions: {} as Record<string, string>,
    onboarding: {} as Record<string, string>,
  };
  for (const [path, message] of Object.entries(fieldErrors(err))) {
    const [head, ...rest] = path.split('.');
    if ((head === 'questions' || head === 'onboarding') && rest.length >= 2)
      out[head][`${rest[0]}.${rest[1]}`] ??= message;
    else if (head) out.basics[head] ??= message;
  }
  if (err instanceof ApiError && err.status === 409) {
    const field = (err.body.error.details as { field?: unknown } | undefined)?.field;
    if (typeof field === 'string') out.basics[field] ??= err.body.error.message;
  }
  return out;
}

/** Whether any of the server's complaints landed on a field (else the form shows an alert). */
export const anyPlaced = (e: ReturnType<typeof serverErrors>) =>
  Object.keys(e.basics).length + Object.keys(e.questions).length + Object.keys(e.onboarding).length > 0;
