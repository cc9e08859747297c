import { eq } from 'drizzle-orm'
import { applications } from '@db/schema/scheme'
import { applicationRegistrations } from '@db/schema/scheme-intake'
import { registerPersonalData } from '~/privacy/data-registry.server'

/**
 * How a person's claimed paper or phone application came in (ADR 0031): in their export. The
 * row is part of the submitted application, which the scheme keeps under its retention rules
 * (see ./personal-data.server.ts); it goes when the application goes (on delete cascade).
 */
registerPersonalData({
  name: 'schemeIntake',
  tables: ['application_registrations'],
  exportFor: async ({ userId, tx }) =>
    tx
      .select({
        reference: applications.reference,
        channel: applicationRegistrations.channel,
        receivedOn: applicationRegistrations.receivedOn,
        claimedAt: applicationRegistrations.claimedAt,
      })
      .from(applicationRegistrations)
      .innerJoin(applications, eq(applications.id, applicationRegistrations.applicationId))
      .where(eq(applications.applicantUserId, userId)),
  eraseFor: async () => ({}),
})
