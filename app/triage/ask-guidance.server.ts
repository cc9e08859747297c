import { createHash, randomBytes } from 'node:crypto'
import { and, desc, eq } from 'drizzle-orm'
import { db } from '@db/client.server'
import { helpRequests } from '@db/schema/triage'
import { createGuestSubjectRef, grantConsent } from '~/consent/consent.server'
import { isConsentPurpose } from '~/consent/texts'
import type { Lng } from '~/i18n/config'
import { getOwnStoryIdToLink } from '~/monument/for-triage.server'
import { encryptField } from '~/privacy/field-crypto.server'
import { addEvent, TriageError } from './help-request.server'
import { contactDetailsOf, type AskGuidance } from './schemas'

/**
 * Consent for processing the request itself. The purpose is not yet in app/consent/texts.ts
 * (owned elsewhere); until it is, the request is processed on the form's explicit agreement
 * and no ledger event is written for it.
 */
const PROCESSING_PURPOSE = 'triage.processRequest'

function hashGuestToken(token: string) {
  return createHash('sha256').update(token).digest('hex')
}

/**
 * Creates a request. A guest gets a random tracking token (returned once; only its hash is
 * stored). The story link is kept only when the story is the person's own.
 */
export async function createHelpRequest({ input, userId, locale }: { input: AskGuidance; userId: string | null; locale: Lng }) {
  const guestToken = userId ? null : randomBytes(24).toString('base64url')
  const contact = contactDetailsOf(input)
  const id = await db.transaction(async (tx) => {
    let storyId: string | null = null
    if (input.storyId) {
      if (!userId) throw new TriageError('storyNotOwn')
      storyId = await getOwnStoryIdToLink({ authorId: userId, storyId: input.storyId, tx })
      if (!storyId) throw new TriageError('storyNotOwn')
    }
    const subjectRef = userId ?? createGuestSubjectRef()
    const [row] = await tx
      .insert(helpRequests)
      .values({
        userId,
        subjectRef,
        guestTokenHash: guestToken ? hashGuestToken(guestToken) : null,
        needs: input.needs,
        contactChannel: input.channel,
        contactEncrypted: encryptField(JSON.stringify(contact)),
        voicemailAllowed: input.channel === 'phone' ? input.voicemail === 'yes' : false,
        language: input.language,
        interpreter: input.interpreter,
        setting: input.setting ?? null,
        decade: input.decade ?? null,
        region: input.region ?? null,
        storyId,
        locale,
      })
      .returning({ id: helpRequests.id })
    await addEvent(tx, row!.id, 'created', userId)
    if (isConsentPurpose(PROCESSING_PURPOSE)) {
      await grantConsent({ subjectRef, userId, objectType: 'helpRequest', objectId: row!.id, purpose: PROCESSING_PURPOSE, locale, channel: 'web' }, tx)
    }
    return row!.id
  })
  return { id, guestToken }
}

/** A guest's request by their tracking token, or null (an unknown token looks like no request). */
export async function getRequestByGuestToken({ token }: { token: string }) {
  if (!/^[A-Za-z0-9_-]{20,64}$/.test(token)) return null
  const [row] = await db.select().from(helpRequests).where(eq(helpRequests.guestTokenHash, hashGuestToken(token)))
  return row ?? null
}

/** A survivor's own request, or null: another person's request is never found. */
export async function getOwnRequest({ requestId, userId }: { requestId: string; userId: string }) {
  if (!/^[0-9a-f-]{36}$/i.test(requestId)) return null
  const [row] = await db.select().from(helpRequests).where(and(eq(helpRequests.id, requestId), eq(helpRequests.userId, userId)))
  return row ?? null
}

export async function listOwnRequests({ userId }: { userId: string }) {
  return db
    .select({ id: helpRequests.id, status: helpRequests.status, needs: helpRequests.needs, createdAt: helpRequests.createdAt })
    .from(helpRequests)
    .where(eq(helpRequests.userId, userId))
    .orderBy(desc(helpRequests.createdAt))
}
