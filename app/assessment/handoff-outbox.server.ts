import { count, eq } from 'drizzle-orm'
import type { Tx } from '@db/client.server'
import { handoffOutbox } from '@db/schema/assessment'
import { encryptField } from '~/privacy/field-crypto.server'
import type { FrozenCases } from './case-document/build-case-v2.server'

/** Stable per case version: every redelivery of this version carries the same id. */
function handoffWebhookId({ applicationId, caseVersion }: { applicationId: string; caseVersion: number }) {
  return `case_${applicationId}_v${caseVersion}`
}

/** The version the next hand-off of this case gets (1 for the first confirmation). */
export async function nextCaseVersion(tx: Tx, applicationId: string) {
  const [versions] = await tx.select({ n: count() }).from(handoffOutbox).where(eq(handoffOutbox.applicationId, applicationId))
  return (versions?.n ?? 0) + 1
}

/** The case sealed (encrypted) for the outbox: it carries the BSN and IBAN until delivery. */
function sealFrozenCase(frozen: FrozenCases) {
  return encryptField(JSON.stringify(frozen))
}

/** Queues a confirmed case for delivery, in the confirming transaction. Returns the outbox row's id. */
export async function addToHandoffOutbox(tx: Tx, { applicationId, caseVersion, frozen }: { applicationId: string; caseVersion: number; frozen: FrozenCases }) {
  const [row] = await tx
    .insert(handoffOutbox)
    .values({ applicationId, caseVersion, webhookId: handoffWebhookId({ applicationId, caseVersion }), payloadEncrypted: sealFrozenCase(frozen) })
    .returning({ id: handoffOutbox.id })
  return row!.id
}
