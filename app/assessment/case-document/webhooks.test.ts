import { describe, expect, it } from 'vitest'
import {
  generateWebhookSecret,
  signWebhook,
  verifyWebhook,
  WebhookVerificationFailed,
  type ReplayGuard,
  type WebhookFailureReason,
} from './webhooks.server'

const secret = generateWebhookSecret()
const body = JSON.stringify({ caseId: 'c0ffee', event: 'received' })

async function failure(promise: Promise<unknown>): Promise<WebhookFailureReason> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(WebhookVerificationFailed)
    return (error as WebhookVerificationFailed).reason
  }
  throw new Error('expected the webhook to be refused')
}

/** Stands in for a table with a unique webhook id. */
function memoryGuard(): ReplayGuard & { ids: Set<string> } {
  const ids = new Set<string>()
  return {
    ids,
    async seen(id) {
      if (ids.has(id)) return true
      ids.add(id)
      return false
    },
  }
}

describe('signed webhooks', () => {
  it('produces the three Standard Webhooks headers', () => {
    const timestamp = new Date('2026-02-03T10:15:00.500Z')
    const headers = signWebhook({ secret, id: 'msg_1', timestamp, body })
    expect(headers['webhook-id']).toBe('msg_1')
    expect(headers['webhook-timestamp']).toBe('1770113700')
    expect(headers['webhook-signature']).toMatch(/^v1,[A-Za-z0-9+/]+=*$/)
    // Deterministic: the same input signs the same.
    expect(signWebhook({ secret, id: 'msg_1', timestamp, body })).toEqual(headers)
  })

  it('a valid webhook passes and returns the parsed payload', async () => {
    const headers = signWebhook({ secret, id: 'msg_ok', body })
    const verified = await verifyWebhook({ secret, headers, body })
    expect(verified.id).toBe('msg_ok')
    expect(verified.payload).toEqual({ caseId: 'c0ffee', event: 'received' })
    expect(Math.abs(verified.timestamp.getTime() - Date.now())).toBeLessThan(5_000)
  })

  it('reads headers from a fetch Headers object and from Node headers in any case', async () => {
    const signed = signWebhook({ secret, id: 'msg_h', body })
    await expect(verifyWebhook({ secret, headers: new Headers(signed), body })).resolves.toMatchObject({ id: 'msg_h' })
    const nodeStyle = Object.fromEntries(Object.entries(signed).map(([k, v]) => [k.toUpperCase(), v]))
    await expect(verifyWebhook({ secret, headers: nodeStyle, body })).resolves.toMatchObject({ id: 'msg_h' })
  })

  it('refuses a tampered body, a wrong secret, a changed id and missing headers', async () => {
    const headers = signWebhook({ secret, id: 'msg_t', body })
    expect(await failure(verifyWebhook({ secret, headers, body: body.replace('received', 'paid') }))).toBe('badSignature')
    expect(await failure(verifyWebhook({ secret: generateWebhookSecret(), headers, body }))).toBe('badSignature')
    expect(await failure(verifyWebhook({ secret, headers: { ...headers, 'webhook-id': 'msg_other' }, body }))).toBe(
      'badSignature',
    )
    const { 'webhook-signature': _signature, ...unsigned } = headers
    expect(await failure(verifyWebhook({ secret, headers: unsigned, body }))).toBe('missingHeaders')
  })

  it('refuses a stale or future timestamp', async () => {
    const old = signWebhook({ secret, id: 'msg_old', timestamp: new Date(Date.now() - 10 * 60_000), body })
    expect(await failure(verifyWebhook({ secret, headers: old, body }))).toBe('staleTimestamp')
    const future = signWebhook({ secret, id: 'msg_future', timestamp: new Date(Date.now() + 10 * 60_000), body })
    expect(await failure(verifyWebhook({ secret, headers: future, body }))).toBe('staleTimestamp')
    // A caller can tighten the window.
    const twoMinutes = signWebhook({ secret, id: 'msg_2m', timestamp: new Date(Date.now() - 2 * 60_000), body })
    await expect(verifyWebhook({ secret, headers: twoMinutes, body })).resolves.toBeTruthy()
    expect(await failure(verifyWebhook({ secret, headers: twoMinutes, body, toleranceSeconds: 60 }))).toBe('staleTimestamp')
    expect(
      await failure(verifyWebhook({ secret, headers: { ...twoMinutes, 'webhook-timestamp': 'soon' }, body })),
    ).toBe('staleTimestamp')
  })

  it('refuses a replayed id through the replay guard, but never records a forged one', async () => {
    const guard = memoryGuard()
    const headers = signWebhook({ secret, id: 'msg_once', body })
    await verifyWebhook({ secret, headers, body, replayGuard: guard })
    expect(await failure(verifyWebhook({ secret, headers, body, replayGuard: guard }))).toBe('replayed')

    const forged = { ...signWebhook({ secret: generateWebhookSecret(), id: 'msg_forged', body }) }
    expect(await failure(verifyWebhook({ secret, headers: forged, body, replayGuard: guard }))).toBe('badSignature')
    expect(guard.ids).toEqual(new Set(['msg_once']))
  })

  it('refuses a correctly signed body that is not JSON', async () => {
    const text = 'not json'
    const headers = signWebhook({ secret, id: 'msg_text', body: text })
    expect(await failure(verifyWebhook({ secret, headers, body: text }))).toBe('invalidBody')
  })
})
