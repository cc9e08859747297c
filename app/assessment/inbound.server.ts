import { eq, inArray } from 'drizzle-orm'
import { db, type DbOrTx, type Tx } from '@db/client.server'
import { schadefondsInbound } from '@db/schema/assessment'
import { dispatchMail } from '~/mail/mail.server'
import { lockApplicationForFundReport, recordFundReport } from '~/scheme/fund-status.server'
import { baseStatus, foldFundEvents, type FundEvent, type FundState } from '~/scheme/status-machine'
import { logger } from '~/utils/logger.server'
import { SchadefondsEventSchema, type SchadefondsEvent } from './case-document/schadefonds-events'
import { verifyWebhook, WebhookVerificationFailed, type ReplayGuard } from './case-document/webhooks.server'
import { getHandoffConfig } from './handoff-config.server'

/**
 * Signed events from the Schadefonds (POST /api/schadefonds/events). The signature is the
 * authentication. Verification, the replay guard (a unique webhook id in
 * schadefonds_inbound) and the status change run in one transaction: a refused or failed
 * event leaves no trace, so the sender can retry it, and an accepted one cannot run twice.
 *
 * The stored reports are the case's history: the status is their fold in the order they
 * happened at the fund (app/scheme/status-machine.ts), recomputed under the application's
 * row lock for every report, so a report that arrives late or out of order never moves the
 * status back and the same reports give the same status whatever order they came in.
 */

type InboundResult = { status: 200 | 400 | 401 | 404 | 409 | 503; error?: string }

class InboundRefused extends Error {
  constructor(readonly result: InboundResult) {
    super(result.error)
  }
}

function replayGuardIn(tx: Tx, pending: { event: string; payload: unknown }): ReplayGuard {
  return {
    async seen(id) {
      const rows = await tx
        .insert(schadefondsInbound)
        .values({ webhookId: id, event: pending.event, payload: pending.payload ?? {} })
        .onConflictDoNothing({ target: schadefondsInbound.webhookId })
        .returning({ id: schadefondsInbound.id })
      return rows.length === 0
    },
  }
}

export async function receiveSchadefondsEvent({ headers, body, secret = getHandoffConfig().secret }: { headers: Headers; body: string; secret?: string | null }): Promise<InboundResult> {
  // Unsigned requests are refused before anything else, configured or not.
  if (!headers.get('webhook-id') || !headers.get('webhook-timestamp') || !headers.get('webhook-signature')) return { status: 401, error: 'missingHeaders' }
  if (!secret) return { status: 503, error: 'notConfigured' }
  // The body is checked before the id is recorded, so the guard can store the event with it.
  let parsedBody: unknown
  try {
    parsedBody = JSON.parse(body)
  } catch {
    parsedBody = undefined
  }
  const event = SchadefondsEventSchema.safeParse(parsedBody)
  let mailId: string | null = null
  try {
    mailId = await db.transaction(async (tx) => {
      try {
        await verifyWebhook({
          secret,
          headers,
          body,
          replayGuard: event.success ? replayGuardIn(tx, { event: event.data.event, payload: event.data }) : undefined,
        })
      } catch (error) {
        if (!(error instanceof WebhookVerificationFailed)) throw error
        const status = error.reason === 'replayed' ? 409 : error.reason === 'invalidBody' ? 400 : 401
        throw new InboundRefused({ status, error: error.reason })
      }
      if (!event.success) throw new InboundRefused({ status: 400, error: 'invalidEvent' })
      return applyEvent(tx, event.data, headers.get('webhook-id')!)
    })
  } catch (error) {
    if (error instanceof InboundRefused) return error.result
    throw error
  }
  if (mailId) {
    try {
      await dispatchMail(mailId)
    } catch (err) {
      logger.warn({ err }, 'mail dispatch deferred')
    }
  }
  return { status: 200 }
}

/** A stored report as the status machine reads it; one that no longer parses is left out. */
function toFundEvent(row: { webhookId: string; payload: unknown }): FundEvent[] {
  const parsed = SchadefondsEventSchema.safeParse(row.payload)
  if (!parsed.success) return []
  const e = parsed.data
  return [
    {
      id: row.webhookId,
      kind: e.event,
      occurredAt: new Date(e.occurredAt),
      ...(e.event === 'decided' ? { outcome: e.outcome, amountCents: e.amountCents, reasonCode: e.reasonCode } : {}),
      ...(e.event === 'paid' ? { amountCents: e.amountCents } : {}),
    },
  ]
}

async function historyOf(tx: DbOrTx, applicationIds: string[]) {
  if (applicationIds.length === 0) return []
  return tx
    .select({ applicationId: schadefondsInbound.applicationId, webhookId: schadefondsInbound.webhookId, payload: schadefondsInbound.payload })
    .from(schadefondsInbound)
    .where(inArray(schadefondsInbound.applicationId, applicationIds))
}

async function applyEvent(tx: Tx, event: SchadefondsEvent, webhookId: string): Promise<string | null> {
  const app = await lockApplicationForFundReport({ caseId: event.caseId, reference: event.reference }, tx)
  if (!app) throw new InboundRefused({ status: 404, error: 'unknownCase' })
  await tx.update(schadefondsInbound).set({ applicationId: app.id }).where(eq(schadefondsInbound.webhookId, webhookId))
  const { state, effect } = foldFundEvents({ base: baseStatus(app.status), events: (await historyOf(tx, [app.id])).flatMap(toFundEvent) })
  const { mailId } = await recordFundReport(
    { app, state, report: { kind: event.event, at: new Date(event.occurredAt), late: effect.get(webhookId) !== 'applied', reference: event.reference } },
    tx,
  )
  return mailId
}

/**
 * What the fund reported about these applications (the applicant's status page): the fold
 * of each one's reports, or nothing for an application the fund has not reported on.
 */
export async function getFundStates({ applications: apps }: { applications: Array<{ id: string; status: string }> }, tx: DbOrTx = db): Promise<Map<string, FundState>> {
  const rows = await historyOf(
    tx,
    apps.map((a) => a.id),
  )
  const states = new Map<string, FundState>()
  for (const app of apps) {
    const events = rows.filter((r) => r.applicationId === app.id).flatMap(toFundEvent)
    if (events.length) states.set(app.id, foldFundEvents({ base: baseStatus(app.status), events }).state)
  }
  return states
}
