import { asc, eq } from 'drizzle-orm'
import { db } from '@db/client.server'
import { users } from '@db/schema/accounts'
import { helpRequestEvents, type HelpRequest } from '@db/schema/triage'
import { hasConsent } from '~/consent/consent.server'
import { firstNameOf } from './contact'
import { isOpen } from './help-request.server'
import { listMessages } from './messages.server'
import { listReferralsWithNames, REFERRAL_PURPOSE, referralConsentObjectId } from './referral.server'

/**
 * What the survivor sees: the timeline, their contact person's first name, the messages,
 * referrals waiting for their answer, and what was shared with whom (from the consent ledger).
 * Notes and contact attempts are staff work and never shown here.
 */
export async function getSurvivorView({ request }: { request: HelpRequest }) {
  const [contact] = request.contactPersonId
    ? await db.select({ displayName: users.displayName }).from(users).where(eq(users.id, request.contactPersonId))
    : []
  const events = await db
    .select({ kind: helpRequestEvents.kind, occurredAt: helpRequestEvents.occurredAt, detail: helpRequestEvents.detail })
    .from(helpRequestEvents)
    .where(eq(helpRequestEvents.requestId, request.id))
    .orderBy(asc(helpRequestEvents.occurredAt), asc(helpRequestEvents.id))
  const referrals = await listReferralsWithNames({ requestIds: [request.id] })
  const shared = []
  for (const r of referrals.filter((x) => x.status === 'shared')) {
    const granted = await hasConsent({ subjectRef: request.subjectRef, objectType: 'helpRequest', objectId: referralConsentObjectId(request.id, r.entryId), purpose: REFERRAL_PURPOSE })
    shared.push({ ...r, consentActive: granted })
  }
  const entryNames = new Map(referrals.map((r) => [r.entryId, r.name]))
  return {
    id: request.id,
    status: request.status,
    contactFirstName: firstNameOf(contact?.displayName),
    timeline: events.map((e) => ({ kind: e.kind, at: e.occurredAt.toISOString(), organisation: e.detail.entryId ? (entryNames.get(e.detail.entryId) ?? null) : null })),
    messages: await listMessages({ requestId: request.id }),
    proposals: referrals.filter((r) => r.status === 'proposed').map((r) => ({ id: r.id, name: r.name, slug: r.slug, fields: r.fields })),
    shared: shared.map((r) => ({ id: r.id, name: r.name, slug: r.slug, fields: r.fields, sharedAt: r.sharedAt?.toISOString() ?? null, consentActive: r.consentActive })),
    open: isOpen(request.status),
  }
}
