import type { Answers } from './answers'
import type { ApplicantKind } from './scheme-config'

/**
 * The pages of the application, GOV.UK question-page style: one part per page, each saved on
 * its own so someone can stop at any moment and continue later, and the task list that shows
 * where they left off. Isomorphic.
 */

export const PARTS = ['applicant', 'survivor', 'personal', 'placements', 'harm', 'evidence', 'conversation', 'declarations'] as const
export type Part = (typeof PARTS)[number]

/**
 * The pages that apply to who is applying. Only a representative gets the survivor's own page:
 * the survivor is alive and is who the case is about (for themselves, the personal details are
 * the survivor's; a relative gives the deceased survivor's dates on 'who is applying').
 */
export function partsFor(kind: ApplicantKind | undefined): Part[] {
  return PARTS.filter((p) => p !== 'survivor' || kind === 'representative')
}

/** Dutch URL segment per part (/regeling/aanvraag/<slug>). */
export const PART_SLUGS: Record<Part, string> = {
  applicant: 'wie-vraagt-aan',
  survivor: 'persoon-om-wie-het-gaat',
  personal: 'persoonlijke-gegevens',
  placements: 'plaatsingen',
  harm: 'wat-er-gebeurde',
  evidence: 'bewijs',
  conversation: 'gesprek',
  declarations: 'verklaring',
}

export function partOfSlug(slug: string | undefined): Part | null {
  return (Object.entries(PART_SLUGS).find(([, s]) => s === slug)?.[0] as Part | undefined) ?? null
}

export function nextPart(part: Part, kind?: ApplicantKind): Part | null {
  const parts = partsFor(kind)
  const index = parts.indexOf(part)
  return index < 0 ? null : (parts[index + 1] ?? null)
}

export type PartState = 'notStarted' | 'inProgress' | 'done'

/** A relative's answer saved before the survivor's birth date was asked is not complete: the fund needs both dates. */
function isApplicantComplete(applicant: NonNullable<Answers['applicant']>): boolean {
  return applicant.kind !== 'relative' || Boolean(applicant.survivorDateOfBirth && applicant.survivorDiedOn)
}

/** The task list: what someone has done, so they see where they left off. */
export function partStates({ answers, documentCount }: { answers: Answers; documentCount: number }): Record<Part, PartState> {
  const placements = answers.placements ?? []
  const representative = answers.applicant?.kind === 'representative'
  return {
    applicant: !answers.applicant ? 'notStarted' : isApplicantComplete(answers.applicant) ? 'done' : 'inProgress',
    // Not asked of others (partsFor leaves it out); 'done' so it never holds up a submission.
    survivor: !representative || answers.survivor ? 'done' : 'notStarted',
    // A representative's details saved before the payee was asked are not complete.
    personal: !answers.personal ? 'notStarted' : representative && !answers.personal.payee ? 'inProgress' : 'done',
    placements: answers.placementsDone && placements.length > 0 ? 'done' : placements.length > 0 ? 'inProgress' : 'notStarted',
    harm: answers.harm ? 'done' : 'notStarted',
    evidence: answers.evidence?.done ? 'done' : documentCount > 0 || answers.evidence ? 'inProgress' : 'notStarted',
    conversation: answers.conversation ? 'done' : 'notStarted',
    declarations: answers.declarations ? 'done' : 'notStarted',
  }
}

export function isComplete(states: Record<Part, PartState>): boolean {
  return PARTS.every((p) => states[p] === 'done')
}
