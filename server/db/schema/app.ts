import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { member, organization, user } from './auth.ts';

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
const orgId = () =>
  text('organization_id')
    .notNull()
    .references(() => organization.id, { onDelete: 'cascade' });

/** Who reports to whom inside one organization (alliance managers to the CPO, and so on). */
export const reportingLine = pgTable(
  'reporting_line',
  {
    organizationId: orgId(),
    memberId: text('member_id')
      .primaryKey()
      .references(() => member.id, { onDelete: 'cascade' }),
    managerMemberId: text('manager_member_id')
      .notNull()
      .references(() => member.id, { onDelete: 'cascade' }),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [
    index('reporting_line_manager_idx').on(t.organizationId, t.managerMemberId),
    check('reporting_line_not_self', sql`${t.memberId} <> ${t.managerMemberId}`),
  ],
);

/** A personal API token of one user in one organization; only its SHA-256 hash is stored. */
export const apiToken = pgTable(
  'api_token',
  {
    id: text('id').primaryKey(),
    organizationId: orgId(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdByUserId: text('created_by_user_id').references(() => user.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull().defaultNow(),
    expiresAt: ts('expires_at'),
    lastUsedAt: ts('last_used_at'),
    revokedAt: ts('revoked_at'),
  },
  (t) => [
    uniqueIndex('api_token_hash_uq').on(t.tokenHash),
    index('api_token_org_idx').on(t.organizationId, t.id),
  ],
);

/** Append-only record of every write; a trigger rejects UPDATE and DELETE. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    organizationId: orgId(),
    actorUserId: text('actor_user_id'),
    actorType: text('actor_type').notNull(),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    requestId: text('request_id'),
    data: jsonb('data'),
    createdAt: ts('created_at').notNull().defaultNow(),
  },
  (t) => [index('audit_log_org_idx').on(t.organizationId, t.id)],
);

/** Outgoing mail; sent by the mail job through SMTP when configured, else kept for the dev mailbox. */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: text('id').primaryKey(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    kind: text('kind').notNull(),
    createdAt: ts('created_at').notNull().defaultNow(),
    sentAt: ts('sent_at'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
  },
  (t) => [index('mail_outbox_created_idx').on(t.id)],
);

/** Instance-wide settings shared by every app process (for example the generated auth secret). */
export const instanceSetting = pgTable('instance_setting', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
});
