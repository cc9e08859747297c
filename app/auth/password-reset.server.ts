import { eq, sql } from 'drizzle-orm'
import { db } from '@db/client.server'
import { users } from '@db/schema/accounts'
import { absoluteUrl, dispatchMail, queueMail } from '~/mail/mail.server'
import { consumeToken, findUserByEmail, inspectToken, issueToken, type TokenStatus } from './account-tokens.server'
import { hashPassword } from './password.server'
import { limitAuthStep } from './rate-limit.server'
import { endAllSessions } from './session.server'

export async function requestPasswordReset({ email, request, ip }: { email: string; request: Request; ip: string }) {
  await limitAuthStep({ step: 'reset', ip, account: email })
  const user = await findUserByEmail(email)
  if (!user || user.disabledAt) return
  const mailId = await db.transaction(async (tx) => {
    const token = await issueToken({ purpose: 'resetPassword', userId: user.id }, tx)
    return queueMail({ to: user.email, userId: user.id, template: 'resetPassword', locale: user.locale, params: { link: absoluteUrl(`/wachtwoord-herstellen/${token}`, request) } }, tx)
  })
  await dispatchMail(mailId)
}

/**
 * Sets a new password and ends every session. It never signs the person in: the next
 * sign-in still asks for the second factor.
 */
export async function resetPassword({ token, password }: { token: string; password: string }): Promise<TokenStatus> {
  const { status, row } = await inspectToken({ token, purpose: 'resetPassword' })
  if (status !== 'ok' || !row?.userId) return status
  const passwordHash = await hashPassword(password)
  return db.transaction(async (tx) => {
    if (!(await consumeToken(row.tokenHash, tx))) return 'used'
    // A reset link proves control of the address, so it also confirms it.
    await tx
      .update(users)
      .set({ passwordHash, emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, now())` })
      .where(eq(users.id, row.userId!))
    await endAllSessions({ userId: row.userId! }, tx)
    return 'ok'
  })
}
