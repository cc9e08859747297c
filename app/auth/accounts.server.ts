import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm'
import { db, type DbOrTx } from '@db/client.server'
import { accountTokens, passkeys, STAFF_ROLES, totpFactors, userRoles, users, type Role, type StaffRole } from '@db/schema/accounts'
import { recordAccess } from '~/audit/audit.server'
import type { Lng } from '~/i18n/config'
import { absoluteUrl, dispatchMail, queueMail } from '~/mail/mail.server'
import { hashPassword, verifyPassword } from './password.server'
import { deviceIdFor, issueDeviceCookie } from './device-cookie.server'
import { limitAuthStep } from './rate-limit.server'
import { beginSignInAttempt, endSignInAttempt } from './sign-in-throttle.server'
import { createSession, endAllSessions } from './session.server'
import { requiresPasskey } from './policy'
import { hashToken, randomToken } from './tokens.server'

const HOUR = 60 * 60 * 1000
export const TOKEN_LIFETIMES = {
  confirmEmail: 48 * HOUR,
  resetPassword: 1 * HOUR,
  changeEmail: 24 * HOUR,
  invitation: 72 * HOUR,
} as const

/** Verifying against this when no account exists keeps the timing the same (no account probing). */
let dummyHash: Promise<string> | undefined
const getDummyHash = () => (dummyHash ??= hashPassword('not-a-real-password-but-same-cost'))

export const normaliseEmail = (email: string) => email.trim().toLowerCase()

async function findUserByEmail(email: string, tx: DbOrTx = db) {
  const [user] = await tx.select().from(users).where(eq(sql`lower(${users.email})`, normaliseEmail(email)))
  return user ?? null
}

async function issueToken(
  values: Omit<typeof accountTokens.$inferInsert, 'tokenHash' | 'expiresAt'> & { purpose: keyof typeof TOKEN_LIFETIMES },
  tx: DbOrTx,
) {
  const token = randomToken()
  await tx.insert(accountTokens).values({
    ...values,
    tokenHash: hashToken(token),
    expiresAt: new Date(Date.now() + TOKEN_LIFETIMES[values.purpose]),
  })
  return token
}

export type TokenStatus = 'ok' | 'expired' | 'used' | 'invalid'

/** Looks a token up without using it (for the page that asks the person to confirm). */
export async function inspectToken({ token, purpose }: { token: string; purpose: keyof typeof TOKEN_LIFETIMES }) {
  const [row] = await db
    .select()
    .from(accountTokens)
    .where(and(eq(accountTokens.tokenHash, hashToken(token)), eq(accountTokens.purpose, purpose)))
  if (!row) return { status: 'invalid' as TokenStatus, row: null }
  if (row.usedAt) return { status: 'used' as TokenStatus, row }
  if (row.expiresAt.getTime() < Date.now()) return { status: 'expired' as TokenStatus, row }
  return { status: 'ok' as TokenStatus, row }
}

/** Marks a token used, exactly once even under concurrent clicks. */
async function consumeToken(tokenHash: string, tx: DbOrTx) {
  const used = await tx
    .update(accountTokens)
    .set({ usedAt: new Date() })
    .where(and(eq(accountTokens.tokenHash, tokenHash), isNull(accountTokens.usedAt), gt(accountTokens.expiresAt, sql`now()`)))
    .returning({ id: accountTokens.id })
  return used.length === 1
}

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

async function factorsOf(userId: string, tx: DbOrTx = db) {
  const [totp] = await tx.select({ confirmedAt: totpFactors.confirmedAt }).from(totpFactors).where(eq(totpFactors.userId, userId))
  const keys = await tx.select({ id: passkeys.credentialId }).from(passkeys).where(eq(passkeys.userId, userId))
  return { totp: Boolean(totp?.confirmedAt), passkeys: keys.length }
}

export type SignInResult =
  | { kind: 'invalid' }
  | { kind: 'unverified' }
  | { kind: 'signedIn'; cookie: string; deviceCookie: string | null; next: 'done' | 'secondFactor' | 'enrol' }

/**
 * Password step. Identical answers and similar timing for unknown accounts, wrong passwords
 * and disabled accounts; the throttle names the account by its address whether or not it
 * exists. A browser with this account's device cookie is held only by its own counter
 * (sign-in-throttle.server.ts). Which stage the new session starts in depends on the factors:
 * staff always need one (assessors and admins a passkey); survivors only if they added one.
 * Throws SignInThrottledError when the next attempt must wait.
 */
export async function signInWithPassword({ email, password, request, ip }: { email: string; password: string; request: Request; ip: string }): Promise<SignInResult> {
  const user = await findUserByEmail(email)
  const deviceId = await deviceIdFor({ request, userId: user?.id ?? null })
  const attempt = await beginSignInAttempt({ step: 'signIn', account: normaliseEmail(email), ip, deviceId })
  const ok = await verifyPassword(password, user?.passwordHash ?? (await getDummyHash()))
  if (!user || !ok || user.disabledAt) {
    await recordAccess({
      actor: user ? { id: user.id, roles: [] } : null,
      action: 'auth.signInFailed',
      objectType: 'account',
      objectId: user?.id ?? null,
      subjectId: user?.kind === 'survivor' ? user.id : null,
      purpose: 'authentication',
      outcome: 'failure',
      ip,
    })
    return { kind: 'invalid' }
  }
  // The right password: the counters of this account start again.
  await endSignInAttempt(attempt, { ok: true })
  if (!user.emailVerifiedAt) return { kind: 'unverified' }
  const roles = (await db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, user.id))).map((r) => r.role)
  const factors = await factorsOf(user.id)
  const staff = roles.some((r) => r !== 'survivor')
  let stage: 'full' | 'password' | 'enrol'
  if (staff) {
    const hasRequired = requiresPasskey(roles) ? factors.passkeys > 0 || factors.totp : factors.totp || factors.passkeys > 0
    stage = hasRequired ? 'password' : 'enrol'
  } else {
    stage = factors.totp || factors.passkeys > 0 ? 'password' : 'full'
  }
  const cookie = await createSession({ userId: user.id, stage, request })
  await recordAccess({
    actor: { id: user.id, roles },
    action: stage === 'full' ? 'auth.signIn' : 'auth.passwordAccepted',
    objectType: 'account',
    objectId: user.id,
    subjectId: user.kind === 'survivor' ? user.id : null,
    purpose: 'authentication',
    outcome: 'success',
    ip,
  })
  // Only a completed sign-in marks the browser as the owner's (with a second factor: after it).
  const deviceCookie = stage === 'full' ? await issueDeviceCookie({ userId: user.id }) : null
  return { kind: 'signedIn', cookie, deviceCookie, next: stage === 'full' ? 'done' : stage === 'password' ? 'secondFactor' : 'enrol' }
}

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

/** Staff accounts exist only by invitation: a single-use link that expires after 72 hours. */
export async function inviteStaff({ admin, email, roles, locale, request, ip }: { admin: { id: string; roles: Role[] }; email: string; roles: StaffRole[]; locale: Lng; request: Request; ip: string }) {
  const mailId = await db.transaction(async (tx) => {
    const token = await issueToken({ purpose: 'invitation', email: normaliseEmail(email), roles, invitedBy: admin.id }, tx)
    await recordAccess({ actor: admin, action: 'account.invite', objectType: 'invitation', objectId: null, purpose: 'administration', outcome: 'success', ip }, tx)
    return queueMail({ to: normaliseEmail(email), template: 'invitation', locale, params: { link: absoluteUrl(`/uitnodiging/${token}`, request) } }, tx)
  })
  await dispatchMail(mailId)
}

export async function acceptInvitation({ token, displayName, password }: { token: string; displayName: string; password: string }): Promise<{ status: TokenStatus | 'exists'; userId?: string }> {
  const { status, row } = await inspectToken({ token, purpose: 'invitation' })
  if (status !== 'ok' || !row?.email) return { status }
  const passwordHash = await hashPassword(password)
  return db.transaction(async (tx) => {
    if (await findUserByEmail(row.email!, tx)) return { status: 'exists' as const }
    if (!(await consumeToken(row.tokenHash, tx))) return { status: 'used' as const }
    const [user] = await tx
      .insert(users)
      .values({ email: row.email!, passwordHash, displayName, kind: 'staff', emailVerifiedAt: new Date() })
      .returning({ id: users.id })
    const roles = (row.roles ?? []).filter((r): r is StaffRole => (STAFF_ROLES as readonly string[]).includes(r))
    for (const role of roles) await tx.insert(userRoles).values({ userId: user!.id, role, grantedBy: row.invitedBy })
    return { status: 'ok' as const, userId: user!.id }
  })
}

export async function listAccounts() {
  const rows = await db
    .select({ id: users.id, email: users.email, displayName: users.displayName, kind: users.kind, disabledAt: users.disabledAt, createdAt: users.createdAt })
    .from(users)
    .where(eq(users.kind, 'staff'))
    .orderBy(asc(users.displayName))
  const roles = await db.select().from(userRoles)
  return rows.map((u) => ({ ...u, roles: roles.filter((r) => r.userId === u.id).map((r) => r.role) }))
}

/** Staff roles only; survivor accounts never hold staff roles. The last admin cannot lose the role. */
export async function setStaffRoles({ admin, userId, roles, ip }: { admin: { id: string; roles: Role[] }; userId: string; roles: StaffRole[]; ip: string }) {
  return db.transaction(async (tx) => {
    const [target] = await tx.select().from(users).where(eq(users.id, userId))
    if (!target || target.kind !== 'staff') return { ok: false as const, reason: 'notStaff' as const }
    if (!roles.includes('admin')) {
      const admins = await tx.select({ userId: userRoles.userId }).from(userRoles).where(eq(userRoles.role, 'admin'))
      if (admins.length === 1 && admins[0]!.userId === userId) return { ok: false as const, reason: 'lastAdmin' as const }
    }
    await tx.delete(userRoles).where(eq(userRoles.userId, userId))
    for (const role of roles) await tx.insert(userRoles).values({ userId, role, grantedBy: admin.id })
    await endAllSessions({ userId }, tx)
    await recordAccess({ actor: admin, action: 'account.setRoles', objectType: 'account', objectId: userId, purpose: 'administration', outcome: 'success', ip }, tx)
    return { ok: true as const }
  })
}

/** Disabling ends every session of the account at once. */
export async function setAccountDisabled({ admin, userId, disabled, ip }: { admin: { id: string; roles: Role[] }; userId: string; disabled: boolean; ip: string }) {
  if (userId === admin.id) return { ok: false as const }
  await db.transaction(async (tx) => {
    await tx.update(users).set({ disabledAt: disabled ? new Date() : null }).where(eq(users.id, userId))
    if (disabled) await endAllSessions({ userId }, tx)
    await recordAccess({ actor: admin, action: disabled ? 'account.disable' : 'account.enable', objectType: 'account', objectId: userId, purpose: 'administration', outcome: 'success', ip }, tx)
  })
  return { ok: true as const }
}

export async function getAccountFactors({ userId }: { userId: string }) {
  return factorsOf(userId)
}
