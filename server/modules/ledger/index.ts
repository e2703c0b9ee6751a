export {
  COMMISSION_EVENTS,
  type CommissionEvent,
  ledgerReconcileJob,
  postDealCommissions,
  postMissedCommissions,
} from './ledger.commissions.ts';
export { convert, convertAt, importRates, rateBook } from './ledger.fx.ts';
export { setReferralFee, settleNetting } from './ledger.netting.ts';
export {
  EARNING_KINDS,
  type EntryKind,
  type EntryRow,
  type LineRow,
  linesFor,
  type NewEntry,
  PAYMENT_KINDS,
  postEntries,
  reverseEntries,
  selectLines,
} from './ledger.post.ts';
export { selectRulesThatPosted as rulesThatPosted } from './ledger.repo.ts';
export { ledgerRoutes } from './ledger.routes.ts';
export { clawbackDeal, presentEntries } from './ledger.service.ts';
export {
  DEFAULT_REPORTING_CURRENCY,
  type MoneySettings,
  moneySettingsOf,
  updateMoneySettings,
} from './ledger.settings.ts';
