import { db, type DbOrTx } from '@db/client.server'
import type { ConsentObjectType } from '@db/schema/consent'
import { getConsentState, grantConsent, listConsentHistory, withdrawConsent, type ConsentLocale } from './consent.server'
import type { ConsentPurpose } from './texts'

/**
 * Read models and writes for a signed-in person's consents on their own things (a story, a
 * medium): the monument's forms call these instead of composing ledger events themselves.
 * The subject is always the signed-in user and the channel always the web, so a caller
 * cannot record a consent on someone else's behalf through this door.
 */

type OwnObject = { userId: string; objectType: ConsentObjectType; objectId: string }

/** Records that the signed-in person gave (`grant`) or withdrew one consent on their own object. */
export function recordOwnConsent(
  { userId, objectType, objectId, purpose, grant, locale }: OwnObject & { purpose: ConsentPurpose; grant: boolean; locale: ConsentLocale },
  tx?: DbOrTx,
) {
  const change = { subjectRef: userId, userId, objectType, objectId, purpose, locale, channel: 'web' as const }
  return grant ? grantConsent(change, tx) : withdrawConsent(change, tx)
}

/** Which purposes the object holds now (every registered purpose), and its own events, newest first. */
export async function getOwnObjectConsents({ userId, objectType, objectId }: OwnObject, tx: DbOrTx = db) {
  const state = await getConsentState({ subjectRef: userId, objectType, objectId }, tx)
  const history = (await listConsentHistory({ subjectRef: userId }, tx)).filter((e) => e.objectType === objectType && e.objectId === objectId)
  return { state, history }
}
