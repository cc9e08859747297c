import { getFundStates } from '~/assessment/inbound.server'
import { getApplicantOverview, getApplicationDraft } from './applications.server'
import { amsterdamDate, toSchemeDate } from './dates'
import { acknowledgementDeadline, objectionDeadline } from './scheme-config'
import { amountOf } from './status-machine'

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
