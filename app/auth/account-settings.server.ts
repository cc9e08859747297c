import { eq } from 'drizzle-orm'
import { db } from '@db/client.server'
import { users } from '@db/schema/accounts'
import type { Lng } from '~/i18n/config'
import { absoluteUrl, dispatchMail, queueMail } from '~/mail/mail.server'
import { consumeToken, findUserByEmail, inspectToken, issueToken, normaliseEmail, type TokenStatus } from './account-tokens.server'
import { hashPassword, verifyPassword } from './password.server'
import { endAllSessions } from './session.server'

export async function changePassword({ userId, currentPassword, newPassword, keepTokenHash }: { userId: string; currentPassword: string; newPassword: string; keepTokenHash: string }) {
  const [user] = await db.select().from(users).where(eq(users.id, userId))
  if (!user?.passwordHash || !(await verifyPassword(currentPassword, user.passwordHash))) return { ok: false as const }
  await db.update(users).set({ passwordHash: await hashPassword(newPassword) }).where(eq(users.id, userId))
  await endAllSessions({ userId, exceptTokenHash: keepTokenHash })
  return { ok: true as const }
}

/** A confirmation link goes to the new address; the address changes only when it is used. */
export async function requestEmailChange({ userId, newEmail, locale, request }: { userId: string; newEmail: string; locale: Lng; request: Request }) {
  if (await findUserByEmail(newEmail)) return // same answer; no second account on one address
  const mailId = await db.transaction(async (tx) => {
    const token = await issueToken({ purpose: 'changeEmail', userId, email: normaliseEmail(newEmail) }, tx)
    return queueMail({ to: normaliseEmail(newEmail), userId, template: 'changeEmail', locale, params: { link: absoluteUrl(`/account/email/bevestigen/${token}`, request) } }, tx)
  })
  await dispatchMail(mailId)
}

export async function confirmEmailChange({ token, userId }: { token: string; userId: string }): Promise<TokenStatus> {
  const { status, row } = await inspectToken({ token, purpose: 'changeEmail' })
  if (status !== 'ok' || !row?.email) return status
  if (row.userId !== userId) return 'invalid'
  return db.transaction(async (tx) => {
    if (await findUserByEmail(row.email!, tx)) return 'invalid'
    if (!(await consumeToken(row.tokenHash, tx))) return 'used'
    await tx.update(users).set({ email: row.email!, emailVerifiedAt: new Date() }).where(eq(users.id, userId))
    return 'ok'
  })
}

export async function updatePreferences({ userId, displayName, locale }: { userId: string; displayName?: string; locale?: Lng }) {
  await db.update(users).set({ ...(displayName ? { displayName } : {}), ...(locale ? { locale } : {}) }).where(eq(users.id, userId))
}
