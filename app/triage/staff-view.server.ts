import { asc, eq, inArray } from 'drizzle-orm'
import { db } from '@db/client.server'
import { helpContactAttempts, helpNotes, helpRequests, type HelpRequest } from '@db/schema/triage'
import { recordAccess } from '~/audit/audit.server'
import type { Language, Need, Region, Setting } from '~/facets/facets'
import type { Lng } from '~/i18n/config'
import { decryptField } from '~/privacy/field-crypto.server'
import { listReferralTargets } from '~/referrals/directory-admin.server'
import { matchEntries } from '~/referrals/matching.server'
import { addWorkingDays, formatPhone } from './contact'
import { FIRST_CONTACT_WORKING_DAYS } from './figures.server'
import { listTriageWorkers } from './fixed-contact.server'
import { actorOf, decryptContact, loadRequest, OPEN_STATUSES, type Worker } from './help-request.server'
import { listMessages } from './messages.server'
import { listReferralsWithNames } from './referral.server'
import type { ContactChannelChoice } from './schemas'

/** What a triage worker sees: the queue, and one request (its details for the contact person alone). */

/**
 * The queue, oldest first, with minimal details only: needs, age, language, status. Who has
 * taken a request shows as "mine" or "taken"; contact details never appear here.
 */
export async function listQueue({ worker, now = new Date(), ip }: { worker: Worker; now?: Date; ip?: string | null }) {
  // The queue shows minimal facts about many people at once: one log row for the listing.
  await recordAccess({ actor: actorOf(worker), action: 'helpRequest.listQueue', objectType: 'helpRequestQueue', subjectId: null, purpose: 'triage', outcome: 'success', ip })
  const rows = await db
    .select({
      id: helpRequests.id,
      needs: helpRequests.needs,
      language: helpRequests.language,
      status: helpRequests.status,
      createdAt: helpRequests.createdAt,
      contactPersonId: helpRequests.contactPersonId,
      firstContactAt: helpRequests.firstContactAt,
      followUpDueAt: helpRequests.followUpDueAt,
      followUpFlaggedAt: helpRequests.followUpFlaggedAt,
    })
    .from(helpRequests)
    .where(inArray(helpRequests.status, [...OPEN_STATUSES]))
    .orderBy(asc(helpRequests.createdAt))
  return rows.map((r) => ({
    ...summaryOf(r),
    mine: r.contactPersonId === worker.id,
    taken: r.contactPersonId !== null,
    overdueFirstContact: !r.firstContactAt && addWorkingDays(r.createdAt, FIRST_CONTACT_WORKING_DAYS) < now,
    followUpDue: r.status === 'referred' && (r.followUpFlaggedAt !== null || (r.followUpDueAt !== null && r.followUpDueAt <= now)),
  }))
}

function summaryOf(r: Pick<HelpRequest, 'id' | 'needs' | 'language' | 'status' | 'createdAt'>) {
  return {
    id: r.id,
    needs: r.needs,
    language: r.language,
    status: r.status,
    createdAt: r.createdAt.toISOString(),
  }
}

async function loadDetails(r: HelpRequest) {
  const contact = decryptContact(r.contactEncrypted)
  const notes = await db.select().from(helpNotes).where(eq(helpNotes.requestId, r.id)).orderBy(asc(helpNotes.createdAt))
  const attempts = await db.select().from(helpContactAttempts).where(eq(helpContactAttempts.requestId, r.id)).orderBy(asc(helpContactAttempts.occurredAt))
  const referrals = await listReferralsWithNames({ requestIds: [r.id] })
  return {
    channel: r.contactChannel as ContactChannelChoice,
    contact: { ...contact, phone: contact.phone ? formatPhone(contact.phone) : undefined },
    voicemailAllowed: r.voicemailAllowed,
    interpreter: r.interpreter,
    setting: r.setting,
    decade: r.decade,
    region: r.region,
    hasStory: r.storyId !== null,
    guest: r.userId === null,
    followUpDue: r.status === 'referred' && r.followUpDueAt !== null && r.followUpDueAt <= new Date(),
    notes: notes.map((n) => ({ id: n.id, body: decryptField(n.bodyEncrypted), at: n.createdAt.toISOString() })),
    attempts: attempts.map((a) => ({ id: a.id, channel: a.channel, outcome: a.outcome, at: a.occurredAt.toISOString() })),
    messages: await listMessages({ requestId: r.id }),
    referrals: referrals.map((x) => ({ id: x.id, name: x.name, status: x.status, fields: x.fields, sharedAt: x.sharedAt?.toISOString() ?? null })),
  }
}

export type StaffRequestView =
  | { access: 'unassigned' | 'foreign'; summary: ReturnType<typeof summaryOf> }
  | { access: 'mine'; summary: ReturnType<typeof summaryOf>; details: Awaited<ReturnType<typeof loadDetails>> }

/**
 * Opens a request for a triage worker. Only the contact person gets the details (contact,
 * notes, messages); anyone else sees the summary and a take-over action, and that attempt is
 * logged as denied. Every opening is logged. Null for an unknown id.
 */
async function openRequestForStaff({ worker, requestId, ip }: { worker: Worker; requestId: string; ip?: string | null }): Promise<StaffRequestView | null> {
  const r = await loadRequest(requestId)
  if (!r) return null
  const base = { actor: actorOf(worker), objectType: 'helpRequest', objectId: r.id, subjectId: r.userId, purpose: 'triage', ip }
  if (r.contactPersonId === worker.id) {
    await recordAccess({ ...base, action: 'helpRequest.view', outcome: 'success' })
    return { access: 'mine', summary: summaryOf(r), details: await loadDetails(r) }
  }
  if (r.contactPersonId) {
    await recordAccess({ ...base, action: 'helpRequest.detailsAttempt', outcome: 'denied' })
    return { access: 'foreign', summary: summaryOf(r) }
  }
  await recordAccess({ ...base, action: 'helpRequest.viewSummary', outcome: 'success' })
  return { access: 'unassigned', summary: summaryOf(r) }
}

/**
 * The worker's page for one request: the view, and for the contact person the organisations
 * to refer to (the five best matches first) and the colleagues to hand the request to.
 */
export async function loadStaffRequestPage({ worker, requestId, locale, ip }: { worker: Worker; requestId: string; locale: Lng; ip?: string | null }) {
  const view = await openRequestForStaff({ worker, requestId, ip })
  if (!view || view.access !== 'mine') return view && { view, targets: [], suggested: [], workers: [] }
  const d = view.details
  const matches = await matchEntries({
    locale,
    need: view.summary.needs[0] as Need | undefined,
    setting: (d.setting ?? undefined) as Setting | undefined,
    region: (d.region ?? undefined) as Region | undefined,
    language: view.summary.language as Language,
    limit: 5,
  })
  const targets = await listReferralTargets()
  const suggested = matches.map((m) => targets.find((x) => x.slug === m.entry.slug)).filter((x): x is (typeof targets)[number] => Boolean(x))
  return {
    view,
    targets,
    suggested,
    workers: (await listTriageWorkers()).filter((w) => w.id !== worker.id),
  }
}
