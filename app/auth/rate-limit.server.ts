import { sql } from 'drizzle-orm'
import { db, type DbOrTx } from '@db/client.server'
import { rateLimitCounters } from '@db/schema/accounts'
import { lookupHash } from '~/privacy/field-crypto.server'
import { pruneSignInThrottle } from './sign-in-throttle.server'

export class RateLimitedError extends Error {
  constructor(public readonly retryAfterSeconds: number) {
    super('rate limited')
    this.name = 'RateLimitedError'
  }
}

/**
 * Fixed-window counter in PostgreSQL, so every portal process shares it. Limits are short
 * (a minute) so the real owner is never locked out for long; keys are hashed (no e-mail
 * addresses or IPs in the table).
 */
async function hitRateLimit(
  { key, limit, windowSeconds }: { key: string; limit: number; windowSeconds: number },
  tx: DbOrTx = db,
) {
  const bucket = lookupHash({ kind: 'ratelimit', value: key })
  const [row] = await tx
    .insert(rateLimitCounters)
    .values({ bucket, windowStart: sql`now()`, hits: 1 })
    .onConflictDoUpdate({
      target: rateLimitCounters.bucket,
      set: {
        hits: sql`case when ${rateLimitCounters.windowStart} < now() - make_interval(secs => ${windowSeconds}) then 1 else ${rateLimitCounters.hits} + 1 end`,
        windowStart: sql`case when ${rateLimitCounters.windowStart} < now() - make_interval(secs => ${windowSeconds}) then now() else ${rateLimitCounters.windowStart} end`,
      },
    })
    .returning({ hits: rateLimitCounters.hits, windowStart: rateLimitCounters.windowStart })
  if (row && row.hits > limit) {
    const retry = Math.max(1, Math.ceil(windowSeconds - (Date.now() - row.windowStart.getTime()) / 1000))
    throw new RateLimitedError(retry)
  }
}

/**
 * The limits of the steps that send mail (registration, new confirmation link, password
 * reset): per IP and per account, 10 a minute each. Sign-in itself is throttled with
 * progressive waits instead (sign-in-throttle.server.ts), which cannot lock its owner out.
 */
export async function limitAuthStep({ step, ip, account }: { step: string; ip: string; account?: string }) {
  await hitRateLimit({ key: `${step}:ip:${ip}`, limit: 10, windowSeconds: 60 })
  if (account) await hitRateLimit({ key: `${step}:account:${account.toLowerCase()}`, limit: 10, windowSeconds: 60 })
}

export async function pruneRateLimitCounters() {
  await db.delete(rateLimitCounters).where(sql`${rateLimitCounters.windowStart} < now() - interval '1 hour'`)
  await pruneSignInThrottle()
}
