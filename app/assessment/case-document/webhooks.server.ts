import { randomBytes } from 'node:crypto'
import { Webhook, WebhookVerificationError } from 'standardwebhooks'

/**
 * Signed webhooks between the portal and the Schadefonds (Standard Webhooks: HMAC-SHA256
 * over `id.timestamp.body`, secret as `whsec_<base64>`). Both directions use these two
 * functions; the reference receiver in scripts/ does too.
 */

type WebhookHeaders = {
  'webhook-id': string
  'webhook-timestamp': string
  'webhook-signature': string
}

/** Replay protection needs storage; the caller plugs it in (e.g. a table with a unique id). */
export type ReplayGuard = {
  /** Records the id and answers whether it had been seen before. Must be atomic per id. */
  seen(id: string): Promise<boolean>
}

export type WebhookFailureReason = 'missingHeaders' | 'badSignature' | 'staleTimestamp' | 'replayed' | 'invalidBody'

export class WebhookVerificationFailed extends Error {
  readonly reason: WebhookFailureReason
  constructor(reason: WebhookFailureReason, message: string) {
    super(message)
    this.name = 'WebhookVerificationFailed'
    this.reason = reason
  }
}

/** The package's fixed tolerance; a caller can only tighten it. */
const MAX_TOLERANCE_SECONDS = 5 * 60

export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`
}

export function signWebhook({
  secret,
  id,
  timestamp = new Date(),
  body,
}: {
  secret: string
  id: string
  timestamp?: Date
  body: string
}): WebhookHeaders {
  const signature = new Webhook(secret).sign(id, timestamp, body)
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'webhook-signature': signature,
  }
}

type HeaderSource = Headers | Record<string, string | string[] | undefined>

function readHeader(headers: HeaderSource, name: keyof WebhookHeaders): string | undefined {
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined
  const record = headers as Record<string, string | string[] | undefined>
  const key = Object.keys(record).find((k) => k.toLowerCase() === name)
  const value = key === undefined ? undefined : record[key]
  return Array.isArray(value) ? value.join(' ') : value
}

type VerifiedWebhook = { id: string; timestamp: Date; payload: unknown }

/**
 * Checks age and signature, parses the JSON body, then asks the replay guard (last, so
 * ids of unauthenticated or unreadable messages are never recorded). Throws WebhookVerificationFailed with a reason the
 * caller can map to a status (401 for all but invalidBody).
 */
export async function verifyWebhook({
  secret,
  headers,
  body,
  toleranceSeconds = MAX_TOLERANCE_SECONDS,
  replayGuard,
}: {
  secret: string
  headers: HeaderSource
  body: string
  toleranceSeconds?: number
  replayGuard?: ReplayGuard
}): Promise<VerifiedWebhook> {
  const id = readHeader(headers, 'webhook-id')
  const timestampHeader = readHeader(headers, 'webhook-timestamp')
  const signature = readHeader(headers, 'webhook-signature')
  if (!id || !timestampHeader || !signature) {
    throw new WebhookVerificationFailed('missingHeaders', 'Missing webhook-id, webhook-timestamp or webhook-signature')
  }
  if (!/^\d+$/.test(timestampHeader)) throw new WebhookVerificationFailed('staleTimestamp', 'Invalid webhook-timestamp')
  const timestamp = new Date(Number(timestampHeader) * 1000)
  const tolerance = Math.min(toleranceSeconds, MAX_TOLERANCE_SECONDS)
  if (Math.abs(Date.now() - timestamp.getTime()) > tolerance * 1000) {
    throw new WebhookVerificationFailed('staleTimestamp', 'Webhook timestamp outside the tolerance')
  }

  try {
    new Webhook(secret).verify(
      body,
      { 'webhook-id': id, 'webhook-timestamp': timestampHeader, 'webhook-signature': signature },
      { jsonParse: false },
    )
  } catch (error) {
    if (!(error instanceof WebhookVerificationError)) throw error
    // The package checks the age again against its own clock; at the edge it can disagree.
    const reason = /timestamp/i.test(error.message) ? 'staleTimestamp' : 'badSignature'
    throw new WebhookVerificationFailed(reason, error.message)
  }

  let payload: unknown
  try {
    payload = body === '' ? undefined : JSON.parse(body)
  } catch {
    throw new WebhookVerificationFailed('invalidBody', 'Body is not JSON')
  }

  if (replayGuard && (await replayGuard.seen(id))) {
    throw new WebhookVerificationFailed('replayed', 'Webhook id was already received')
  }
  return { id, timestamp, payload }
}
