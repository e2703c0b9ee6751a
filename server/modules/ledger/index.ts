export {
  EARNING_KINDS,
  type EntryRow,
  type NewEntry,
  PAYMENT_KINDS,
  postEntries,
  reverseEntries,
  selectLines,
} from './ledger.post.ts';
export { ledgerRoutes } from './ledger.routes.ts';
