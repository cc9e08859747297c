import { getApplicantOverview, getApplicationDraft } from './applications.server'
import { acknowledgementDeadline, objectionDeadline } from './scheme-config'

/** /mijn-aanvraag: the applicant's applications with the terms that apply to each, and whether a draft waits. */
export async function getApplicantPage({ userId }: { userId: string }) {
  const [applications, draft] = await Promise.all([getApplicantOverview({ userId }), getApplicationDraft({ userId })])
  return {
    hasDraft: Boolean(draft.scheme && draft.application?.status === 'draft'),
    applications: applications.map((app) => {
      const decided = app.events.find((e) => e.status === 'decided')
      return {
        ...app,
        acknowledgeBy: app.submittedOn ? acknowledgementDeadline({ scheme: app.scheme, receivedAt: app.submittedOn }) : null,
        objectionUntil: decided && app.status === 'decided' ? objectionDeadline({ scheme: app.scheme, decidedAt: decided.at }) : null,
      }
    }),
  }
}
