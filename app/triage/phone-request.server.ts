import { db } from '@db/client.server'
import { helpRequests } from '@db/schema/triage'
import { recordAccess } from '~/audit/audit.server'
import { createGuestSubjectRef } from '~/consent/consent.server'
import type { Lng } from '~/i18n/config'
import { encryptField } from '~/privacy/field-crypto.server'
import { takeRequest } from './fixed-contact.server'
import { actorOf, addEvent, type Worker } from './help-request.server'
import type { PhoneRequest } from './phone-request-schema'
import { contactDetailsOf } from './schemas'

/**
 * Registers a guidance request for someone who called (issue 17, ADR 0032). It is the same
 * request as one sent online by a guest: the contact details encrypted, the safe-contact
 * wishes (channel, voicemail, safe times, neutral name) kept as given, in the queue for any
 * triage worker to take, after which only the fixed contact person sees the details. The
 * caller has no tracking link (they called; the contact person reaches them as they asked).
 * The timeline says it came in by phone and who entered it; the access log has the entry.
 */
export async function registerPhoneRequest({ worker, input, locale, ip }: { worker: Worker; input: PhoneRequest; locale: Lng; ip?: string | null }) {
  const contact = contactDetailsOf(input)
  const id = await db.transaction(async (tx) => {
    const [row] = await tx
      .insert(helpRequests)
      .values({
        userId: null,
        subjectRef: createGuestSubjectRef(),
        guestTokenHash: null,
        needs: input.needs,
        contactChannel: input.channel,
        contactEncrypted: encryptField(JSON.stringify(contact)),
        voicemailAllowed: input.channel === 'phone' ? input.voicemail === 'yes' : false,
        language: input.language,
        interpreter: input.interpreter,
        setting: input.setting ?? null,
        decade: input.decade ?? null,
        region: input.region ?? null,
        locale,
      })
      .returning({ id: helpRequests.id })
    await addEvent(tx, row!.id, 'created', worker.id, { via: 'phone' })
    await recordAccess({ actor: actorOf(worker), action: 'helpRequest.registerByPhone', objectType: 'helpRequest', objectId: row!.id, subjectId: null, purpose: 'triage', outcome: 'success', ip }, tx)
    return row!.id
  })
  if (input.takeNow) await takeRequest({ worker, requestId: id, ip })
  return { id }
}
