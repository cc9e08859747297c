import { check, date, index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core'
import { sql } from 'drizzle-orm'
import { createdAt } from './_columns'
import { users } from './accounts'
import { applications } from './scheme'

/**
 * An application that came in on paper or by phone (issue 17; ADR 0031): the channel, the day
 * it was received, the staff member who entered it (who may not propose its decision), and the
 * letter code with which the applicant may later claim it into an account (kept as a keyed
 * hash only; single use; it expires). Owned by app/scheme like the application itself.
 */
export const applicationRegistrations = pgTable(
  'application_registrations',
  {
    applicationId: uuid('application_id')
      .primaryKey()
      .references(() => applications.id, { onDelete: 'cascade' }),
    channel: text('channel', { enum: ['paper', 'phone'] }).notNull(),
    receivedOn: date('received_on').notNull(),
    registeredBy: uuid('registered_by').references(() => users.id, {
      onDelete: 'set null',
    }),
    claimCodeHash: text('claim_code_hash').unique(),
    claimCodeExpiresAt: timestamp('claim_code_expires_at', {
      withTimezone: true,
    }),
    claimedAt: timestamp('claimed_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('application_registrations_registered_by_idx').on(t.registeredBy), check('application_registrations_channel_check', sql`${t.channel} in ('paper', 'phone')`)]
)
export type ApplicationRegistration = typeof applicationRegistrations.$inferSelect
