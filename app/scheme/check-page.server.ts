import { getApplicationDraft } from './application-draft.server'
import { maskBsn } from './identifiers'
import { createSubmitToken } from './submit-application.server'

/**
 * The check page ("check your answers"): everything answered, as it will be sent. Null when no
 * scheme takes applications; `submitted` once it was sent.
 */
export async function getCheckPage({ userId }: { userId: string }) {
  const draft = await getApplicationDraft({ userId })
  if (!draft.scheme) return null
  if (draft.application && draft.application.status !== 'draft') return { submitted: true as const }
  return {
    submitted: false as const,
    complete: draft.complete,
    answers: draft.answers,
    own: draft.own ? { dateOfBirth: draft.own.dateOfBirth, address: draft.own.address, phone: draft.own.phone } : null,
    // A representative's survivor: birth date and address as typed, the BSN masked (as the applicant's own).
    survivor: draft.survivor ? { dateOfBirth: draft.survivor.dateOfBirth, address: draft.survivor.address, bsnMasked: maskBsn(draft.survivor.bsn) } : null,
    documents: draft.documents.map((d) => ({ id: d.id, type: d.type, fileName: d.fileName })),
    placementKinds: draft.scheme.config.placementKinds.map((k) => ({ code: k.code, label: k.label })),
    warnings: draft.warnings,
    // Exactly the text that will be shared, seen before sending (the story's moderated text; null unless a story is used).
    storyText: draft.storyText,
    // A fresh token per rendering: the same token posted twice is one submission.
    submitToken: createSubmitToken(),
  }
}

export type CheckPage = Extract<NonNullable<Awaited<ReturnType<typeof getCheckPage>>>, { submitted: false }>
