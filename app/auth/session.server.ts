import { createCookie } from '@remix-run/node'
import { and, eq, gt, ne, sql } from 'drizzle-orm'
import { db, type DbOrTx } from '@db/client.server'
import { sessions, userRoles, users, type Role, type Session, type User } from '@db/schema/accounts'
import { getEnv } from '~/utils/env.server'
import { hashToken, randomToken } from './tokens.server'

const env = getEnv()
const production = env.APP_ENV === 'production'

/** Idle timeouts: staff 30 minutes, survivors 2 hours; every session ends after 12 hours. */
export const STAFF_IDLE_SECONDS = 30 * 60
export const SURVIVOR_IDLE_SECONDS = 2 * 60 * 60
export const ABSOLUTE_LIFETIME_SECONDS = 12 * 60 * 60
/** The last-seen time is written at most this often (no write per request). */
const TOUCH_INTERVAL_MS = 60_000

/**
 * `__Host-` in production: Secure, no Domain, Path=/ — it cannot be set by a subdomain.
 * Plain name over http in development. HttpOnly and SameSite=Lax always.
 */
export const sessionCookie = createCookie(production ? '__Host-sid' : 'sid', {
  httpOnly: true,
  sameSite: 'lax',
  secure: production,
  path: '/',
  secrets: [env.SESSION_SECRET],
})

export type SessionUser = Pick<User, 'id' | 'email' | 'displayName' | 'kind' | 'locale' | 'emailVerifiedAt'> & {
  roles: Role[]
}
export type SessionContext = { session: Session; user: SessionUser; tokenHash: string }

export function isStaff(user: { roles: Role[] }) {
  return user.roles.some((r) => r !== 'survivor')
}

function deviceLabel(userAgent: string | null) {
  if (!userAgent) return null
  const browser = /Firefox\//.test(userAgent)
    ? 'Firefox'
    : /Edg\//.test(userAgent)
      ? 'Edge'
      : /Chrome\//.test(userAgent)
        ? 'Chrome'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : 'Browser'
  const os = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : ''
  return [browser, os].filter(Boolean).join(' · ')
}

async function loadRoles(userId: string, tx: DbOrTx = db) {
  const rows = await tx.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId))
  return rows.map((r) => r.role)
}

/**
 * Starts a new session (a fresh id at every sign-in: no fixation) and returns the Set-Cookie value.
 * `stage` says whether a second factor is still due.
 */
export async function createSession(
  {
    userId,
    stage,
    mfaMethod = null,
    request,
  }: { userId: string; stage: Session['stage']; mfaMethod?: Session['mfaMethod']; request: Request },
  tx: DbOrTx = db,
) {
  const token = randomToken()
  const roles = await loadRoles(userId, tx)
  const idle = roles.some((r) => r !== 'survivor') ? STAFF_IDLE_SECONDS : SURVIVOR_IDLE_SECONDS
  await tx.insert(sessions).values({
    idHash: hashToken(token),
    userId,
    stage,
    mfaMethod,
    idleTimeoutSeconds: idle,
    expiresAt: new Date(Date.now() + ABSOLUTE_LIFETIME_SECONDS * 1000),
    deviceLabel: deviceLabel(request.headers.get('user-agent')),
  })
  return sessionCookie.serialize(token, { maxAge: ABSOLUTE_LIFETIME_SECONDS })
}

const cache = new WeakMap<Request, Promise<SessionContext | null>>()

/** The signed-in session for this request, or null. Expired sessions are deleted on sight. */
export function getSessionContext(request: Request): Promise<SessionContext | null> {
  let pending = cache.get(request)
  if (!pending) {
    pending = loadSessionContext(request)
    cache.set(request, pending)
  }
  return pending
}

async function loadSessionContext(request: Request): Promise<SessionContext | null> {
  const token = await sessionCookie.parse(request.headers.get('cookie'))
  if (typeof token !== 'string' || token.length < 20) return null
  const tokenHash = hashToken(token)
  const [row] = await db
    .select({ session: sessions, user: users })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.idHash, tokenHash))
  if (!row) return null
  const now = Date.now()
  const idleExpired = now - row.session.lastSeenAt.getTime() > row.session.idleTimeoutSeconds * 1000
  if (idleExpired || row.session.expiresAt.getTime() <= now || row.user.disabledAt) {
    await db.delete(sessions).where(eq(sessions.idHash, tokenHash))
    return null
  }
  if (now - row.session.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.idHash, tokenHash))
  }
  const roles = await loadRoles(row.user.id)
  const { id, email, displayName, kind, locale, emailVerifiedAt } = row.user
  return { session: row.session, user: { id, email, displayName, kind, locale, emailVerifiedAt, roles }, tokenHash }
}

/** Replaces the current session with a fresh id (after a second factor or step-up). */
export async function renewSession(
  ctx: SessionContext,
  changes: Partial<Pick<Session, 'stage' | 'mfaMethod' | 'authenticatedAt'>>,
  request: Request,
) {
  return db.transaction(async (tx) => {
    await tx.delete(sessions).where(eq(sessions.idHash, ctx.tokenHash))
    const token = randomToken()
    await tx.insert(sessions).values({
      ...ctx.session,
      ...changes,
      idHash: hashToken(token),
      lastSeenAt: new Date(),
      webauthnChallenge: null,
      deviceLabel: deviceLabel(request.headers.get('user-agent')),
    })
    return sessionCookie.serialize(token, {
      maxAge: Math.max(1, Math.floor((ctx.session.expiresAt.getTime() - Date.now()) / 1000)),
    })
  })
}

export async function destroySession(request: Request) {
  const ctx = await getSessionContext(request)
  if (ctx) await db.delete(sessions).where(eq(sessions.idHash, ctx.tokenHash))
  return sessionCookie.serialize('', { maxAge: 0 })
}

/** Ends every session of an account at once (disable, password change, erasure). */
export async function endAllSessions({ userId, exceptTokenHash }: { userId: string; exceptTokenHash?: string }, tx: DbOrTx = db) {
  await tx
    .delete(sessions)
    .where(exceptTokenHash ? and(eq(sessions.userId, userId), ne(sessions.idHash, exceptTokenHash)) : eq(sessions.userId, userId))
}

/** The account page's list: when and on what kind of device, never where from. */
export async function listSessions({ userId, currentTokenHash }: { userId: string; currentTokenHash: string }) {
  const rows = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.userId, userId), gt(sessions.expiresAt, sql`now()`)))
    .orderBy(sql`${sessions.lastSeenAt} desc`)
  return rows.map((s) => ({
    ref: s.idHash.slice(0, 12),
    current: s.idHash === currentTokenHash,
    createdAt: s.createdAt,
    lastSeenAt: s.lastSeenAt,
    device: s.deviceLabel,
  }))
}

export async function setWebauthnChallenge(ctx: SessionContext, challenge: string | null) {
  await db.update(sessions).set({ webauthnChallenge: challenge }).where(eq(sessions.idHash, ctx.tokenHash))
}

export async function pruneExpiredSessions() {
  const deleted = await db
    .delete(sessions)
    .where(sql`${sessions.expiresAt} < now() or ${sessions.lastSeenAt} < now() - make_interval(secs => ${sessions.idleTimeoutSeconds})`)
    .returning({ id: sessions.idHash })
  return deleted.length
}

/** Counts as activity: moves the idle deadline (never the 12-hour absolute one). */
export async function extendSession(request: Request) {
  const ctx = await getSessionContext(request)
  if (!ctx) return false
  await db.update(sessions).set({ lastSeenAt: new Date() }).where(eq(sessions.idHash, ctx.tokenHash))
  return true
}
