import { eq } from 'drizzle-orm'
import { db, type DbOrTx } from '@db/client.server'
import { users } from '@db/schema/accounts'
import { applications } from '@db/schema/scheme'
import { toLng, type Lng } from '~/i18n/config'
import { absoluteUrl, queueMail } from '~/mail/mail.server'
import { formatLongDate, type IsoDate } from './dates'

/** Who to tell about an application: its applicant's address and language (none for an application without an account). */
async function applicantOf(applicationId: string, tx: DbOrTx) {
  const [row] = await tx
    .select({ email: users.email, locale: users.locale, userId: users.id })
    .from(applications)
    .innerJoin(users, eq(users.id, applications.applicantUserId))
    .where(eq(applications.id, applicationId))
  return row ?? null
}

/**
 * Queues the "something changed" mail to the applicant (no content, only a link). Returns the
 * mail id to dispatch after the transaction commits, or null when there is no one to tell.
 */
export async function notifyApplicant({ applicationId }: { applicationId: string }, tx: DbOrTx = db): Promise<string | null> {
  const row = await applicantOf(applicationId, tx)
  if (!row) return null
  return queueMail(
    { to: row.email, userId: row.userId, template: 'statusChanged', locale: row.locale, params: { link: absoluteUrl('/mijn-aanvraag') } },
    tx,
  )
}

/**
 * The acknowledgement the check page promises: the reference, the date, what happens next and
 * the decision term, with a link to the copy. Nothing about what happened (or the scheme's
 * name, which says it): a mailbox is not always private.
 */
export async function notifyReceived(
  { applicationId, reference, submittedOn, decisionDue }: { applicationId: string; reference: string; submittedOn: IsoDate; decisionDue: IsoDate },
  tx: DbOrTx,
): Promise<string | null> {
  const row = await applicantOf(applicationId, tx)
  if (!row) return null
  const locale: Lng = toLng(row.locale)
  return queueMail(
    {
      to: row.email,
      userId: row.userId,
      template: 'applicationReceived',
      locale,
      params: { reference, date: formatLongDate(submittedOn, locale), decisionDue: formatLongDate(decisionDue, locale), link: absoluteUrl('/mijn-aanvraag') },
    },
    tx,
  )
}
