import { createCookie } from '@remix-run/node'
import { z } from 'zod'
import { lookupHash } from '~/privacy/field-crypto.server'
import { getEnv } from '~/utils/env.server'
import { randomToken } from './tokens.server'

const env = getEnv()
const production = env.APP_ENV === 'production'

/**
 * The device cookie (ADR 0006): a browser that completed a sign-in to an account may try that
 * account again without waiting for the account-wide throttle, so an attacker hammering the
 * account from elsewhere cannot keep its owner out. Signed with SESSION_SECRET, HttpOnly,
 * kept a year. It names the account only by a keyed hash of its id, and carries a random
 * device id that has a throttle counter of its own. It proves nothing else: it never signs
 * anyone in, and it is not a session.
 */
export const deviceCookie = createCookie(production ? '__Host-device' : 'device', {
  httpOnly: true,
  sameSite: 'lax',
  secure: production,
  path: '/',
  maxAge: 365 * 24 * 60 * 60,
  secrets: [env.SESSION_SECRET],
})

const DeviceSchema = z.object({ a: z.string().min(1), d: z.string().min(20) })

const accountTag = (userId: string) => lookupHash({ kind: 'deviceAccount', value: userId })

/** The Set-Cookie value that marks this browser as one that signed in to `userId`. */
export function issueDeviceCookie({ userId }: { userId: string }) {
  return deviceCookie.serialize({ a: accountTag(userId), d: randomToken() })
}

/**
 * The device id of a valid device cookie for this account, or null (no cookie, a forged or
 * altered one, or one for another account). An unknown account (`userId` null) never matches.
 */
export async function deviceIdFor({ request, userId }: { request: Request; userId: string | null }) {
  const parsed = DeviceSchema.safeParse(await deviceCookie.parse(request.headers.get('Cookie')).catch(() => null))
  if (!parsed.success || !userId) return null
  return parsed.data.a === accountTag(userId) ? parsed.data.d : null
}
