import { randomUUID } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'
import { buildSampleCaseDocument } from '../app/assessment/case-document/case-document.sample'
import { generateWebhookSecret, signWebhook, verifyWebhook } from '../app/assessment/case-document/webhooks.server'
import { resolveReceiverSecret, startReceiver, type Receiver, type ReceiverStats } from './schadefonds-receiver'

const secret = generateWebhookSecret()
const dirs: string[] = []
let receiver: Receiver
let dataDir: string

function freshDir() {
  const dir = mkdtempSync(path.join(tmpdir(), 'schadefonds-'))
  dirs.push(dir)
  return dir
}

beforeEach(async () => {
  dataDir = freshDir()
  receiver = await startReceiver({ port: 0, secret, dataDir })
})
afterEach(() => receiver.close())
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

function deliver(doc: unknown, { id = `msg_${randomUUID()}`, key = secret, timestamp = new Date() } = {}) {
  const body = JSON.stringify(doc)
  return fetch(`${receiver.url}/cases`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...signWebhook({ secret: key, id, timestamp, body }) },
    body,
  })
}
const getJson = async <T>(p: string): Promise<T> => (await fetch(`${receiver.url}${p}`)).json() as Promise<T>
const control = (settings: Record<string, unknown>) =>
  fetch(`${receiver.url}/control`, { method: 'POST', body: JSON.stringify(settings) })

describe('schadefonds reference receiver', () => {
  it('accepts a signed valid case once, even when it is delivered twice', async () => {
    const doc = buildSampleCaseDocument()
    const first = await deliver(doc, { id: 'msg_twice' })
    expect(first.status).toBe(202)
    expect(await first.json()).toEqual({ status: 'accepted', webhookId: 'msg_twice' })
    const again = await deliver(doc, { id: 'msg_twice' })
    expect(again.status).toBe(200)
    expect(await again.json()).toEqual({ status: 'duplicate', webhookId: 'msg_twice' })

    const stats = await getJson<ReceiverStats>('/stats')
    expect(stats).toMatchObject({ received: 2, unique: 1, duplicates: 1, processedTwice: 0, rejected: 0 })
    const { cases } = await getJson<{ cases: Array<Record<string, unknown>> }>('/cases')
    expect(cases).toEqual([
      expect.objectContaining({ webhookId: 'msg_twice', caseId: doc.caseId, reference: doc.reference, deliveries: 2, effects: 1 }),
    ])
    expect(cases[0]).not.toHaveProperty('document')
    const stored = await getJson<{ document: unknown }>(`/cases/${doc.caseId}`)
    expect(stored.document).toEqual(doc)

    // Stored once on disk as well.
    const lines = readFileSync(path.join(dataDir, 'cases.jsonl'), 'utf8').trim().split('\n')
    expect(lines).toHaveLength(1)
  })

  it('stays idempotent across concurrent deliveries and a restart', async () => {
    const doc = buildSampleCaseDocument()
    const statuses = await Promise.all(Array.from({ length: 8 }, () => deliver(doc, { id: 'msg_race' }).then((r) => r.status)))
    expect(statuses.filter((s) => s === 202)).toHaveLength(1)
    expect(statuses.filter((s) => s === 200)).toHaveLength(7)

    await receiver.close()
    receiver = await startReceiver({ port: 0, secret, dataDir })
    expect((await deliver(doc, { id: 'msg_race' })).status).toBe(200)
    expect((await deliver(doc, { id: 'msg_new' })).status).toBe(202)
    expect(receiver.stats()).toMatchObject({ unique: 2, duplicates: 1, processedTwice: 0 })
  })

  it('refuses a bad signature or a stale timestamp with 401 and stores nothing', async () => {
    const doc = buildSampleCaseDocument()
    const forged = await deliver(doc, { key: generateWebhookSecret() })
    expect(forged.status).toBe(401)
    expect(await forged.json()).toEqual({ error: 'badSignature' })
    const stale = await deliver(doc, { timestamp: new Date(Date.now() - 10 * 60_000) })
    expect(stale.status).toBe(401)
    const unsigned = await fetch(`${receiver.url}/cases`, { method: 'POST', body: JSON.stringify(doc) })
    expect(unsigned.status).toBe(401)
    expect(receiver.stats()).toMatchObject({ received: 0, unique: 0, rejected: 3 })
  })

  it('refuses a document that breaks the contract with 400, naming paths but not values', async () => {
    const doc = { ...buildSampleCaseDocument(), applicant: { ...buildSampleCaseDocument().applicant, bsn: '123456789' } }
    const response = await deliver(doc)
    expect(response.status).toBe(400)
    const body = (await response.json()) as { error: string; issues: Array<{ path: string }> }
    expect(body.error).toBe('invalidDocument')
    expect(body.issues.map((i) => i.path)).toEqual(['applicant.bsn'])
    expect(JSON.stringify(body)).not.toContain('123456789')
    expect((await deliver({ hello: 'world' })).status).toBe(400)
    expect(receiver.stats()).toMatchObject({ unique: 0, rejected: 2 })
  })

  it('fails on purpose with failRate 1, and recovers', async () => {
    expect((await control({ failRate: 1 })).status).toBe(200)
    const doc = buildSampleCaseDocument()
    const failed = await deliver(doc, { id: 'msg_flaky' })
    expect(failed.status).toBe(500)
    expect(receiver.stats()).toMatchObject({ failedInjected: 1, unique: 0 })

    await control({ failRate: 0 })
    expect((await deliver(doc, { id: 'msg_flaky' })).status).toBe(202)
    expect((await control({ failRate: 2 })).status).toBe(400)
    expect((await control({ unknown: true })).status).toBe(400)
  })

  it('with timeoutRate 1 it stores the case and then hangs, so the retry is a duplicate', async () => {
    await control({ timeoutRate: 1, timeoutMs: 60_000 })
    const doc = buildSampleCaseDocument()
    const body = JSON.stringify(doc)
    const headers = { 'content-type': 'application/json', ...signWebhook({ secret, id: 'msg_slow', body }) }
    const timedOut = await fetch(`${receiver.url}/cases`, { method: 'POST', headers, body, signal: AbortSignal.timeout(300) }).then(
      () => 'answered',
      (error: Error) => error.name,
    )
    expect(timedOut).toBe('TimeoutError')

    await control({ timeoutRate: 0 })
    const retry = await fetch(`${receiver.url}/cases`, { method: 'POST', headers, body })
    expect(retry.status).toBe(200)
    expect(receiver.stats()).toMatchObject({ unique: 1, duplicates: 1, timedOutInjected: 1, processedTwice: 0 })
  })

  it('reports events to the portal as signed webhooks and returns the status it got', async () => {
    const got: Array<{ id: string; payload: unknown }> = []
    const portal = http.createServer(async (req, res) => {
      const chunks: Buffer[] = []
      for await (const c of req) chunks.push(c as Buffer)
      try {
        got.push(await verifyWebhook({ secret, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') }))
        res.writeHead(204).end()
      } catch {
        res.writeHead(401).end()
      }
    })
    await new Promise<void>((resolve) => portal.listen(0, '127.0.0.1', resolve))
    const portalUrl = `http://127.0.0.1:${(portal.address() as AddressInfo).port}/api/schadefonds/events`
    await receiver.close()
    receiver = await startReceiver({ port: 0, secret, dataDir, portalInboundUrl: portalUrl })

    const caseId = randomUUID()
    const report = (payload: unknown) => fetch(`${receiver.url}/report`, { method: 'POST', body: JSON.stringify(payload) })
    const sent = await report({ caseId, reference: 'JZ-2026-000123', event: 'decided', outcome: 'granted' })
    expect(sent.status).toBe(200)
    const answer = (await sent.json()) as { delivered: boolean; portalStatus: number; webhookId: string }
    expect(answer).toMatchObject({ delivered: true, portalStatus: 204 })
    expect(got).toHaveLength(1)
    expect(got[0]!.id).toBe(answer.webhookId)
    expect(got[0]!.payload).toMatchObject({ caseId, reference: 'JZ-2026-000123', event: 'decided', outcome: 'granted' })
    // A decision with the amount granted, sent again under the id it had (a redelivery).
    const withAmount = await report({ caseId, reference: 'JZ-2026-000123', event: 'decided', outcome: 'granted', amountCents: 500_000, webhookId: 'msg_again' })
    expect(await withAmount.json()).toMatchObject({ delivered: true, webhookId: 'msg_again' })
    expect(got[1]).toMatchObject({ id: 'msg_again', payload: { event: 'decided', outcome: 'granted', amountCents: 500_000 } })

    expect((await report({ caseId, reference: 'JZ-2026-000123', event: 'exploded' })).status).toBe(400)
    expect((await report({ caseId, reference: 'JZ-2026-000123', event: 'decided' })).status).toBe(400) // outcome missing

    await new Promise<void>((resolve) => portal.close(() => resolve()))
    const unreachable = await report({ caseId, reference: 'JZ-2026-000123', event: 'received' })
    expect(unreachable.status).toBe(502)
    expect(await unreachable.json()).toMatchObject({ delivered: false, portalStatus: null })
  })

  it('finds its secret in the environment or in the portal’s generated secrets', () => {
    const dataRoot = freshDir()
    expect(() => resolveReceiverSecret({ env: {}, dataRoot })).toThrow(/SCHADEFONDS_WEBHOOK_SECRET/)
    writeFileSync(path.join(dataRoot, 'secrets.json'), JSON.stringify({ WEBHOOK_SECRET: 'whsec_fromfile' }))
    expect(resolveReceiverSecret({ env: {}, dataRoot })).toBe('whsec_fromfile')
    expect(resolveReceiverSecret({ env: { SCHADEFONDS_WEBHOOK_SECRET: 'whsec_env' }, dataRoot })).toBe('whsec_env')
  })
})
