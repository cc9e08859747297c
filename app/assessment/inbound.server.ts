import { and, eq } from 'drizzle-orm'
import { db, type Tx } from '@db/client.server'
import { schadefondsInbound } from '@db/schema/assessment'
import { applications, type ApplicationStatus } from '@db/schema/scheme'
import { dispatchMail } from '~/mail/mail.server'
import { setApplicationStatus } from '~/scheme/applications.server'
import { SchadefondsEventSchema, type SchadefondsEvent } from '~/scheme/schadefonds-events'
import { verifyWebhook, WebhookVerificationFailed, type ReplayGuard } from '~/scheme/webhooks.server'
import { logger } from '~/utils/logger.server'
import { getHandoffConfig } from './handoff-config.server'

/**
 * Signed events from the Schadefonds (POST /api/schadefonds/events). The signature is the
 * authentication. Verification, the replay guard (a unique webhook id in
 * schadefonds_inbound) and the status change run in one transaction: a refused or failed
 * event leaves no trace, so the sender can retry it, and an accepted one cannot run twice.
 */

export type InboundResult = { status: 200 | 400 | 401 | 404 | 409 | 503; error?: string }

const STATUS_OF: Record<SchadefondsEvent['event'], ApplicationStatus> = {
  received: 'received',
  decided: 'decided',
  paid: 'paid',
  objectionReceived: 'objectionReceived',
}

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

async function applyEvent(tx: Tx, event: SchadefondsEvent, webhookId: string): Promise<string | null> {
  const [app] = await tx
    .select()
    .from(applications)
    .where(and(eq(applications.id, event.caseId), eq(applications.reference, event.reference)))
    .for('update')
  if (!app) throw new InboundRefused({ status: 404, error: 'unknownCase' })
  await tx.update(schadefondsInbound).set({ applicationId: app.id }).where(eq(schadefondsInbound.webhookId, webhookId))
  const at = new Date(event.occurredAt)
  // Through the applicant module: status, a timeline event the applicant sees, and a mail.
  const { mailId } = await setApplicationStatus(
    { applicationId: app.id, status: STATUS_OF[event.event], at, ...(event.event === 'received' ? { schadefondsReference: event.reference } : {}) },
    tx,
  )
  return mailId
}
