import { totpCode } from '~/auth/totp'
import { and, eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { accountTokens, mailOutbox, passkeys, sessions, users } from '@db/schema/accounts'
import { auditLog } from '@db/schema/audit'
import { createPersona, makeRequest, testContext } from '~/testing/personas.server'
import { action as securityAction } from '~/routes/account.beveiliging'
import { requestPasswordReset, resetPassword } from './password-reset.server'
import { confirmEmail, registerSurvivor } from './registration.server'
import { signInWithPassword } from './sign-in.server'
import { acceptInvitation, inviteStaff, setAccountDisabled } from './staff-accounts.server'
import { SignInThrottledError } from './sign-in-throttle.server'
import { confirmTotpEnrolment, generateRecoveryCodes, proveSecondFactor, startTotpEnrolment } from './second-factor.server'
import { createSession, getSessionContext } from './session.server'

afterAll(() => closeDb())

const request = makeRequest('/')
let ipCounter = 0
/** Each test signs in from its own address so the per-IP limit does not mix tests. */
const freshIp = () => `10.0.0.${++ipCounter}`

async function linkFromLastMail(to: string) {
  const [mail] = await db.select().from(mailOutbox).where(eq(mailOutbox.toAddress, to)).orderBy(mailOutbox.createdAt)
  const match = /https?:\/\/\S+/.exec(mail?.text ?? '')
  return match ? new URL(match[0]).pathname : null
}

function cookieHeader(setCookie: string) {
  return setCookie.split(';')[0]!
}

describe('registration and sign-in', () => {
  it('registers a survivor, confirms the address through the mailed link and signs in', async () => {
    const email = 'Nieuw.Lid@Example.nl'
    await registerSurvivor({ email, password: 'mijn eigen lange zin', displayName: 'Lotje', locale: 'nl', request, ip: freshIp() })
    const link = await linkFromLastMail('nieuw.lid@example.nl')
    expect(link).toMatch(/^\/registreren\/bevestigen\//)

    expect((await signInWithPassword({ email, password: 'mijn eigen lange zin', request, ip: freshIp() })).kind).toBe('unverified')
    expect(await confirmEmail({ token: link!.split('/').pop()! })).toBe('ok')
    expect(await confirmEmail({ token: link!.split('/').pop()! })).toBe('used')

    const result = await signInWithPassword({ email: 'nieuw.lid@example.nl', password: 'mijn eigen lange zin', request, ip: freshIp() })
    expect(result.kind).toBe('signedIn')
    if (result.kind !== 'signedIn') return
    expect(result.next).toBe('done')
    const ctx = await getSessionContext(makeRequest('/', { cookie: cookieHeader(result.cookie) }))
    expect(ctx?.user.roles).toEqual(['survivor'])
    expect(ctx?.session.idleTimeoutSeconds).toBe(2 * 60 * 60)
  })

  it('gives no second account and the same answer for a known address', async () => {
    const persona = await createPersona({ roles: ['survivor'] })
    await expect(registerSurvivor({ email: persona.email, password: 'nog een lange zin', displayName: 'X', locale: 'nl', request, ip: freshIp() })).resolves.toBeUndefined()
    const rows = await db.select().from(users).where(eq(users.email, persona.email))
    expect(rows).toHaveLength(1)
  })

  it('answers unknown accounts, wrong passwords and disabled accounts the same way, and logs the failures', async () => {
    const persona = await createPersona({ roles: ['survivor'] })
    const admin = await createPersona({ roles: ['admin'] })
    expect((await signInWithPassword({ email: 'niemand@example.nl', password: 'wat dan ook', request, ip: freshIp() })).kind).toBe('invalid')
    expect((await signInWithPassword({ email: persona.email, password: 'fout wachtwoord', request, ip: freshIp() })).kind).toBe('invalid')
    await setAccountDisabled({ admin: { id: admin.id, roles: admin.roles }, userId: persona.id, disabled: true, ip: '1.1.1.1' })
    expect((await signInWithPassword({ email: persona.email, password: persona.password, request, ip: freshIp() })).kind).toBe('invalid')
    const failures = await db.select().from(auditLog).where(and(eq(auditLog.action, 'auth.signInFailed'), eq(auditLog.objectId, persona.id)))
    expect(failures.length).toBe(2)
    expect(failures.every((f) => f.originHash && !f.originHash.includes('10.0.0'))).toBe(true)
  })

  it('makes a fresh browser wait after 20 failures for one account, even from different addresses', async () => {
    const persona = await createPersona({ roles: ['survivor'] })
    for (let i = 0; i < 20; i++) await signInWithPassword({ email: persona.email, password: 'fout', request, ip: freshIp() })
    await expect(signInWithPassword({ email: persona.email, password: persona.password, request, ip: freshIp() })).rejects.toBeInstanceOf(SignInThrottledError)
  })

  it('disabling an account ends its sessions at once', async () => {
    const persona = await createPersona({ roles: ['survivor'] })
    const admin = await createPersona({ roles: ['admin'] })
    expect(await getSessionContext(makeRequest('/', { cookie: persona.cookie }))).not.toBeNull()
    await setAccountDisabled({ admin: { id: admin.id, roles: admin.roles }, userId: persona.id, disabled: true, ip: '1.1.1.1' })
    expect(await getSessionContext(makeRequest('/', { cookie: persona.cookie }))).toBeNull()
    expect(await db.select().from(sessions).where(eq(sessions.userId, persona.id))).toHaveLength(0)
  })
})

describe('second factors', () => {
  it('enrols TOTP, asks for it at sign-in, and never accepts the same code twice', async () => {
    const persona = await createPersona({ roles: ['survivor'] })
    const { secret } = await startTotpEnrolment({ userId: persona.id, label: persona.email })
    expect(await confirmTotpEnrolment({ userId: persona.id, code: '000000' })).toBe(false)
    const code = totpCode(secret)
    expect(await confirmTotpEnrolment({ userId: persona.id, code })).toBe(true)

    const signIn = await signInWithPassword({ email: persona.email, password: persona.password, request, ip: freshIp() })
    expect(signIn.kind === 'signedIn' && signIn.next).toBe('secondFactor')
    if (signIn.kind !== 'signedIn') return
    const req = makeRequest('/', { cookie: cookieHeader(signIn.cookie) })
    const ctx = (await getSessionContext(req))!
    expect(ctx.session.stage).toBe('password')
    // The code used for enrolment is spent.
    expect((await proveSecondFactor({ ctx, request: req, proof: { method: 'totp', code }, ip: freshIp(), purpose: 'signIn' })).ok).toBe(false)
  })

  it('recovery codes work once each', async () => {
    const persona = await createPersona({ roles: ['survivor'], stage: 'password' })
    const [first] = await generateRecoveryCodes({ userId: persona.id })
    const req = makeRequest('/', { cookie: persona.cookie })
    const ctx = (await getSessionContext(req))!
    const ok = await proveSecondFactor({ ctx, request: req, proof: { method: 'recoveryCode', code: first! }, ip: freshIp(), purpose: 'signIn' })
    expect(ok.ok).toBe(true)
    // The owner cannot use it twice.
    const secondCookie = cookieHeader(await createSession({ userId: persona.id, stage: 'password', request }))
    const req2 = makeRequest('/', { cookie: secondCookie })
    const ctx2 = (await getSessionContext(req2))!
    expect((await proveSecondFactor({ ctx: ctx2, request: req2, proof: { method: 'recoveryCode', code: first! }, ip: freshIp(), purpose: 'signIn' })).ok).toBe(false)
    // Another account cannot use someone else's code.
    const other = await createPersona({ roles: ['survivor'], stage: 'password' })
    await generateRecoveryCodes({ userId: other.id })
    const req3 = makeRequest('/', { cookie: other.cookie })
    const ctx3 = (await getSessionContext(req3))!
    const [, secondCode] = await generateRecoveryCodes({ userId: persona.id })
    expect((await proveSecondFactor({ ctx: ctx3, request: req3, proof: { method: 'recoveryCode', code: secondCode! }, ip: freshIp(), purpose: 'signIn' })).ok).toBe(false)
  })

  it('a password reset never bypasses the second factor and ends all sessions', async () => {
    const persona = await createPersona({ roles: ['survivor'] })
    const { secret } = await startTotpEnrolment({ userId: persona.id, label: persona.email })
    await confirmTotpEnrolment({ userId: persona.id, code: totpCode(secret) })
    await requestPasswordReset({ email: persona.email, request, ip: freshIp() })
    const link = await linkFromLastMail(persona.email)
    expect(await resetPassword({ token: link!.split('/').pop()!, password: 'een heel nieuwe zin hier' })).toBe('ok')
    expect(await getSessionContext(makeRequest('/', { cookie: persona.cookie }))).toBeNull()
    const signIn = await signInWithPassword({ email: persona.email, password: 'een heel nieuwe zin hier', request, ip: freshIp() })
    expect(signIn.kind === 'signedIn' && signIn.next).toBe('secondFactor')
  })
})

describe('staff invitations', () => {
  it('creates a staff account once from an invitation; a used or expired link explains itself', async () => {
    const admin = await createPersona({ roles: ['admin'] })
    await inviteStaff({ admin: { id: admin.id, roles: admin.roles }, email: 'nieuwe.triage@example.nl', roles: ['triage'], locale: 'nl', request, ip: freshIp() })
    const token = (await linkFromLastMail('nieuwe.triage@example.nl'))!.split('/').pop()!
    const accepted = await acceptInvitation({ token, displayName: 'Tess', password: 'een lange staff zin' })
    expect(accepted.status).toBe('ok')
    expect((await acceptInvitation({ token, displayName: 'Tess', password: 'een lange staff zin' })).status).toBe('used')

    // Staff must enrol a second factor before any staff page opens.
    const signIn = await signInWithPassword({ email: 'nieuwe.triage@example.nl', password: 'een lange staff zin', request, ip: freshIp() })
    expect(signIn.kind === 'signedIn' && signIn.next).toBe('enrol')

    await inviteStaff({ admin: { id: admin.id, roles: admin.roles }, email: 'te.laat@example.nl', roles: ['moderator'], locale: 'nl', request, ip: freshIp() })
    const late = (await linkFromLastMail('te.laat@example.nl'))!.split('/').pop()!
    await db.update(accountTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(accountTokens.email, 'te.laat@example.nl'))
    expect((await acceptInvitation({ token: late, displayName: 'Laat', password: 'een lange staff zin' })).status).toBe('expired')
  })
})

describe("survivor A cannot touch survivor B's records", () => {
  it("removing B's passkey with A's session changes nothing", async () => {
    const a = await createPersona({ roles: ['survivor'] })
    const b = await createPersona({ roles: ['survivor'] })
    await db.insert(passkeys).values({ credentialId: 'cred-of-b', userId: b.id, publicKey: 'AAAA', name: 'B key' })
    const req = makeRequest('/account/beveiliging', { cookie: a.cookie, method: 'POST', form: { intent: 'removePasskey', credentialId: 'cred-of-b' } })
    await securityAction({ request: req, params: {}, context: testContext })
    expect(await db.select().from(passkeys).where(eq(passkeys.credentialId, 'cred-of-b'))).toHaveLength(1)
  })
})

describe('the account page', () => {
  it('shows the consent history and who looked, without staff names', async () => {
    const { grantConsent, withdrawConsent } = await import('~/consent/consent.server')
    const { recordAccess } = await import('~/audit/audit.server')
    const { loader } = await import('~/routes/account._index')
    const survivor = await createPersona({ roles: ['survivor'] })
    const moderator = await createPersona({ roles: ['moderator'] })
    const change = { subjectRef: survivor.id, userId: survivor.id, objectType: 'story' as const, objectId: 'story-1', purpose: 'monument.publishPublic' as const, locale: 'nl' as const, channel: 'web' as const }
    await grantConsent(change)
    await withdrawConsent(change)
    await recordAccess({ actor: { id: moderator.id, roles: moderator.roles }, action: 'story.view', objectType: 'story', objectId: 'story-1', subjectId: survivor.id, purpose: 'moderation', outcome: 'success', ip: '127.0.0.1' })

    const page = await loader({ request: makeRequest('/account', { cookie: survivor.cookie }), params: {}, context: testContext })
    expect(page.consentHistory.map((e) => e.action)).toEqual(['withdraw', 'grant'])
    expect(page.consentHistory[0]!.purpose).toBe('monument.publishPublic')
    expect(page.accesses).toHaveLength(1)
    expect(page.accesses[0]).toMatchObject({ role: 'moderator', action: 'story.view' })
    expect(JSON.stringify(page.accesses)).not.toContain(moderator.id)
  })
})
