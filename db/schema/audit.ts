import { sql } from 'drizzle-orm'
import { bigint, check, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'

export const AUDIT_OUTCOMES = ['success', 'failure', 'denied'] as const
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number]

/**
 * The access log: who did what to which object, for whom, why, and with what outcome.
 * Never content. Append-only and hash-chained by database triggers (migration
 * `audit_triggers`): the trigger assigns `id`, `occurred_at`, `prev_hash` and `row_hash`
 * under an advisory lock, so whatever the client sends for those is overwritten.
 * No foreign keys: rows must outlive the accounts they mention.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    // Gapless and assigned by the trigger after it takes the chain lock, so id order is
    // chain order (a sequence value would be taken before the lock and could interleave).
    // The placeholder never reaches a row: the trigger replaces it, and the check refuses it.
    id: bigint('id', { mode: 'number' })
      .primaryKey()
      .$defaultFn(() => 0),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    actorRoles: text('actor_roles').array().notNull().default(sql`'{}'::text[]`),
    action: text('action').notNull(),
    objectType: text('object_type').notNull(),
    objectId: text('object_id'),
    /** The person the data concerns (usually a survivor). */
    subjectId: uuid('subject_id'),
    purpose: text('purpose').notNull(),
    outcome: text('outcome', { enum: AUDIT_OUTCOMES }).notNull(),
    /** Keyed hash of the client IP (hashOrigin), never the IP itself. */
    originHash: text('origin_hash'),
    prevHash: text('prev_hash')
      .notNull()
      .$defaultFn(() => ''),
    rowHash: text('row_hash')
      .notNull()
      .$defaultFn(() => ''),
  },
  (t) => [
    index('audit_log_subject_idx').on(t.subjectId, t.id.desc()),
    index('audit_log_actor_idx').on(t.actorId, t.id.desc()),
    index('audit_log_action_idx').on(t.action, t.id.desc()),
    index('audit_log_occurred_at_idx').on(t.occurredAt),
    check('audit_log_id_positive', sql`${t.id} > 0`),
    check('audit_log_outcome_check', sql`${t.outcome} in ('success', 'failure', 'denied')`),
    // Roles are joined with ',' in the hashed canonical text, so they may not contain one.
    check(
      'audit_log_actor_roles_check',
      sql`array_position(${t.actorRoles}, null) is null and array_to_string(${t.actorRoles}, ',') ~ '^([A-Za-z][A-Za-z0-9_.-]*(,[A-Za-z][A-Za-z0-9_.-]*)*)?$'`,
    ),
    check('audit_log_prev_hash_check', sql`${t.prevHash} ~ '^[0-9a-f]{64}$'`),
    check('audit_log_row_hash_check', sql`${t.rowHash} ~ '^[0-9a-f]{64}$'`),
  ],
)
export type AuditLogRow = typeof auditLog.$inferSelect
