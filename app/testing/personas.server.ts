import { randomBytes } from 'node:crypto'
import { db } from '@db/client.server'
import { sessions, userRoles, users } from '@db/schema/accounts'
import type { Role } from '~/auth/roles'
import { requiresPasskey } from '~/auth/policy'
import { hashPassword } from '~/auth/password.server'
import { sessionCookie, ABSOLUTE_LIFETIME_SECONDS, STAFF_IDLE_SECONDS, SURVIVOR_IDLE_SECONDS } from '~/auth/session.server'
import { hashToken, randomToken } from '~/auth/tokens.server'

export type Persona = { id: string; email: string; password: string; roles: Role[]; cookie: string }

/**
 * Test-only: a real account with a real session row, signed in with the factor its role
 * needs (TOTP for moderators and triage, a passkey for assessors and admins).
 */
export async function createPersona({ roles, password = 'een lange testzin voor het portaal', stage = 'full' }: { roles: Role[]; password?: string; stage?: 'full' | 'password' | 'enrol' }): Promise<Persona> {
  const email = `${roles.join('-')}-${randomBytes(4).toString('hex')}@test.local`
  const staff = !roles.includes('survivor')
  const [user] = await db
    .insert(users)
    .values({ email, passwordHash: await hashPassword(password), displayName: `Test ${roles.join(' ')}`, kind: staff ? 'staff' : 'survivor', emailVerifiedAt: new Date() })
    .returning({ id: users.id })
  for (const role of roles) await db.insert(userRoles).values({ userId: user!.id, role })
  const token = randomToken()
  await db.insert(sessions).values({
    idHash: hashToken(token),
    userId: user!.id,
    stage,
    mfaMethod: staff && stage === 'full' ? (requiresPasskey(roles) ? 'passkey' : 'totp') : null,
    idleTimeoutSeconds: staff ? STAFF_IDLE_SECONDS : SURVIVOR_IDLE_SECONDS,
    expiresAt: new Date(Date.now() + ABSOLUTE_LIFETIME_SECONDS * 1000),
  })
  const cookie = (await sessionCookie.serialize(token)).split(';')[0]!
  return { id: user!.id, email, password, roles, cookie }
}

/** A GET/POST Request as the browser would send it, with or without a session cookie. */
export function makeRequest(path: string, { cookie, method = 'GET', form }: { cookie?: string; method?: string; form?: Record<string, string> } = {}) {
  const headers = new Headers({ 'User-Agent': 'Mozilla/5.0 (X11; Linux x86_64) Chrome/130.0 Safari/537.36' })
  if (cookie) headers.set('Cookie', cookie)
  let body: FormData | undefined
  if (form) {
    body = new FormData()
    for (const [k, v] of Object.entries(form)) body.append(k, v)
  }
  return new Request(`http://localhost:3000${path}`, { method, headers, body })
}

export const testContext = { cspNonce: 'test-nonce', clientIp: '127.0.0.1' }
