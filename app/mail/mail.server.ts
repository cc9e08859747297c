import { and, eq, lt, sql } from 'drizzle-orm'
import nodemailer from 'nodemailer'
import { db, type DbOrTx } from '@db/client.server'
import { mailOutbox } from '@db/schema/accounts'
import { i18next } from '~/i18n/i18next.server'
import type { Lng } from '~/i18n/config'
import { enqueue } from '~/jobs/publisher.server'
import { getEnv } from '~/utils/env.server'
import { logger } from '~/utils/logger.server'

export type MailTemplate = 'confirmEmail' | 'resetPassword' | 'changeEmail' | 'invitation' | 'lifeStoryInvitation' | 'newMessage' | 'statusChanged' | 'reportsDue' | 'applicationReceived'

/** An absolute link for a mail; PUBLIC_URL in production, the local address otherwise. */
export function absoluteUrl(path: string, request?: Request) {
  const base = getEnv().PUBLIC_URL ?? (request ? new URL(request.url).origin : `http://localhost:${getEnv().PORT}`)
  return new URL(path, base).toString()
}

/**
 * Renders a message from the `mail` namespace in the person's language and puts it in the
 * outbox (inside the caller's transaction when given). Sending happens from the queue, with
 * retries, so an outage of the mail server loses nothing.
 */
export async function queueMail(
  { to, userId, template, locale, params }: { to: string; userId?: string | null; template: MailTemplate; locale: Lng; params: Record<string, string> },
  tx: DbOrTx = db,
) {
  const t = await i18next.getFixedT(locale, 'mail')
  const subject = t(`${template}.subject`, params)
  const text = [t('greeting'), '', t(`${template}.body`, params), '', t('signature'), '', t('footer')].join('\n')
  const [row] = await tx
    .insert(mailOutbox)
    .values({ toAddress: to, userId: userId ?? null, template, locale, subject, text })
    .returning({ id: mailOutbox.id })
  return row!.id
}

/** After the transaction that queued the mail has committed. */
export async function dispatchMail(id: string) {
  await enqueue('mail.send', { id }, { singletonKey: `mail:${id}` })
}

let transport: ReturnType<typeof nodemailer.createTransport> | undefined

/** The queue's handler: send through SMTP, or keep it in the development mailbox. */
export async function deliverMail({ id }: { id: string }) {
  const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.id, id))
  if (!mail || mail.status !== 'queued') return
  const env = getEnv()
  await db.update(mailOutbox).set({ attempts: sql`${mailOutbox.attempts} + 1` }).where(eq(mailOutbox.id, id))
  if (!env.SMTP_URL) {
    await db.update(mailOutbox).set({ status: 'kept' }).where(eq(mailOutbox.id, id))
    return
  }
  transport ??= nodemailer.createTransport(env.SMTP_URL)
  await transport.sendMail({ from: env.MAIL_FROM, to: mail.toAddress, subject: mail.subject, text: mail.text ?? '' })
  // Delivered: the body (which may hold a single-use link) is not kept.
  await db.update(mailOutbox).set({ status: 'sent', sentAt: new Date(), text: null }).where(eq(mailOutbox.id, id))
  logger.info({ template: mail.template }, 'mail sent')
}

/** Safety net: anything still queued after two minutes is put on the queue again. */
export async function requeueStuckMail() {
  const stuck = await db
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.status, 'queued'), lt(mailOutbox.createdAt, sql`now() - interval '2 minutes'`)))
  for (const m of stuck) await dispatchMail(m.id)
  return stuck.length
}

/** Development mailbox (/dev/mail): the newest messages. Never available in production. */
export async function listDevMailbox({ limit = 50 }: { limit?: number } = {}) {
  if (getEnv().APP_ENV === 'production') return []
  return db.select().from(mailOutbox).orderBy(sql`${mailOutbox.createdAt} desc`).limit(limit)
}
