import { eq } from 'drizzle-orm'
import { db } from '@db/client.server'
import { userRoles, users } from '@db/schema/accounts'
import type { Lng } from '~/i18n/config'
import { absoluteUrl, dispatchMail, queueMail } from '~/mail/mail.server'
import { consumeToken, findUserByEmail, inspectToken, issueToken, normaliseEmail, type TokenStatus } from './account-tokens.server'
import { hashPassword } from './password.server'
import { limitAuthStep } from './rate-limit.server'

/**
 * Self-registration of a survivor. The answer is the same whether or not the address is
 * already known (no account probing); a known address gets no second account.
 */
export async function registerSurvivor(
  { email, password, displayName, locale, request, ip }: { email: string; password: string; displayName: string; locale: Lng; request: Request; ip: string },
) {
  await limitAuthStep({ step: 'register', ip, account: email })
  const passwordHash = await hashPassword(password)
  const mailId = await db.transaction(async (tx) => {
    if (await findUserByEmail(email, tx)) return null
    const [user] = await tx
      .insert(users)
      .values({ email: normaliseEmail(email), passwordHash, displayName, kind: 'survivor', locale })
      .returning({ id: users.id })
    await tx.insert(userRoles).values({ userId: user!.id, role: 'survivor' })
    const token = await issueToken({ purpose: 'confirmEmail', userId: user!.id }, tx)
    return queueMail(
      { to: normaliseEmail(email), userId: user!.id, template: 'confirmEmail', locale, params: { link: absoluteUrl(`/registreren/bevestigen/${token}`, request) } },
      tx,
    )
  })
  if (mailId) await dispatchMail(mailId)
}

export async function confirmEmail({ token }: { token: string }): Promise<TokenStatus> {
  const { status, row } = await inspectToken({ token, purpose: 'confirmEmail' })
  if (status !== 'ok' || !row?.userId) return status
  return db.transaction(async (tx) => {
    if (!(await consumeToken(row.tokenHash, tx))) return 'used'
    await tx.update(users).set({ emailVerifiedAt: new Date() }).where(eq(users.id, row.userId!))
    return 'ok'
  })
}

/** Sends a new confirmation link (same answer whether or not the address exists). */
export async function resendConfirmation({ email, request, ip }: { email: string; request: Request; ip: string }) {
  await limitAuthStep({ step: 'resend', ip, account: email })
  const user = await findUserByEmail(email)
  if (!user || user.emailVerifiedAt) return
  const mailId = await db.transaction(async (tx) => {
    const token = await issueToken({ purpose: 'confirmEmail', userId: user.id }, tx)
    return queueMail({ to: user.email, userId: user.id, template: 'confirmEmail', locale: user.locale, params: { link: absoluteUrl(`/registreren/bevestigen/${token}`, request) } }, tx)
  })
  await dispatchMail(mailId)
}
