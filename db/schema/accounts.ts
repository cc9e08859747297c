import { sql } from 'drizzle-orm'
import { pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id, updatedAt } from './_columns'

export const roleEnum = pgEnum('role', ['survivor', 'moderator', 'triage', 'assessor', 'admin'])
export type Role = (typeof roleEnum.enumValues)[number]
export const STAFF_ROLES = ['moderator', 'triage', 'assessor', 'admin'] as const satisfies readonly Role[]
export type StaffRole = (typeof STAFF_ROLES)[number]

export const users = pgTable(
  'users',
  {
    id: id(),
    /** Stored lower-cased; unique. */
    email: text('email').notNull(),
    emailVerifiedAt: timestamp('email_verified_at', { withTimezone: true }),
    passwordHash: text('password_hash'),
    /** Own name or pseudonym, as the person chose. */
    displayName: text('display_name').notNull(),
    kind: text('kind', { enum: ['survivor', 'staff'] }).notNull(),
    locale: text('locale', { enum: ['nl', 'en'] }).notNull().default('nl'),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('users_email_unique').on(sql`lower(${t.email})`)],
)
export type User = typeof users.$inferSelect
export type NewUser = typeof users.$inferInsert

export const userRoles = pgTable(
  'user_roles',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: roleEnum('role').notNull(),
    grantedAt: createdAt(),
    grantedBy: uuid('granted_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.role] })],
)
export type UserRole = typeof userRoles.$inferSelect
