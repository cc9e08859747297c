import { eq } from 'drizzle-orm'
import { db, type DbOrTx } from '@db/client.server'
import { passkeys, totpFactors, userRoles } from '@db/schema/accounts'
import { recordAccess } from '~/audit/audit.server'
import { findUserByEmail, normaliseEmail } from './account-tokens.server'
import { deviceIdFor, issueDeviceCookie } from './device-cookie.server'
import { hashPassword, verifyPassword } from './password.server'
import { requiresPasskey } from './policy'
import { createSession } from './session.server'
import { beginSignInAttempt, endSignInAttempt } from './sign-in-throttle.server'

/** Verifying against this when no account exists keeps the timing the same (no account probing). */
let dummyHash: Promise<string> | undefined
const getDummyHash = () => (dummyHash ??= hashPassword('not-a-real-password-but-same-cost'))

async function factorsOf(userId: string, tx: DbOrTx = db) {
  const [totp] = await tx.select({ confirmedAt: totpFactors.confirmedAt }).from(totpFactors).where(eq(totpFactors.userId, userId))
  const keys = await tx.select({ id: passkeys.credentialId }).from(passkeys).where(eq(passkeys.userId, userId))
  return { totp: Boolean(totp?.confirmedAt), passkeys: keys.length }
}

type SignInResult =
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

export async function getAccountFactors({ userId }: { userId: string }) {
  return factorsOf(userId)
}
