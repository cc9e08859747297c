import { randomBytes } from 'node:crypto'
import { and, eq, sql } from 'drizzle-orm'
import { db } from '@db/client.server'
import { applicationEvents, applications } from '@db/schema/scheme'
import type { Lng } from '~/i18n/config'
import { dispatchMail } from '~/mail/mail.server'
import { getModeratedStory } from '~/monument/for-scheme.server'
import { isComplete, partStates } from './application-pages'
import { amsterdamDate, dateAt } from './dates'
import { getCurrentApplication } from './draft-store.server'
import { notifyReceived } from './notify-applicant.server'
import { findPossibleDuplicate, flagEarlierDuplicate } from './possible-duplicate.server'
import { answersOf, listDocuments } from './read-application.server'
import { decisionDeadline } from './scheme-config'
import { getOpenScheme } from './scheme-registry.server'
import { lifeStorySnapshot } from './life-story-use.server'
import { currentStoryConsent, storySnapshot } from './story-use.server'
import { storeSubmissionPdf } from './submission-copy.server'
import { fastTrackColumns } from './fast-track.server'


/** A fresh token for the check page's submit button: the same token twice is one submission. */
export function createSubmitToken(): string {
  return randomBytes(24).toString('base64url')
}

type SubmitResult =
  | { ok: true; applicationId: string; reference: string; alreadySubmitted: boolean }
  | { ok: false; error: 'noScheme' | 'noDraft' | 'incomplete' }

/**
 * Submits the applicant's draft. Idempotent: the draft row is locked, so a double click or a
 * retry after a network error waits for the first and then finds it submitted (and the
 * unique submit_token makes a replay of the same token land on the same application).
 */
export async function submitApplication({ userId, submitToken, locale }: { userId: string; submitToken: string; locale: Lng }): Promise<SubmitResult> {
  const scheme = await getOpenScheme()
  if (!scheme) return { ok: false, error: 'noScheme' }
  const outcome = await db.transaction(async (tx) => {
    const [byToken] = await tx
      .select({ id: applications.id, reference: applications.reference })
      .from(applications)
      .where(and(eq(applications.submitToken, submitToken), eq(applications.applicantUserId, userId)))
    if (byToken?.reference) return { ok: true as const, applicationId: byToken.id, reference: byToken.reference, alreadySubmitted: true, mailId: null }
    const current = await getCurrentApplication({ userId, schemeId: scheme.id }, tx)
    if (!current) return { ok: false as const, error: 'noDraft' as const }
    const [draft] = await tx.select().from(applications).where(eq(applications.id, current.id)).for('update')
    if (!draft) return { ok: false as const, error: 'noDraft' as const }
    if (draft.status !== 'draft') {
      return { ok: true as const, applicationId: draft.id, reference: draft.reference ?? '', alreadySubmitted: true, mailId: null }
    }
    let answers = answersOf(draft)
    const documents = await listDocuments({ applicationId: draft.id }, tx)
    if (!isComplete(partStates({ answers, documentCount: documents.length }))) return { ok: false as const, error: 'incomplete' as const }
    if (answers.harm?.mode === 'story' && answers.harm.story) {
      // Freeze exactly what is shared, under the consent that stands now; a withdrawn
      // consent or a story no longer moderated sends the applicant back to that page.
      const storyId = answers.harm.story.id
      const consent = await currentStoryConsent({ userId, storyId }, tx)
      const story = await getModeratedStory({ authorId: userId, storyId }, tx)
      if (!consent || !story?.text) return { ok: false as const, error: 'incomplete' as const }
      const snapshot = {
        ...storySnapshot({ title: story.title, text: story.text }),
        consentEventId: consent.id,
        consentTextVersion: consent.textVersion,
        consentGrantedAt: consent.occurredAt.toISOString(),
      }
      answers = { ...answers, harm: { ...answers.harm, story: { ...answers.harm.story, snapshot } } }
    }
    if (answers.harm?.mode === 'lifeStory' && answers.harm.lifeStory) {
      // The same for the recorded life story, under the application's own consent.
      const snapshot = await lifeStorySnapshot({ userId, applicationId: draft.id, lifeStoryId: answers.harm.lifeStory.id }, tx)
      if (!snapshot) return { ok: false as const, error: 'incomplete' as const }
      answers = { ...answers, harm: { ...answers.harm, lifeStory: { ...answers.harm.lifeStory, snapshot } } }
    }

    const now = new Date()
    const today = amsterdamDate(now)
    const seq = await tx.execute(sql`select nextval('application_reference_seq')::int as n`)
    const reference = formatReference({ year: Number(today.slice(0, 4)), number: Number((seq as unknown as Array<{ n: number }>)[0]!.n) })
    const decisionDue = decisionDeadline({ scheme: scheme.config, receivedAt: now })

    const duplicate = await findPossibleDuplicate({ draft, representative: answers.applicant?.kind === 'representative' }, tx)

    const fileId = await storeSubmissionPdf(
      { applicationId: draft.id, scheme: scheme.config, reference, submittedOn: today, decisionDue, locale, answers, documents, app: draft },
      tx,
    )

    await tx
      .update(applications)
      .set({
        status: 'submitted',
        reference,
        submitToken,
        submittedAt: now,
        decisionDueAt: dateAt(decisionDue),
        possibleDuplicateOf: duplicate?.id ?? null,
        submissionFileId: fileId,
        ...fastTrackColumns({ app: draft, answers, scheme: scheme.config, today }),
        answers,
        updatedAt: now,
      })
      .where(eq(applications.id, draft.id))
    if (duplicate) await flagEarlierDuplicate({ earlierId: duplicate.id, laterId: draft.id }, tx)
    await tx.insert(applicationEvents).values({ applicationId: draft.id, status: 'submitted', at: now })
    const mailId = await notifyReceived({ applicationId: draft.id, reference, submittedOn: today, decisionDue }, tx)
    return { ok: true as const, applicationId: draft.id, reference, alreadySubmitted: false, mailId }
  })
  if (!outcome.ok) return outcome
  if (outcome.mailId) await dispatchMail(outcome.mailId)
  return { ok: true, applicationId: outcome.applicationId, reference: outcome.reference, alreadySubmitted: outcome.alreadySubmitted }
}

/** Reference numbers: JZ-2026-000123. */
export function formatReference({ year, number }: { year: number; number: number }): string {
  return `JZ-${year}-${String(number).padStart(6, '0')}`
}
