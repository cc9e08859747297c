import { eq } from 'drizzle-orm'
import { db, type DbOrTx } from '@db/client.server'
import { users } from '@db/schema/accounts'
import { applicationRegistrations } from '@db/schema/scheme-intake'
import type { Channel } from './for-intake.server'

export type ApplicationRegistrationView = {
  channel: Channel
  receivedOn: string
  registeredBy: string | null
  registeredByEmail: string | null
}

/**
 * How an application came in, for the assessors (ADR 0031): null for an online application;
 * for one entered from paper or a phone call, the channel, the day received and who entered
 * it (four-eyes: that person may not propose its decision).
 */
export async function getApplicationRegistration({ applicationId }: { applicationId: string }, tx: DbOrTx = db): Promise<ApplicationRegistrationView | null> {
  const [row] = await tx
    .select({
      channel: applicationRegistrations.channel,
      receivedOn: applicationRegistrations.receivedOn,
      registeredBy: applicationRegistrations.registeredBy,
      email: users.email,
    })
    .from(applicationRegistrations)
    .leftJoin(users, eq(users.id, applicationRegistrations.registeredBy))
    .where(eq(applicationRegistrations.applicationId, applicationId))
  return row
    ? {
        channel: row.channel,
        receivedOn: row.receivedOn,
        registeredBy: row.registeredBy,
        registeredByEmail: row.email ?? null,
      }
    : null
}
