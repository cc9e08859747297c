import { readFileSync } from 'node:fs'
import { totpCode } from '~/auth/totp'
import { sql as dsql } from 'drizzle-orm'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { closeDb, db } from '@db/client.server'
import { signInThrottle } from '@db/schema/accounts'
import { action as passwordStep } from '~/routes/inloggen._index'
import { action as secondStep } from '~/routes/inloggen.tweede-stap'
import { createPersona } from '~/testing/personas.server'
import { confirmTotpEnrolment, generateRecoveryCodes, startTotpEnrolment } from './second-factor.server'
import { beginSignInAttempt, SignInThrottledError, THROTTLE_DELAYS_SECONDS, waitMessageKey } from './sign-in-throttle.server'

afterAll(() => closeDb())

let ipCounter = 0
/** A new address for each call: an attacker with many addresses, or the owner somewhere new. */
const freshIp = () => `10.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}.1`

type Answer = { status: number; retryAfter: number | null; formErrors: string[]; cookies: string[]; location: string | null }

/** Reads what a sign-in action answered: a redirect Response, or data() with a status. */
function answer(result: unknown): Answer {
  if (result instanceof Response) {
    return {
      status: result.status,
      retryAfter: null,
      formErrors: [],
      cookies: result.headers.getSetCookie().map((c) => c.split(';')[0]!),
      location: result.headers.get('Location'),
    }
  }
  const { data, init } = result as { data: { result: { error?: Record<string, string[] | null> } | null }; init?: { status?: number; headers?: Record<string, string> } }
  return {
    status: init?.status ?? 200,
    retryAfter: init?.headers?.['Retry-After'] ? Number(init.headers['Retry-After']) : null,
    formErrors: data.result?.error?.[''] ?? [],
    cookies: [],
    location: null,
  }
}

function post(path: string, { form, cookie }: { form: Record<string, string>; cookie?: string }) {
  const body = new FormData()
  for (const [k, v] of Object.entries(form)) body.append(k, v)
  const headers = new Headers({ 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0 Safari/537.36' })
  if (cookie) headers.set('Cookie', cookie)
  return new Request(`http://localhost:3000${path}`, { method: 'POST', headers, body })
}

async function signIn({ email, password, ip, cookie }: { email: string; password: string; ip: string; cookie?: string }) {
  const request = post('/inloggen?index', { form: { email, password }, cookie })
  return answer(await passwordStep({ request, params: {}, context: { cspNonce: 'n', clientIp: ip } }))
}

async function proveCode({ cookie, ip, form }: { cookie: string; ip: string; form: Record<string, string> }) {
  const request = post('/inloggen/tweede-stap', { form, cookie })
  return answer(await secondStep({ request, params: {}, context: { cspNonce: 'n', clientIp: ip } }))
}

const deviceCookieOf = (a: Answer) => a.cookies.find((c) => c.startsWith('device='))
const sessionCookieOf = (a: Answer) => a.cookies.find((c) => c.startsWith('sid='))!

/**
 * Failed attempts as the route counts them, without the password hashing (slow on a shared
 * machine); the first test goes through the route all the way.
 */
async function attack({ account, n, step = 'signIn', ip }: { account: string; n: number; step?: 'signIn' | 'secondFactor'; ip?: string }) {
  for (let i = 0; i < n; i++) await beginSignInAttempt({ step, account, ip: ip ?? freshIp(), deviceId: null })
}

/** Lets time pass for the throttle: every wait is over (rows keep their counts). */
const waitsAreOver = () => db.update(signInThrottle).set({ blockedUntil: dsql`now() - interval '1 second'` })

const nl = JSON.parse(readFileSync('public/locales/nl/account.json', 'utf8'))
const en = JSON.parse(readFileSync('public/locales/en/account.json', 'utf8'))
const nlText = (key: string) => key.replace('account:', '').split('.').reduce((node, part) => node?.[part], nl) as string

describe('an attacker cannot keep the owner out', () => {
  it('the owner with the device cookie signs in at once while the account is under attack from many addresses', async () => {
    const owner = await createPersona({ roles: ['survivor'] })
    const first = await signIn({ email: owner.email, password: owner.password, ip: freshIp() })
    expect(first.status).toBe(302)
    const device = deviceCookieOf(first)
    expect(device, 'a completed sign-in leaves a device cookie').toBeDefined()

    const attacker = []
    for (let i = 0; i < 30; i++) attacker.push((await signIn({ email: owner.email, password: `raden ${i}`, ip: freshIp() })).status)
    expect(attacker.filter((s) => s === 400)).toHaveLength(20)
    expect(attacker.slice(20).every((s) => s === 429)).toBe(true)

    const owned = await signIn({ email: owner.email, password: owner.password, ip: freshIp(), cookie: device })
    expect(owned.status).toBe(302)
    expect(owned.location).toBe('/account')
    expect(sessionCookieOf(owned)).toBeTruthy()
  })

  it('the owner in a fresh browser is told how long to wait, and gets in after the wait', async () => {
    const owner = await createPersona({ roles: ['survivor'] })
    await attack({ account: owner.email, n: 20 })

    const fresh = await signIn({ email: owner.email, password: owner.password, ip: freshIp() })
    expect(fresh.status).toBe(429)
    expect(fresh.retryAfter).toBeGreaterThan(0)
    expect(fresh.retryAfter).toBeLessThanOrEqual(30)
    expect(fresh.formErrors).toEqual(['account:throttle.wait30s'])
    expect(nlText(fresh.formErrors[0]!)).toContain('Wacht 30 seconden en probeer het dan opnieuw')

    await waitsAreOver()
    expect((await signIn({ email: owner.email, password: owner.password, ip: freshIp() })).status).toBe(302)
    // A success starts the account's counters again: the next mistake is free.
    expect((await signIn({ email: owner.email, password: 'tikfout', ip: freshIp() })).status).toBe(400)
  })

  it('each further failure waits longer: 30 s, 1, 2, 4, 8 minutes, then 15 at most', async () => {
    const owner = await createPersona({ roles: ['survivor'] })
    await attack({ account: owner.email, n: 19 })
    const waits: number[] = []
    for (let i = 0; i < 8; i++) {
      expect((await signIn({ email: owner.email, password: `nog eens ${i}`, ip: freshIp() })).status).toBe(400)
      waits.push((await signIn({ email: owner.email, password: 'meteen weer', ip: freshIp() })).retryAfter!)
      await waitsAreOver()
    }
    expect(waits).toEqual([30, 60, 120, 240, 480, 900, 900, 900])
    expect(waits.map(waitMessageKey)).toEqual(['30', '60', '120', '240', '480', '900', '900', '900'].map((s) => `account:throttle.wait${s}s`))
  })

  it('a device cookie for another account, or an altered one, does not help', async () => {
    const owner = await createPersona({ roles: ['survivor'] })
    const other = await createPersona({ roles: ['survivor'] })
    const otherDevice = deviceCookieOf(await signIn({ email: other.email, password: other.password, ip: freshIp() }))!
    const ownDevice = deviceCookieOf(await signIn({ email: owner.email, password: owner.password, ip: freshIp() }))!
    await attack({ account: owner.email, n: 20 })
    expect((await signIn({ email: owner.email, password: owner.password, ip: freshIp(), cookie: otherDevice })).status).toBe(429)
    const [name, value] = ownDevice.split('=') as [string, string]
    const altered = `${name}=${value.slice(0, 5)}${value[5] === 'A' ? 'B' : 'A'}${value.slice(6)}`
    expect((await signIn({ email: owner.email, password: owner.password, ip: freshIp(), cookie: altered })).status).toBe(429)
    expect((await signIn({ email: owner.email, password: owner.password, ip: freshIp(), cookie: ownDevice })).status).toBe(302)
  })

  it('a device is held by its own counter: a stolen device cookie still waits after 10 tries', async () => {
    const owner = await createPersona({ roles: ['survivor'] })
    const device = deviceCookieOf(await signIn({ email: owner.email, password: owner.password, ip: freshIp() }))!
    const statuses = []
    for (let i = 0; i < 11; i++) statuses.push((await signIn({ email: owner.email, password: `raden ${i}`, ip: freshIp(), cookie: device })).status)
    expect(statuses).toEqual([...Array(10).fill(400), 429])
  })
})

describe('other counters and enumeration', () => {
  it('one address hammering an account is held before the account is (owner elsewhere still gets in)', async () => {
    const owner = await createPersona({ roles: ['survivor'] })
    const ip = freshIp()
    const statuses = []
    for (let i = 0; i < 11; i++) statuses.push((await signIn({ email: owner.email, password: `raden ${i}`, ip })).status)
    expect(statuses).toEqual([...Array(10).fill(400), 429])
    expect((await signIn({ email: owner.email, password: owner.password, ip: freshIp() })).status).toBe(302)
  })

  it('the per-address limit holds across accounts, known and unknown', async () => {
    const ip = freshIp()
    const personas = await Promise.all([0, 1, 2].map(() => createPersona({ roles: ['survivor'] })))
    for (let i = 0; i < 26; i++) await attack({ account: i % 2 === 0 ? personas[i % 3]!.email : `niemand-${i}@example.nl`, n: 1, ip })
    for (let i = 26; i < 30; i++) {
      const email = i % 2 === 0 ? personas[i % 3]!.email : `niemand-${i}@example.nl`
      expect((await signIn({ email, password: `raden ${i}`, ip })).status).toBe(400)
    }
    const next = await signIn({ email: personas[0]!.email, password: personas[0]!.password, ip })
    expect(next.status).toBe(429)
    expect(next.formErrors).toEqual(['account:throttle.wait30s'])
    // The same account from another address is not held by this address's counter.
    expect((await signIn({ email: personas[0]!.email, password: personas[0]!.password, ip: freshIp() })).status).toBe(302)
  })

  it('answers an unknown account exactly as a known one, through the throttle and after it', async () => {
    const known = await createPersona({ roles: ['survivor'] })
    const unknown = 'bestaat-niet@example.nl'
    const answers: { known: Answer; unknown: Answer }[] = []
    // Each pair of attempts comes from addresses of its own, as an attacker comparing them would.
    const both = async (i: number) => answers.push({ known: await signIn({ email: known.email, password: `raden ${i}`, ip: freshIp() }), unknown: await signIn({ email: unknown, password: `raden ${i}`, ip: freshIp() }) })
    await both(0)
    await attack({ account: known.email, n: 18 })
    await attack({ account: unknown, n: 18 })
    for (let i = 19; i < 22; i++) await both(i)
    await waitsAreOver()
    await both(22)
    for (const [i, a] of answers.entries()) {
      const { retryAfter: kr, ...k } = a.known
      const { retryAfter: ur, ...u } = a.unknown
      expect(u, `attempt ${i + 1}`).toEqual(k)
      expect(ur === null, `attempt ${i + 1}`).toBe(kr === null)
    }
    expect(answers.map((a) => a.known.status)).toEqual([400, 400, 429, 429, 400])
    expect(answers[0]!.known.formErrors).toEqual(['account:signIn.invalid'])
  })

  it('is shared by every portal process: it lives in the database, not in a module', async () => {
    const account = `gedeeld-${Date.now()}@example.nl`
    const ip = freshIp()
    for (let i = 0; i < 10; i++) await beginSignInAttempt({ step: 'signIn', account, ip, deviceId: null })
    vi.resetModules()
    const other = await import('./sign-in-throttle.server')
    const otherDb = await import('@db/client.server')
    expect(other.beginSignInAttempt).not.toBe(beginSignInAttempt)
    expect(otherDb.db).not.toBe(db)
    const refused = await other.beginSignInAttempt({ step: 'signIn', account, ip, deviceId: null }).catch((e: unknown) => e)
    expect(refused).toBeInstanceOf(other.SignInThrottledError)
    expect(refused).not.toBeInstanceOf(SignInThrottledError) // truly another module instance
    await otherDb.closeDb()
  })

  it('has a message in both languages for every wait', () => {
    for (const seconds of THROTTLE_DELAYS_SECONDS) {
      const key = waitMessageKey(seconds).replace('account:throttle.', '')
      expect(nl.throttle[key]).toBeTruthy()
      expect(en.throttle[key]).toBeTruthy()
    }
  })
})

describe('the second step (codes)', () => {
  async function ownerWithTotp() {
    const owner = await createPersona({ roles: ['survivor'] })
    const { secret } = await startTotpEnrolment({ userId: owner.id, label: owner.email })
    await confirmTotpEnrolment({ userId: owner.id, code: totpCode(secret) })
    const codes = await generateRecoveryCodes({ userId: owner.id })
    // A six-digit code that is not the current one (nor the step either side).
    const valid = new Set([-30_000, 0, 30_000, 60_000].map((d) => authenticatorAt(secret, Date.now() + d)))
    let wrong = '000000'
    while (valid.has(wrong)) wrong = String(Number(wrong) + 1).padStart(6, '0')
    return { owner, codes, wrong }
  }

  function authenticatorAt(secret: string, epoch: number) {
    return totpCode(secret, epoch)
  }

  async function halfSignedIn(email: string, password: string, cookie?: string) {
    const step = await signIn({ email, password, ip: freshIp(), cookie })
    expect(step.location).toMatch(/^\/inloggen\/tweede-stap/)
    return [sessionCookieOf(step), cookie].filter(Boolean).join('; ')
  }

  it('wrong codes from many addresses delay a fresh browser (with the wait in words), not the owner with the device cookie', async () => {
    const { owner, codes, wrong } = await ownerWithTotp()
    // The owner once completed a sign-in with a recovery code: this browser has the device cookie.
    const done = await proveCode({ cookie: await halfSignedIn(owner.email, owner.password), ip: freshIp(), form: { intent: 'recovery', recoveryCode: codes[0]! } })
    expect(done.status).toBe(302)
    const device = deviceCookieOf(done)!
    expect(device).toBeDefined()

    // Someone with the password tries codes from many addresses.
    await attack({ account: owner.id, n: 18, step: 'secondFactor' })
    const statuses = []
    for (let i = 0; i < 3; i++) statuses.push((await proveCode({ cookie: await halfSignedIn(owner.email, owner.password), ip: freshIp(), form: { intent: 'totp', code: wrong } })).status)
    expect(statuses).toEqual([400, 400, 429])

    const fresh = await proveCode({ cookie: await halfSignedIn(owner.email, owner.password), ip: freshIp(), form: { intent: 'recovery', recoveryCode: codes[1]! } })
    expect(fresh.status).toBe(429)
    expect(fresh.formErrors).toEqual(['account:throttle.wait30s'])

    const owned = await proveCode({ cookie: await halfSignedIn(owner.email, owner.password, device), ip: freshIp(), form: { intent: 'recovery', recoveryCode: codes[1]! } })
    expect(owned.status).toBe(302)
    expect(owned.location).toBe('/account')
  })
})
