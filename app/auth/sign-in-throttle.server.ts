import { and, inArray, isNull, lt, or, sql } from 'drizzle-orm'
import { db } from '@db/client.server'
import { signInThrottle } from '@db/schema/accounts'
import { lookupHash } from '~/privacy/field-crypto.server'
import { getEnv } from '~/utils/env.server'

/**
 * Sign-in throttle (ADR 0006), in PostgreSQL so every portal process shares it. Instead of a
 * hard limit per minute (which let anyone lock a known account by failing ten times a
 * minute), each counter allows a few attempts freely and then makes every further attempt
 * wait longer: 30 s, 1, 2, 4, 8 and at most 15 minutes. Counters:
 * - per address, over all accounts (one address spraying many accounts);
 * - per account, over all addresses (many addresses on one account);
 * - per (account, address), lower, so one address hammering an account is held before the
 *   account as a whole is;
 * - per device: a browser with a valid device cookie for the account (device-cookie.server.ts)
 *   is held only by this counter, so attacks from elsewhere cannot keep the owner out.
 * Every attempt is counted when it starts (so parallel requests cannot slip past a counter),
 * and a success takes the count back. Attempts refused while waiting are not counted, so
 * hammering does not lengthen the wait. An account is named by its normalised e-mail address
 * whether or not it exists: unknown accounts are throttled exactly like known ones.
 */

/** Waits after the free attempts are used up; the last one repeats. */
export const THROTTLE_DELAYS_SECONDS = [30, 60, 120, 240, 480, 900] as const
/** A counter untouched this long starts again from zero. */
const FORGET_AFTER_SECONDS = 24 * 60 * 60

const FREE_ATTEMPTS = {
  account: 20,
  pair: 10,
  device: 10,
  address: () => getEnv().SIGN_IN_FREE_ATTEMPTS_PER_ADDRESS,
} as const

export type ThrottleStep = 'signIn' | 'secondFactor'

export class SignInThrottledError extends Error {
  constructor(public readonly retryAfterSeconds: number) {
    super('sign-in throttled')
    this.name = 'SignInThrottledError'
  }
}

type Counter = { bucket: string; free: number; kind: 'address' | 'account' | 'pair' | 'device' }

/** What `endSignInAttempt` needs to take the count back after a success. */
export type SignInAttempt = { counters: Counter[] }

const bucketOf = (value: string) => lookupHash({ kind: 'signInThrottle', value })

function countersFor({ step, account, ip, deviceId }: { step: ThrottleStep; account: string; ip: string; deviceId: string | null }): Counter[] {
  if (deviceId) return [{ kind: 'device', bucket: bucketOf(`${step}:device:${deviceId}`), free: FREE_ATTEMPTS.device }]
  return [
    { kind: 'address', bucket: bucketOf(`${step}:address:${ip}`), free: FREE_ATTEMPTS.address() },
    { kind: 'account', bucket: bucketOf(`${step}:account:${account}`), free: FREE_ATTEMPTS.account },
    { kind: 'pair', bucket: bucketOf(`${step}:pair:${account}:${ip}`), free: FREE_ATTEMPTS.pair },
  ]
}

/** The wait after the `attempts`-th counted attempt, in seconds (0 while attempts are free). */
function delayAfter(attempts: number, free: number) {
  if (attempts < free) return 0
  return THROTTLE_DELAYS_SECONDS[Math.min(attempts - free, THROTTLE_DELAYS_SECONDS.length - 1)]!
}

/**
 * Counts a sign-in attempt on every counter that applies, or throws SignInThrottledError
 * (nothing counted) when one of them still asks to wait. `account` is the normalised e-mail
 * address (password step) or the user id (second step); `deviceId` comes from a valid device
 * cookie for that account.
 */
export async function beginSignInAttempt({ step, account, ip, deviceId }: { step: ThrottleStep; account: string; ip: string; deviceId: string | null }): Promise<SignInAttempt> {
  const counters = countersFor({ step, account, ip, deviceId }).sort((a, b) => (a.bucket < b.bucket ? -1 : 1))
  const buckets = counters.map((c) => c.bucket)
  return db.transaction(async (tx) => {
    await tx
      .insert(signInThrottle)
      .values(buckets.map((bucket) => ({ bucket })))
      .onConflictDoNothing()
    // Row locks in bucket order: concurrent attempts on a counter queue here, one at a time.
    const rows = await tx
      .select({
        bucket: signInThrottle.bucket,
        failures: signInThrottle.failures,
        waitMs: sql<number>`greatest(0, extract(epoch from (${signInThrottle.blockedUntil} - now())) * 1000)::float8`,
        stale: sql<boolean>`${signInThrottle.lastAttemptAt} < now() - make_interval(secs => ${FORGET_AFTER_SECONDS})`,
      })
      .from(signInThrottle)
      .where(inArray(signInThrottle.bucket, buckets))
      .orderBy(signInThrottle.bucket)
      .for('update')
    const waitMs = Math.max(0, ...rows.map((r) => (r.stale ? 0 : Number(r.waitMs ?? 0))))
    if (waitMs > 0) throw new SignInThrottledError(Math.ceil(waitMs / 1000))
    for (const counter of counters) {
      const row = rows.find((r) => r.bucket === counter.bucket)
      const attempts = (row && !row.stale ? row.failures : 0) + 1
      const delay = delayAfter(attempts, counter.free)
      await tx
        .update(signInThrottle)
        .set({
          failures: attempts,
          blockedUntil: delay > 0 ? sql`now() + make_interval(secs => ${delay})` : null,
          lastAttemptAt: sql`now()`,
        })
        .where(sql`${signInThrottle.bucket} = ${counter.bucket}`)
    }
    return { counters }
  })
}

/**
 * After a successful attempt: the account, (account, address) and device counters start again
 * from zero; the address counter, shared with other accounts, only takes this attempt back.
 * After a failed attempt nothing changes: it was counted when it began.
 */
export async function endSignInAttempt(attempt: SignInAttempt, { ok }: { ok: boolean }) {
  if (!ok) return
  const reset = attempt.counters.filter((c) => c.kind !== 'address').map((c) => c.bucket)
  if (reset.length > 0) await db.delete(signInThrottle).where(inArray(signInThrottle.bucket, reset))
  for (const counter of attempt.counters.filter((c) => c.kind === 'address')) {
    await db
      .update(signInThrottle)
      .set({
        failures: sql`greatest(${signInThrottle.failures} - 1, 0)`,
        blockedUntil: sql`case when ${signInThrottle.failures} - 1 < ${counter.free} then null else ${signInThrottle.blockedUntil} end`,
      })
      .where(sql`${signInThrottle.bucket} = ${counter.bucket}`)
  }
}

/** Counters nobody touched for a day, and not waiting, are gone (the jobs' 15-minute prune). */
export async function pruneSignInThrottle() {
  await db
    .delete(signInThrottle)
    .where(
      and(
        lt(signInThrottle.lastAttemptAt, sql`now() - make_interval(secs => ${FORGET_AFTER_SECONDS})`),
        or(isNull(signInThrottle.blockedUntil), lt(signInThrottle.blockedUntil, sql`now()`)),
      ),
    )
}

/** The wait rounded up to a step the sign-in pages can name ("Wacht 2 minuten …"). */
export function waitMessageKey(retryAfterSeconds: number) {
  const step = THROTTLE_DELAYS_SECONDS.find((s) => retryAfterSeconds <= s) ?? THROTTLE_DELAYS_SECONDS[THROTTLE_DELAYS_SECONDS.length - 1]
  return `account:throttle.wait${step}s`
}
