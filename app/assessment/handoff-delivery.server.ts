import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from 'drizzle-orm'
import { db } from '@db/client.server'
import { handoffOutbox, type HandoffOutboxRow } from '@db/schema/assessment'
import { decryptField } from '~/privacy/field-crypto.server'
import { recordHandedOff } from '~/scheme/record-assessment-status.server'
import { logger } from '~/utils/logger.server'
import { caseDocumentForEndpoint, CaseHeldBackError } from './case-document/build-case-v2.server'
import { signWebhook } from './case-document/webhooks.server'
import { getHandoffConfig } from './handoff-config.server'

/**
 * Delivery of confirmed cases to the Schadefonds from the outbox (handoff-outbox.server.ts):
 * claims, signed attempts with backoff, and their results recorded in batches.
 */

type DeliveryOptions = {
  url?: string
  secret?: string
  timeoutMs?: number
  /** First retry delay; doubles per attempt up to maxBackoffMs. */
  baseBackoffMs?: number
  maxBackoffMs?: number
  /** After this long without success the row is parked as dead. */
  giveUpAfterMs?: number
  /** How long a claim holds before another deliverer may take the row (after a crash). */
  lockMs?: number
  /** Skip link making and contract checks (benchmark payloads are checked by the receiver). */
  rawPayload?: boolean
}

const DEFAULTS = { timeoutMs: 10_000, baseBackoffMs: 30_000, maxBackoffMs: 60 * 60_000, giveUpAfterMs: 24 * 60 * 60_000 }

export function backoffMs(attempts: number, { baseBackoffMs = DEFAULTS.baseBackoffMs, maxBackoffMs = DEFAULTS.maxBackoffMs } = {}) {
  const exp = Math.min(maxBackoffMs, baseBackoffMs * 2 ** Math.max(0, attempts - 1))
  // Up to 20 % jitter so a burst of failures does not come back as one burst.
  return Math.round(exp * (0.8 + Math.random() * 0.2))
}

/**
 * Claims up to `limit` due rows for this deliverer, in one round trip: rows another
 * deliverer is claiming are skipped (SKIP LOCKED), not waited for. The claim (locked_until)
 * expires, so a row claimed by a worker that crashed is delivered again later, with the
 * same webhook id; the receiver's idempotency by that id makes the redelivery harmless.
 */
async function claimDueHandoffs({ limit, lockMs, ids }: { limit: number; lockMs: number; ids?: string[] }): Promise<HandoffOutboxRow[]> {
  const due = db
    .select({ id: handoffOutbox.id })
    .from(handoffOutbox)
    .where(
      and(
        eq(handoffOutbox.status, 'pending'),
        lte(handoffOutbox.nextAttemptAt, sql`now()`),
        or(isNull(handoffOutbox.lockedUntil), lt(handoffOutbox.lockedUntil, sql`now()`)),
        ids?.length ? inArray(handoffOutbox.id, ids) : undefined,
      ),
    )
    .orderBy(asc(handoffOutbox.nextAttemptAt))
    .limit(limit)
    .for('update', { skipLocked: true })
  return db
    .update(handoffOutbox)
    .set({ lockedUntil: sql`now() + (${lockMs} * interval '1 millisecond')`, attempts: sql`${handoffOutbox.attempts} + 1` })
    .where(inArray(handoffOutbox.id, due))
    .returning()
}

type Attempt = { row: HandoffOutboxRow; ok: true } | { row: HandoffOutboxRow; ok: false; error: string; dead: boolean; nextAttemptAt: Date }

/** One delivery attempt of a claimed row, without touching the database. Never throws. */
async function attemptDelivery(row: HandoffOutboxRow, options: DeliveryOptions): Promise<Attempt> {
  const config = getHandoffConfig()
  const url = options.url ?? config.url
  const secret = options.secret ?? config.secret
  const timeoutMs = options.timeoutMs ?? DEFAULTS.timeoutMs
  let error: string
  let heldBack = false
  try {
    if (!secret) throw new Error('no webhook secret configured (SCHADEFONDS_WEBHOOK_SECRET or WEBHOOK_SECRET)')
    const plain = decryptField(row.payloadEncrypted)
    // A raw payload goes out as stored: parsing and serialising it again only costs time.
    // Otherwise the endpoint's configured version (case-builder-v2.server.ts); a case it cannot take is held back.
    const body = options.rawPayload ? plain : JSON.stringify(await caseDocumentForEndpoint(JSON.parse(plain) as unknown, config.caseVersion))
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signWebhook({ secret, id: row.webhookId, body }) },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    })
    await response.body?.cancel()
    if (response.ok) return { row, ok: true }
    error = `HTTP ${response.status}`
  } catch (e) {
    heldBack = e instanceof CaseHeldBackError
    error = e instanceof Error ? (e.name === 'TimeoutError' ? `timeout after ${timeoutMs} ms` : e.message) : String(e)
  }
  const giveUpAfterMs = options.giveUpAfterMs ?? DEFAULTS.giveUpAfterMs
  // Held back: retrying cannot help until someone changes the endpoint's version, so it waits for an admin.
  const dead = heldBack || Date.now() - row.windowStartedAt.getTime() >= giveUpAfterMs
  return { row, ok: false, error: error.slice(0, 500), dead, nextAttemptAt: new Date(Date.now() + backoffMs(row.attempts, options)) }
}

/**
 * Records a batch of attempts: three statements whatever the batch size. A delivered row and
 * its application's step to "handed off" (only forward: the fund may already have reported
 * "received", app/scheme/record-assessment-status.server.ts) are one transaction, so they
 * commit together.
 */
async function recordAttempts(attempts: Attempt[]) {
  const delivered = attempts.filter((a) => a.ok).map((a) => a.row.id)
  const failed = attempts.filter((a): a is Extract<Attempt, { ok: false }> => !a.ok)
  // The ids and results go as one JSON parameter each, whatever the batch size.
  await Promise.all([
    delivered.length
      ? db.transaction(async (tx) => {
          const done = await tx.execute<{ application_id: string }>(sql`
            update ${handoffOutbox} set status = 'delivered', delivered_at = now(), locked_until = null, last_error = null
            where id in (select value::uuid from jsonb_array_elements_text(${JSON.stringify(delivered)}::jsonb)) and status = 'pending'
            returning application_id`)
          await recordHandedOff({ applicationIds: [...done].map((r) => r.application_id) }, tx)
        })
      : null,
    failed.length
      ? db.execute(sql`
          update ${handoffOutbox} as o
          set status = case when f.dead then 'dead' else 'pending' end, last_error = f.error, locked_until = null, next_attempt_at = f.next_attempt_at
          from jsonb_to_recordset(${JSON.stringify(failed.map((f) => ({ id: f.row.id, error: f.error, next_attempt_at: f.nextAttemptAt.toISOString(), dead: f.dead })))}::jsonb)
            as f(id uuid, error text, next_attempt_at timestamptz, dead boolean)
          where o.id = f.id and o.status = 'pending'`)
      : null,
  ])
  for (const f of failed) if (f.dead) logger.warn({ outboxId: f.row.id, attempts: f.row.attempts }, 'case hand-off parked as dead')
}

/**
 * Delivers everything that is due, keeping up to `concurrency` requests in flight (the cron
 * job, the job after a confirmation, and the benchmark). Free slots are refilled by claims of
 * up to `batch` rows, and results are recorded in batches as they come in, so a delivery
 * costs a share of three statements instead of seven round trips; a slow or hanging fund
 * ties up one slot, not the deliverer. A crash between the attempt and its record leaves the
 * row claimed: it is delivered again with the same webhook id when the claim expires.
 */
export async function drainHandoffOutbox({ batch = 20, concurrency = 8, options = {}, ids }: { batch?: number; concurrency?: number; options?: DeliveryOptions; ids?: string[] } = {}) {
  const lockMs = options.lockMs ?? (options.timeoutMs ?? DEFAULTS.timeoutMs) + 15_000
  const counts = { delivered: 0, retry: 0, dead: 0 }
  const inFlight = new Set<Promise<void>>()
  const writes = new Set<Promise<void>>()
  let pending: Attempt[] = []
  let timer: NodeJS.Timeout | null = null
  let failure: unknown = null

  const flush = () => {
    if (timer) clearTimeout(timer)
    timer = null
    if (!pending.length) return
    const taken = pending
    pending = []
    const write = recordAttempts(taken)
      .then(() => {
        for (const a of taken) counts[a.ok ? 'delivered' : a.dead ? 'dead' : 'retry']++
      })
      .catch((error: unknown) => {
        // Not recorded: the claims expire and the rows are delivered again (same webhook ids).
        failure ??= error
      })
      .finally(() => writes.delete(write))
    writes.add(write)
  }
  const record = (attempt: Attempt) => {
    pending.push(attempt)
    if (pending.length >= batch) flush()
    // A short wait gathers results that finish together into one write.
    else timer ??= setTimeout(flush, 5)
  }

  // Refill when a quarter of the slots is free (or nothing runs), so claims stay batched.
  const refillAt = Math.max(1, Math.min(batch, Math.floor(concurrency / 4)))
  for (;;) {
    const free = concurrency - inFlight.size
    if (failure) break
    if (free >= refillAt || inFlight.size === 0) {
      const rows = await claimDueHandoffs({ limit: Math.min(batch, free), lockMs, ids })
      for (const row of rows) {
        const run: Promise<void> = attemptDelivery(row, options)
          .then(record)
          .finally(() => inFlight.delete(run))
        inFlight.add(run)
      }
      if (rows.length === 0 && inFlight.size === 0) break
      if (rows.length === free) continue
    }
    await Promise.race(inFlight)
  }
  await Promise.all(inFlight)
  flush()
  await Promise.all(writes)
  if (failure) throw failure
  return counts
}
