import { sql } from 'drizzle-orm'
import { bigint, index, integer, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core'
import { createdAt, id, updatedAt } from './_columns'

import { ROLES, STAFF_ROLES, type Role, type StaffRole } from '../../app/auth/roles'
import { LOCALE_CODES } from '../../app/i18n/config'

export { STAFF_ROLES, type Role, type StaffRole }
export const roleEnum = pgEnum('role', ROLES)

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
    locale: text('locale', { enum: LOCALE_CODES }).notNull().default('nl'),
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

/**
 * Server-side sessions. The cookie holds a random 256-bit token; only its SHA-256 is stored,
 * so a database leak does not hand out valid sessions.
 */
export const sessions = pgTable('sessions', {
  idHash: text('id_hash').primaryKey(),
  userId: uuid('user_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** 'password': first factor done, second pending; 'enrol': staff must enrol a factor; 'full'. */
  stage: text('stage', { enum: ['password', 'enrol', 'full'] }).notNull(),
  createdAt: createdAt(),
  lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  idleTimeoutSeconds: integer('idle_timeout_seconds').notNull(),
  /** Last time the person proved who they are (sign-in or step-up). */
  authenticatedAt: timestamp('authenticated_at', { withTimezone: true }).notNull().defaultNow(),
  mfaMethod: text('mfa_method', { enum: ['totp', 'passkey', 'recoveryCode'] }),
  /** Pending WebAuthn challenge for this session. */
  webauthnChallenge: text('webauthn_challenge'),
  /** Browser family and OS only, for the session list; never the full user agent or IP. */
  deviceLabel: text('device_label'),
})
export type Session = typeof sessions.$inferSelect

/** Single-use, expiring links: e-mail confirmation, password reset, e-mail change, staff invitation. */
export const accountTokens = pgTable(
  'account_tokens',
  {
    id: id(),
    purpose: text('purpose', { enum: ['confirmEmail', 'resetPassword', 'changeEmail', 'invitation'] }).notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    /** New address (changeEmail) or invitee address (invitation). */
    email: text('email'),
    /** Invitation: the staff roles to grant. */
    roles: text('roles').array(),
    invitedBy: uuid('invited_by').references(() => users.id, { onDelete: 'set null' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('account_tokens_user_idx').on(t.userId)],
)
export type AccountToken = typeof accountTokens.$inferSelect

export const totpFactors = pgTable('totp_factors', {
  userId: uuid('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  /** Encrypted with the field-encryption key (app/privacy/field-crypto.server.ts). */
  secretEncrypted: text('secret_encrypted').notNull(),
  confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
  /** The last accepted 30-second step: a code is never accepted twice. */
  lastUsedStep: bigint('last_used_step', { mode: 'number' }),
  createdAt: createdAt(),
})

export const passkeys = pgTable(
  'passkeys',
  {
    credentialId: text('credential_id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    publicKey: text('public_key').notNull(),
    counter: bigint('counter', { mode: 'number' }).notNull().default(0),
    transports: text('transports').array(),
    name: text('name').notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
  },
  (t) => [index('passkeys_user_idx').on(t.userId)],
)
export type Passkey = typeof passkeys.$inferSelect

export const recoveryCodes = pgTable(
  'recovery_codes',
  {
    id: id(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('recovery_codes_user_idx').on(t.userId)],
)

/** Fixed-window counters for sign-in protection, shared by every portal process. */
export const rateLimitCounters = pgTable('rate_limit_counters', {
  bucket: text('bucket').primaryKey(),
  windowStart: timestamp('window_start', { withTimezone: true }).notNull(),
  hits: integer('hits').notNull(),
})

/**
 * Sign-in throttle (ADR 0006): one row per address, per account, per (account, address) and
 * per device cookie, each a count of attempts and the time before which the next one must
 * wait. Buckets are keyed hashes (no e-mail addresses or IPs); shared by every portal process.
 */
export const signInThrottle = pgTable('sign_in_throttle', {
  bucket: text('bucket').primaryKey(),
  failures: integer('failures').notNull().default(0),
  blockedUntil: timestamp('blocked_until', { withTimezone: true }),
  lastAttemptAt: timestamp('last_attempt_at', { withTimezone: true }).notNull().defaultNow(),
})

/**
 * Outgoing mail. Sent by the queue with retries; the body is cleared once delivered through
 * SMTP. Without SMTP_URL the rows are the development mailbox (/dev/mail).
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: id(),
    toAddress: text('to_address').notNull(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    template: text('template').notNull(),
    locale: text('locale', { enum: LOCALE_CODES }).notNull(),
    subject: text('subject').notNull(),
    text: text('text'),
    status: text('status', { enum: ['queued', 'sent', 'kept', 'failed'] }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    createdAt: createdAt(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [index('mail_outbox_created_idx').on(t.createdAt)],
)
