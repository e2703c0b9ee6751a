import { CURRENCIES } from '../../../../common/deals.ts';
import { parseMoney, todayIso } from '../../lib/deals.ts';
import { formErrors } from '../../lib/errors.ts';

/** What the deal forms hold while typing (amount as typed; dates as YYYY-MM-DD or ''). */
export interface DealValues {
  partnerId: string | null;
  customerName: string;
  customerDomain: string;
  customerCountry: string | null;
  title: string;
  contactName: string;
  contactEmail: string;
  need: string;
  amount: string;
  currency: string | null;
  expectedClose: string;
  /** Amounts are per month (recurring commissions pay on it). */
  subscription: boolean;
}

/** An empty form (EUR by default). */
export const emptyDeal = (partnerId: string | null = null): DealValues => ({
  partnerId,
  customerName: '',
  customerDomain: '',
  customerCountry: null,
  title: '',
  contactName: '',
  contactEmail: '',
  need: '',
  amount: '',
  currency: 'EUR',
  expectedClose: '',
  subscription: false,
});

const DOMAIN = /^(https?:\/\/)?[^\s/]+\.[a-z]{2,}(\/\S*)?$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The checks the browser can make before the server does (the server repeats all of them). */
export const dealValidation = (needsPartner: false | string) => ({
  partnerId: (v: string | null) => (needsPartner && !v ? needsPartner : null),
  customerName: (v: string) => (v.trim().length < 2 ? 'At least 2 characters' : null),
  customerDomain: (v: string) =>
    v.trim() && !DOMAIN.test(v.trim()) ? 'Use a web address like contoso.com' : null,
  contactEmail: (v: string) =>
    v.trim() && !EMAIL.test(v.trim()) ? 'Use an address like anna@contoso.com' : null,
  currency: (v: string | null) => (v && CURRENCIES.includes(v) ? null : 'Choose a currency'),
  amount: (v: string, values: DealValues) => {
    if (!values.currency || !CURRENCIES.includes(values.currency)) return null;
    const parsed = parseMoney(v, values.currency);
    return parsed.ok ? null : parsed.error;
  },
  expectedClose: (v: string) => (v && v < todayIso() ? 'The expected close date is in the past' : null),
});

/** The fields every create endpoint takes, from the form (amount in minor units). */
export function dealPayload(v: DealValues) {
  const currency = v.currency ?? 'EUR';
  const amount = parseMoney(v.amount, currency);
  return {
    customerName: v.customerName.trim(),
    customerDomain: v.customerDomain.trim() || null,
    customerCountry: v.customerCountry,
    ...(v.title.trim() && { title: v.title.trim() }),
    contactName: v.contactName.trim(),
    contactEmail: v.contactEmail.trim(),
    need: v.need.trim(),
    amountMinor: amount.ok ? amount.minor : 0,
    currency,
    expectedClose: v.expectedClose || null,
    subscription: v.subscription,
  };
}

/** The server's field errors on the form's fields (`amountMinor` → amount, `vendorId` → partnerId). */
export function dealFormErrors(err: unknown): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const [field, message] of Object.entries(formErrors(err))) {
    const key =
      field === 'amountMinor'
        ? 'amount'
        : field === 'vendorId' || field === 'partnerId'
          ? 'partnerId'
          : field;
    errors[key] ??= message;
  }
  return errors;
}

/** Form fields the server's errors can land on; anything else shows as an alert. */
export const DEAL_FIELDS = Object.keys(emptyDeal());
