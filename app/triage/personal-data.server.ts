import { asc, eq, inArray } from 'drizzle-orm'
import { helpContactAttempts, helpMessages, helpNotes, helpRequestEvents, helpRequests } from '@db/schema/triage'
import { decryptField } from '~/privacy/field-crypto.server'
import { registerPersonalData } from '~/privacy/data-registry.server'
import { listReferralsWithNames } from './referral.server'

/**
 * Exported: every request of the person with its contact details, timeline, contact
 * attempts, messages, what was shared with which organisation, and the triage workers'
 * notes about them (notes are personal data about the survivor, so they are included).
 *
 * Erased: all of it, deleted. Nothing is kept here. What stays lives with other
 * capabilities and says so itself: the consent ledger (the proof of each referral consent,
 * object `<requestId>:<entryId>`) and the access log (who viewed the request). Guest
 * requests have no account to erase them by; the guest withdraws with their tracking link.
 */
registerPersonalData({
  name: 'triage',
  tables: ['help_requests', 'help_request_events', 'help_contact_attempts', 'help_notes', 'help_messages', 'help_referrals'],
  exportFor: async ({ userId, tx }) => {
    const requests = await tx.select().from(helpRequests).where(eq(helpRequests.userId, userId)).orderBy(asc(helpRequests.createdAt))
    const ids = requests.map((r) => r.id)
    if (ids.length === 0) return { requests: [] }
    const events = await tx.select().from(helpRequestEvents).where(inArray(helpRequestEvents.requestId, ids))
    const attempts = await tx.select().from(helpContactAttempts).where(inArray(helpContactAttempts.requestId, ids))
    const notes = await tx.select().from(helpNotes).where(inArray(helpNotes.requestId, ids))
    const messages = await tx.select().from(helpMessages).where(inArray(helpMessages.requestId, ids))
    const referrals = await listReferralsWithNames({ requestIds: ids, tx })
    return {
      requests: requests.map((r) => ({
        id: r.id,
        createdAt: r.createdAt,
        status: r.status,
        closeReason: r.closeReason,
        needs: r.needs,
        contactChannel: r.contactChannel,
        contact: JSON.parse(decryptField(r.contactEncrypted)) as unknown,
        voicemailAllowed: r.voicemailAllowed,
        language: r.language,
        interpreter: r.interpreter,
        setting: r.setting,
        decade: r.decade,
        region: r.region,
        storyId: r.storyId,
        timeline: events.filter((e) => e.requestId === r.id).map((e) => ({ kind: e.kind, at: e.occurredAt })),
        contactAttempts: attempts.filter((a) => a.requestId === r.id).map((a) => ({ channel: a.channel, outcome: a.outcome, at: a.occurredAt })),
        notesByTriageStaff: notes.filter((n) => n.requestId === r.id).map((n) => ({ at: n.createdAt, text: decryptField(n.bodyEncrypted) })),
        messages: messages.filter((m) => m.requestId === r.id).map((m) => ({ at: m.createdAt, fromMe: m.fromSurvivor, text: decryptField(m.bodyEncrypted) })),
        sharedWith: referrals.filter((x) => x.requestId === r.id).map((x) => ({ organisation: x.name, status: x.status, fields: x.fields, sharedAt: x.sharedAt })),
      })),
    }
  },
  eraseFor: async ({ userId, tx }) => {
    // Events, attempts, notes, messages and referrals go with their request (ON DELETE CASCADE).
    await tx.delete(helpRequests).where(eq(helpRequests.userId, userId))
    return {}
  },
})
