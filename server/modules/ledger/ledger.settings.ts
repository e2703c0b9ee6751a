import type { Db } from '../../db/client.ts';
import type { MemberActor } from '../../http/actor.ts';
import { authorize } from '../../http/authorize.ts';
import { recordAudit } from '../audit/index.ts';
import * as repo from './ledger.repo.ts';

/** An organization's money settings. */
export interface MoneySettings {
  /** Reports convert to this currency. */
  reportingCurrency: string;
  /** Per currency, the least a partner's payable balance must reach to be paid out (minor units). */
  payoutMinimums: Record<string, number>;
  /** Null while the organization runs on the defaults. */
  updatedAt: Date | null;
}

/** The reporting currency an organization has until it chooses one. */
export const DEFAULT_REPORTING_CURRENCY = 'EUR';

/** The organization's money settings, or the defaults (EUR, no minimums) when it saved none. */
export async function moneySettingsOf(db: Db, orgId: string): Promise<MoneySettings> {
  const row = await repo.selectMoneySettings(db, orgId);
  return row
    ? {
        reportingCurrency: row.reportingCurrency,
        payoutMinimums: row.payoutMinimums as Record<string, number>,
        updatedAt: row.updatedAt,
      }
    : { reportingCurrency: DEFAULT_REPORTING_CURRENCY, payoutMinimums: {}, updatedAt: null };
}

/** The actor's organization's money settings. */
export async function getMoneySettings(db: Db, actor: MemberActor) {
  authorize(actor, 'money.read');
  return moneySettingsOf(db, actor.orgId);
}

/** Changes the reporting currency and/or replaces the payout minimums. */
export async function updateMoneySettings(
  db: Db,
  actor: MemberActor,
  input: { reportingCurrency?: string; payoutMinimums?: Record<string, number> },
) {
  authorize(actor, 'money.settings');
  return db.transaction(async (tx) => {
    const current = await moneySettingsOf(tx, actor.orgId);
    const next = {
      reportingCurrency: input.reportingCurrency ?? current.reportingCurrency,
      payoutMinimums: input.payoutMinimums ?? current.payoutMinimums,
    };
    await repo.upsertMoneySettings(tx, actor.scope, next);
    await recordAudit(tx, actor, {
      action: 'money.settings_updated',
      targetType: 'money_settings',
      data: input,
    });
    return moneySettingsOf(tx, actor.orgId);
  });
}
