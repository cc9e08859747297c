import { getFundStates } from '~/assessment/inbound.server'
import { and, asc, desc, eq, ne } from 'drizzle-orm'
import { db } from '@db/client.server'
import { applicationEvents, applications, informationRequests } from '@db/schema/scheme'
import { getApplicationDraft } from './application-draft.server'
import { listDocuments } from './read-application.server'
import { listSchemes } from './scheme-registry.server'
import { amsterdamDate, toSchemeDate } from './dates'
import { acknowledgementDeadline, objectionDeadline } from './scheme-config'
import { amountOf } from './status-machine'

/** Statuses an applicant sees on their timeline (assessors' internal steps are folded into these). */
const APPLICANT_STATUSES = ['submitted', 'inAssessment', 'informationRequested', 'handedOff', 'received', 'decided', 'paid', 'objectionReceived', 'withdrawn'] as const

/** The applicant's applications (submitted or withdrawn, not drafts), newest first, with timeline, questions, documents and terms. */
export async function getApplicantOverview({ userId }: { userId: string }) {
  const rows = await db
    .select()
    .from(applications)
    .where(and(eq(applications.applicantUserId, userId), ne(applications.status, 'draft')))
    .orderBy(desc(applications.submittedAt))
  const schemeRows = await listSchemes()
  return Promise.all(
    rows.map(async (app) => {
      const scheme = schemeRows.find((s) => s.id === app.schemeId)!.config
      const events = await db
        .select({ status: applicationEvents.status, at: applicationEvents.at, note: applicationEvents.note })
        .from(applicationEvents)
        .where(and(eq(applicationEvents.applicationId, app.id), eq(applicationEvents.visibleToApplicant, true), ne(applicationEvents.status, 'draft')))
        .orderBy(asc(applicationEvents.at))
      const requests = await db
        .select()
        .from(informationRequests)
        .where(eq(informationRequests.applicationId, app.id))
        .orderBy(asc(informationRequests.askedAt))
      const documents = await listDocuments({ applicationId: app.id })
      return {
        id: app.id,
        reference: app.reference,
        status: app.status,
        scheme,
        submittedOn: app.submittedAt ? toSchemeDate(app.submittedAt) : null,
        decisionDue: app.decisionDueAt ? toSchemeDate(app.decisionDueAt) : null,
        clockPaused: Boolean(app.pausedSince),
        hasPdf: Boolean(app.submissionFileId),
        events: events.filter((e) => (APPLICANT_STATUSES as readonly string[]).includes(e.status)),
        requests: requests.map((r) => ({ id: r.id, question: r.question, askedAt: r.askedAt, answer: r.answer, answeredAt: r.answeredAt })),
        documents: documents.map((d) => ({ id: d.id, type: d.type, fileName: d.fileName, informationRequestId: d.informationRequestId })),
        canWithdraw: ['submitted', 'inAssessment', 'informationRequested'].includes(app.status),
      }
    }),
  )
}

/** Statuses after which the fund has decided: the decision term no longer applies. */
const AFTER_DECISION = ['decided', 'paid', 'objectionReceived', 'withdrawn']

/**
 * /mijn-aanvraag: the applicant's applications with the terms that apply to each, the
 * fund's decision (outcome and amount) once reported, and whether a draft waits. The
 * objection term stays on the page until its last day has passed, also after payment:
 * being paid does not end the right to object.
 */
export async function getApplicantPage({ userId, now = new Date() }: { userId: string; now?: Date }) {
  const [applications, draft] = await Promise.all([getApplicantOverview({ userId }), getApplicationDraft({ userId })])
  const fund = await getFundStates({ applications })
  const today = amsterdamDate(now)
  return {
    hasDraft: Boolean(draft.scheme && draft.application?.status === 'draft'),
    applications: applications.map((app) => {
      const state = fund.get(app.id)
      const decision = state?.decision ?? null
      const objectionUntil = decision && (app.status === 'decided' || app.status === 'paid') ? objectionDeadline({ scheme: app.scheme, decidedAt: decision.at }) : null
      return {
        ...app,
        acknowledgeBy: app.submittedOn ? acknowledgementDeadline({ scheme: app.scheme, receivedAt: app.submittedOn }) : null,
        // A decision ends the decision term, whatever came after it.
        decisionDue: decision || AFTER_DECISION.includes(app.status) ? null : app.decisionDue,
        decision: decision ? { on: toSchemeDate(decision.at), outcome: decision.outcome } : null,
        paidOn: state?.paid ? toSchemeDate(state.paid.at) : null,
        amountCents: state ? amountOf(state) : null,
        objectionUntil: objectionUntil && objectionUntil >= today ? objectionUntil : null,
      }
    }),
  }
}
