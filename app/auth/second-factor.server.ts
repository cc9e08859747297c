import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server'
import QRCode from 'qrcode'
import { and, eq, isNull } from 'drizzle-orm'
import { randomBytes } from 'node:crypto'
import { db } from '@db/client.server'
import { passkeys, recoveryCodes, totpFactors } from '@db/schema/accounts'
import { recordAccess } from '~/audit/audit.server'
import { decryptField, encryptField, lookupHash } from '~/privacy/field-crypto.server'
import { getEnv } from '~/utils/env.server'
import { requiresPasskey } from './policy'
import { newTotpSecret, totpDelta, totpUri } from './totp'
import { deviceIdFor, issueDeviceCookie } from './device-cookie.server'
import { beginSignInAttempt, endSignInAttempt } from './sign-in-throttle.server'
import { renewSession, setWebauthnChallenge, type SessionContext } from './session.server'

// One step either side (±30 s) for clock drift (./totp); a used step is never accepted again.
const ISSUER = 'Erkenningsportaal'

function relyingParty(request: Request) {
  const url = new URL(getEnv().PUBLIC_URL ?? request.url)
  return { rpID: url.hostname, origin: url.origin }
}

// ——— TOTP ———

/** Starts (or restarts) TOTP enrolment: a new secret, kept encrypted until confirmed. */
export async function startTotpEnrolment({ userId, label }: { userId: string; label: string }) {
  const secret = newTotpSecret()
  await db
    .insert(totpFactors)
    .values({ userId, secretEncrypted: encryptField(secret) })
    .onConflictDoUpdate({ target: totpFactors.userId, set: { secretEncrypted: encryptField(secret), confirmedAt: null, lastUsedStep: null } })
  const otpauth = totpUri({ label, issuer: ISSUER, secret })
  const qrSvg = await QRCode.toString(otpauth, { type: 'svg', margin: 1 })
  return { secret, otpauth, qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(qrSvg).toString('base64')}` }
}

/** The secret of an enrolment in progress (to show it again after a wrong code). */
export async function getPendingTotp({ userId, label }: { userId: string; label: string }) {
  const [row] = await db.select().from(totpFactors).where(eq(totpFactors.userId, userId))
  if (!row || row.confirmedAt) return null
  const secret = decryptField(row.secretEncrypted)
  const otpauth = totpUri({ label, issuer: ISSUER, secret })
  const qrSvg = await QRCode.toString(otpauth, { type: 'svg', margin: 1 })
  return { secret, otpauth, qrDataUrl: `data:image/svg+xml;base64,${Buffer.from(qrSvg).toString('base64')}` }
}

function currentStep() {
  return Math.floor(Date.now() / 30_000)
}

/** Checks a code against the stored secret; accepts each 30-second step at most once. */
async function checkTotp({ userId, code, requireConfirmed }: { userId: string; code: string; requireConfirmed: boolean }) {
  const [row] = await db.select().from(totpFactors).where(eq(totpFactors.userId, userId))
  if (!row || (requireConfirmed && !row.confirmedAt)) return false
  const secret = decryptField(row.secretEncrypted)
  const token = code.replace(/\s/g, '')
  const delta = totpDelta(token, secret)
  if (delta === null) return false
  const step = currentStep() + delta
  if (row.lastUsedStep !== null && step <= row.lastUsedStep) return false
  await db.update(totpFactors).set({ lastUsedStep: step, confirmedAt: row.confirmedAt ?? new Date() }).where(eq(totpFactors.userId, userId))
  return true
}

export async function confirmTotpEnrolment({ userId, code }: { userId: string; code: string }) {
  return checkTotp({ userId, code, requireConfirmed: false })
}

export async function removeTotp({ userId }: { userId: string }) {
  await db.delete(totpFactors).where(eq(totpFactors.userId, userId))
}

// ——— Recovery codes ———

const codeHash = (code: string) => lookupHash({ kind: 'recoveryCode', value: code.replace(/[\s-]/g, '').toLowerCase() })

/** Ten new single-use codes (the old ones stop working). Shown once; only keyed hashes are stored. */
export async function generateRecoveryCodes({ userId }: { userId: string }) {
  const codes = Array.from({ length: 10 }, () => {
    const raw = randomBytes(8).toString('hex').slice(0, 10)
    return `${raw.slice(0, 5)}-${raw.slice(5)}`
  })
  await db.transaction(async (tx) => {
    await tx.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId))
    await tx.insert(recoveryCodes).values(codes.map((c) => ({ userId, codeHash: codeHash(c) })))
  })
  return codes
}

export async function countRecoveryCodes({ userId }: { userId: string }) {
  const rows = await db.select({ id: recoveryCodes.id }).from(recoveryCodes).where(and(eq(recoveryCodes.userId, userId), isNull(recoveryCodes.usedAt)))
  return rows.length
}

async function useRecoveryCode({ userId, code }: { userId: string; code: string }) {
  const used = await db
    .update(recoveryCodes)
    .set({ usedAt: new Date() })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, codeHash(code)), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id })
  return used.length === 1
}

// ——— Passkeys (WebAuthn) ———

export async function listPasskeys({ userId }: { userId: string }) {
  return db.select({ id: passkeys.credentialId, name: passkeys.name, createdAt: passkeys.createdAt, lastUsedAt: passkeys.lastUsedAt }).from(passkeys).where(eq(passkeys.userId, userId))
}

export async function passkeyRegistrationOptions({ ctx, request }: { ctx: SessionContext; request: Request }) {
  const { rpID } = relyingParty(request)
  const existing = await db.select().from(passkeys).where(eq(passkeys.userId, ctx.user.id))
  const options = await generateRegistrationOptions({
    rpName: ISSUER,
    rpID,
    userName: ctx.user.email,
    userDisplayName: ctx.user.displayName,
    userID: new TextEncoder().encode(ctx.user.id),
    attestationType: 'none',
    excludeCredentials: existing.map((p) => ({ id: p.credentialId, transports: (p.transports ?? undefined) as never })),
    authenticatorSelection: { residentKey: 'preferred', userVerification: 'preferred' },
  })
  await setWebauthnChallenge(ctx, options.challenge)
  return options
}

export async function registerPasskey({ ctx, request, response, name }: { ctx: SessionContext; request: Request; response: RegistrationResponseJSON; name: string }) {
  const { rpID, origin } = relyingParty(request)
  if (!ctx.session.webauthnChallenge) return { ok: false as const }
  const verification = await verifyRegistrationResponse({
    response,
    expectedChallenge: ctx.session.webauthnChallenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
    requireUserVerification: false,
  }).catch(() => null)
  await setWebauthnChallenge(ctx, null)
  if (!verification?.verified) return { ok: false as const }
  const { credential } = verification.registrationInfo
  await db.insert(passkeys).values({
    credentialId: credential.id,
    userId: ctx.user.id,
    publicKey: Buffer.from(credential.publicKey).toString('base64url'),
    counter: credential.counter,
    transports: credential.transports ?? null,
    name: name || 'Passkey',
  })
  return { ok: true as const }
}

export async function removePasskey({ userId, credentialId }: { userId: string; credentialId: string }) {
  await db.delete(passkeys).where(and(eq(passkeys.userId, userId), eq(passkeys.credentialId, credentialId)))
}

export async function passkeyAuthenticationOptions({ ctx, request }: { ctx: SessionContext; request: Request }) {
  const { rpID } = relyingParty(request)
  const existing = await db.select().from(passkeys).where(eq(passkeys.userId, ctx.user.id))
  const options = await generateAuthenticationOptions({
    rpID,
    allowCredentials: existing.map((p) => ({ id: p.credentialId, transports: (p.transports ?? undefined) as never })),
    userVerification: 'preferred',
  })
  await setWebauthnChallenge(ctx, options.challenge)
  return options
}

async function checkPasskey({ ctx, request, response }: { ctx: SessionContext; request: Request; response: AuthenticationResponseJSON }) {
  const { rpID, origin } = relyingParty(request)
  const challenge = ctx.session.webauthnChallenge
  await setWebauthnChallenge(ctx, null)
  if (!challenge) return false
  const [key] = await db.select().from(passkeys).where(and(eq(passkeys.userId, ctx.user.id), eq(passkeys.credentialId, response.id)))
  if (!key) return false
  const verification = await verifyAuthenticationResponse({
    response,
    expectedChallenge: challenge,
    expectedOrigin: origin,
    expectedRPID: rpID,
    credential: { id: key.credentialId, publicKey: new Uint8Array(Buffer.from(key.publicKey, 'base64url')), counter: key.counter, transports: (key.transports ?? undefined) as never },
    requireUserVerification: false,
  }).catch(() => null)
  if (!verification?.verified) return false
  await db.update(passkeys).set({ counter: verification.authenticationInfo.newCounter, lastUsedAt: new Date() }).where(eq(passkeys.credentialId, key.credentialId))
  return true
}

// ——— Completing sign-in and step-up ———

export type SecondFactorProof =
  | { method: 'totp'; code: string }
  | { method: 'recoveryCode'; code: string }
  | { method: 'passkey'; response: AuthenticationResponseJSON }

/**
 * The second step of sign-in, or a step-up. On success the session gets a fresh id and
 * a new authentication time. Staff without the factor their role needs go on to enrol.
 */
export async function proveSecondFactor({ ctx, request, proof, ip, purpose }: { ctx: SessionContext; request: Request; proof: SecondFactorProof; ip: string; purpose: 'signIn' | 'stepUp' }) {
  let ok = false
  if (proof.method === 'passkey') {
    // Not throttled: a passkey's signature cannot be guessed, so it stays a way in under attack.
    ok = await checkPasskey({ ctx, request, response: proof.response })
  } else {
    // Codes can be guessed: the same progressive throttle as the password step (throws SignInThrottledError).
    const deviceId = await deviceIdFor({ request, userId: ctx.user.id })
    const attempt = await beginSignInAttempt({ step: 'secondFactor', account: ctx.user.id, ip, deviceId })
    ok = proof.method === 'totp' ? await checkTotp({ userId: ctx.user.id, code: proof.code, requireConfirmed: true }) : await useRecoveryCode({ userId: ctx.user.id, code: proof.code })
    await endSignInAttempt(attempt, { ok })
  }

  await recordAccess({
    actor: { id: ctx.user.id, roles: ctx.user.roles },
    action: purpose === 'signIn' ? (ok ? 'auth.signIn' : 'auth.secondFactorFailed') : ok ? 'auth.stepUp' : 'auth.stepUpFailed',
    objectType: 'account',
    objectId: ctx.user.id,
    subjectId: ctx.user.kind === 'survivor' ? ctx.user.id : null,
    purpose: 'authentication',
    outcome: ok ? 'success' : 'failure',
    ip,
  })
  if (!ok) return { ok: false as const }

  const staff = ctx.user.roles.some((r) => r !== 'survivor')
  const needsPasskey = staff && requiresPasskey(ctx.user.roles) && proof.method === 'totp'
  const stage = needsPasskey && (await listPasskeys({ userId: ctx.user.id })).length === 0 ? 'enrol' : 'full'
  const cookie = await renewSession(ctx, { stage, mfaMethod: proof.method, authenticatedAt: new Date() }, request)
  // A completed sign-in marks this browser as the owner's (device-cookie.server.ts).
  const deviceCookie = purpose === 'signIn' && stage === 'full' ? await issueDeviceCookie({ userId: ctx.user.id }) : null
  return { ok: true as const, cookie, deviceCookie, stage }
}

/** After enrolling the factor a staff role needs, the session becomes a full one. */
export async function completeEnrolment({ ctx, request, method }: { ctx: SessionContext; request: Request; method: 'totp' | 'passkey' }) {
  return renewSession(ctx, { stage: 'full', mfaMethod: method, authenticatedAt: new Date() }, request)
}
