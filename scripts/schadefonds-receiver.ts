// A reference receiver standing in for the Schadefonds' own workflow, for development,
// end-to-end tests and benchmarks. It verifies signed case deliveries (Standard Webhooks),
// checks them against the case contract they name (case-v1 or case-v2, by schemaVersion), stores each delivery once by webhook id, and
// can fail or hang on purpose. `npm run schadefonds:dev` starts it on SCHADEFONDS_PORT
// (4600) with SCHADEFONDS_WEBHOOK_SECRET, or the portal's WEBHOOK_SECRET from
// <DATA_DIR>/secrets.json in embedded mode.
//
// Not a production component: control endpoints are unauthenticated, so it listens on
// 127.0.0.1 unless SCHADEFONDS_HOST says otherwise.
import { createHash, randomUUID } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import http, { type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import { pathToFileURL } from 'node:url'
import { z } from 'zod'
import { CaseDocumentV1Schema, type CaseDocumentV1 } from '../app/assessment/case-document/case-document'
import { CaseDocumentV2Schema, type CaseDocumentV2 } from '../app/assessment/case-document/case-document-v2'
import { SchadefondsEventSchema } from '../app/assessment/case-document/schadefonds-events'
import { signWebhook, verifyWebhook, WebhookVerificationFailed } from '../app/assessment/case-document/webhooks.server'
import { HttpError, issuesOf, parseJson, readBody, send } from './json-http'
import { openCaseStore } from './schadefonds-case-store'

export const DEFAULT_PORT = 4600
export const DEFAULT_PORTAL_INBOUND_URL = 'http://localhost:3000/api/schadefonds/events'

export type ReceiverStats = {
  /** Deliveries that passed signature and schema checks (first deliveries and duplicates). */
  received: number
  /** Distinct webhook ids stored, including those loaded from an earlier run. */
  unique: number
  duplicates: number
  failedInjected: number
  timedOutInjected: number
  /** Refused with 400 or 401. */
  rejected: number
  /** Webhook ids whose effect ran more than once; must stay 0. */
  processedTwice: number
}

/**
 * A fund reads the version a document says it is, checked against that version's contract;
 * v2 also proves its narrative's fingerprint. Anything else is refused.
 */
export function parseCaseDocument(payload: unknown): { success: true; data: CaseDocumentV1 | CaseDocumentV2 } | { success: false; error: z.ZodError } {
  const version = payload && typeof payload === 'object' ? (payload as { schemaVersion?: unknown }).schemaVersion : undefined
  if (version !== 'case-v2') return CaseDocumentV1Schema.safeParse(payload)
  const parsed = CaseDocumentV2Schema.safeParse(payload)
  if (!parsed.success || !parsed.data.narrative) return parsed
  const digest = createHash('sha256').update(parsed.data.narrative.text, 'utf8').digest('hex')
  if (digest === parsed.data.narrative.sha256) return parsed
  return { success: false, error: new z.ZodError([{ code: 'custom', path: ['narrative', 'sha256'], message: 'Does not match the SHA-256 of narrative.text' }]) }
}

export type Receiver = {
  url: string
  port: number
  stats(): ReceiverStats
  close(): Promise<void>
}

export type ReceiverOptions = {
  port?: number
  host?: string
  secret: string
  dataDir: string
  portalInboundUrl?: string
  log?: (line: string) => void
}

const ControlSchema = z
  .object({
    failRate: z.number().min(0).max(1),
    timeoutRate: z.number().min(0).max(1),
    timeoutMs: z.number().int().min(0).max(600_000),
  })
  .partial()
  .strict()

/**
 * A report to send on to the portal, e.g. `{ "event": "decided", "caseId": …, "reference": …,
 * "outcome": "granted", "amountCents": 500000 }` or `{ "event": "paid", …, "amountCents": 500000 }`.
 * `occurredAt` (when it happened at the fund; the portal orders a case's reports by it)
 * defaults to now; an earlier one sends a late report. `webhookId` sends a report again under
 * the id it had (a redelivery), otherwise each report gets a new id.
 */
const ReportSchema = z
  .object({ occurredAt: z.string().optional(), webhookId: z.string().regex(/^msg_[\w-]{1,100}$/).optional() })
  .passthrough()
  .transform(({ webhookId, ...r }) => ({ webhookId, event: { ...r, occurredAt: r.occurredAt ?? new Date().toISOString() } }))
  .pipe(z.object({ webhookId: z.string().optional(), event: SchadefondsEventSchema }))

export async function startReceiver(options: ReceiverOptions): Promise<Receiver> {
  const { secret, dataDir, portalInboundUrl = DEFAULT_PORTAL_INBOUND_URL, log = () => {} } = options
  const store = openCaseStore(dataDir)
  const counters = { received: 0, duplicates: 0, failedInjected: 0, timedOutInjected: 0, rejected: 0 }
  const faults = { failRate: 0, timeoutRate: 0, timeoutMs: 30_000 }
  const hanging = new Set<{ timer: NodeJS.Timeout; resolve: () => void }>()

  const stats = (): ReceiverStats => ({
    received: counters.received,
    unique: store.size(),
    duplicates: counters.duplicates,
    failedInjected: counters.failedInjected,
    timedOutInjected: counters.timedOutInjected,
    rejected: counters.rejected,
    processedTwice: store.processedTwice(),
  })

  function hang(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const entry = {
        timer: setTimeout(() => {
          hanging.delete(entry)
          resolve()
        }, ms),
        resolve,
      }
      hanging.add(entry)
    })
  }

  async function receiveCase(req: IncomingMessage, res: ServerResponse) {
    if (Math.random() < faults.failRate) {
      counters.failedInjected++
      return send(res, 500, { error: 'injectedFailure' })
    }
    const willHang = Math.random() < faults.timeoutRate

    const body = await readBody(req)
    let id: string
    let payload: unknown
    try {
      ;({ id, payload } = await verifyWebhook({ secret, headers: req.headers, body }))
    } catch (error) {
      if (!(error instanceof WebhookVerificationFailed)) throw error
      counters.rejected++
      const status = error.reason === 'invalidBody' ? 400 : 401
      log(`POST /cases ${status} ${error.reason}`)
      return send(res, status, { error: error.reason })
    }
    const parsed = parseCaseDocument(payload)
    if (!parsed.success) {
      counters.rejected++
      log(`POST /cases 400 invalidDocument (${id})`)
      return send(res, 400, { error: 'invalidDocument', issues: issuesOf(parsed.error) })
    }

    counters.received++
    store.countDelivery(id)
    let status: number
    if (store.has(id)) {
      counters.duplicates++
      status = 200
    } else {
      const doc = parsed.data
      const claimed = await store.claim({ webhookId: id, receivedAt: new Date().toISOString(), caseId: doc.caseId, reference: doc.reference, version: doc.version, document: doc })
      if (!claimed) return send(res, 500, { error: 'storageFailed' })
      status = 202
    }
    log(`POST /cases ${status} ${parsed.data.reference} v${parsed.data.version} (${id})`)

    // The case is stored before the hang, as when a real receiver is slow to answer:
    // the sender times out and retries, and the retry must be a duplicate, not a second case.
    if (willHang) {
      counters.timedOutInjected++
      await hang(faults.timeoutMs)
    }
    send(res, status, { status: status === 202 ? 'accepted' : 'duplicate', webhookId: id })
  }

  async function report(req: IncomingMessage, res: ServerResponse) {
    const parsed = ReportSchema.safeParse(parseJson(await readBody(req)))
    if (!parsed.success) return send(res, 400, { error: 'invalidReport', issues: issuesOf(parsed.error) })
    const body = JSON.stringify(parsed.data.event)
    const webhookId = parsed.data.webhookId ?? `msg_${randomUUID()}`
    try {
      const response = await fetch(portalInboundUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...signWebhook({ secret, id: webhookId, body }) },
        body,
        signal: AbortSignal.timeout(10_000),
      })
      await response.body?.cancel()
      log(`report ${parsed.data.event.event} ${parsed.data.event.reference} → ${response.status}`)
      send(res, 200, { delivered: response.ok, portalStatus: response.status, webhookId })
    } catch {
      log(`report ${parsed.data.event.event} ${parsed.data.event.reference} → unreachable`)
      send(res, 502, { delivered: false, portalStatus: null, webhookId, error: 'portalUnreachable' })
    }
  }

  async function route(req: IncomingMessage, res: ServerResponse) {
    const { pathname } = new URL(req.url ?? '/', 'http://receiver')
    const key = `${req.method} ${pathname}`
    if (key === 'POST /cases') return receiveCase(req, res)
    if (key === 'GET /cases') {
      const cases = store.list()
      return send(res, 200, { cases })
    }
    if (req.method === 'GET' && pathname.startsWith('/cases/')) {
      const caseId = decodeURIComponent(pathname.slice('/cases/'.length))
      const latest = store.latest(caseId)
      return latest ? send(res, 200, latest) : send(res, 404, { error: 'notFound' })
    }
    if (key === 'GET /stats') return send(res, 200, stats())
    if (key === 'POST /control') {
      const parsed = ControlSchema.safeParse(parseJson(await readBody(req)))
      if (!parsed.success) return send(res, 400, { error: 'invalidControl', issues: issuesOf(parsed.error) })
      Object.assign(faults, parsed.data)
      return send(res, 200, faults)
    }
    if (key === 'POST /report') return report(req, res)
    if (key === 'GET /healthz') return send(res, 200, { ok: true })
    send(res, 404, { error: 'notFound' })
  }

  const server = http.createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      if (error instanceof HttpError) return send(res, error.status, error.body)
      log(`error: ${error instanceof Error ? error.message : String(error)}`)
      send(res, 500, { error: 'internal' })
    })
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? DEFAULT_PORT, options.host ?? '127.0.0.1', () => {
      server.off('error', reject)
      resolve()
    })
  })
  const { port } = server.address() as AddressInfo
  const url = `http://${options.host && options.host !== '0.0.0.0' ? options.host : '127.0.0.1'}:${port}`

  return {
    url,
    port,
    stats,
    async close() {
      for (const entry of hanging) {
        clearTimeout(entry.timer)
        entry.resolve()
      }
      hanging.clear()
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      await store.flushed()
    },
  }
}

/** SCHADEFONDS_WEBHOOK_SECRET, else the portal's generated WEBHOOK_SECRET in embedded mode. */
export function resolveReceiverSecret({ env, dataRoot }: { env: Record<string, string | undefined>; dataRoot: string }): string {
  if (env.SCHADEFONDS_WEBHOOK_SECRET) return env.SCHADEFONDS_WEBHOOK_SECRET
  const file = path.join(dataRoot, 'secrets.json')
  if (existsSync(file)) {
    const secret = (JSON.parse(readFileSync(file, 'utf8')) as { WEBHOOK_SECRET?: string }).WEBHOOK_SECRET
    if (secret) return secret
  }
  throw new Error(
    `No webhook secret: set SCHADEFONDS_WEBHOOK_SECRET, or start the portal once in embedded mode so that ${file} holds WEBHOOK_SECRET.`,
  )
}

const invokedDirectly = process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href
if (invokedDirectly) {
  const dataRoot = process.env.DATA_DIR ?? '.data'
  try {
    const port = Number(process.env.SCHADEFONDS_PORT ?? DEFAULT_PORT)
    const receiver = await startReceiver({
      port,
      host: process.env.SCHADEFONDS_HOST ?? '127.0.0.1',
      secret: resolveReceiverSecret({ env: process.env, dataRoot }),
      dataDir: path.join(dataRoot, 'schadefonds'),
      portalInboundUrl: process.env.PORTAL_INBOUND_URL ?? DEFAULT_PORTAL_INBOUND_URL,
      log: (line) => console.log(`[schadefonds] ${line}`),
    })
    console.log(`[schadefonds] reference receiver on ${receiver.url} (POST /cases, GET /cases, GET /stats, POST /control, POST /report)`)
    const stop = () => {
      receiver.close().then(() => process.exit(0))
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  } catch (error) {
    console.error(`[schadefonds] ${error instanceof Error ? error.message : String(error)}`)
    process.exit(1)
  }
}
