import type { Answers } from './answers'
import type { PrecheckInput } from './eligibility'
import type { SchemeConfig } from './scheme-config'

/** The name to put in a question ("Where was Kees placed?"), or null when the applicant is the survivor. */
export function subjectNameOf(answers: Answers): string | null {
  const a = answers.applicant
  return a && a.kind !== 'self' && a.survivorName ? a.survivorName : null
}

/**
 * The survivor's birth date: the rules (the age rule) are about the person the case is about.
 * Someone applying for themselves: their own (personal details). A representative: the
 * survivor's (the survivor page, `survivorDateOfBirth`). A relative: the deceased survivor's
 * ('who is applying'). A representative's or relative's own birth date never counts.
 */
function survivorBirthDateOf({ answers, dateOfBirth, survivorDateOfBirth }: { answers: Answers; dateOfBirth?: string | null; survivorDateOfBirth?: string | null }): string | null {
  const kind = answers.applicant?.kind ?? 'self'
  if (kind === 'relative') return answers.applicant?.survivorDateOfBirth ?? null
  if (kind === 'representative') return survivorDateOfBirth ?? null
  return dateOfBirth ?? null
}

/**
 * The pre-check's input from what has been answered so far (missing parts read as "not yet").
 * `dateOfBirth` is the birth date from the personal details (the applicant's own);
 * `survivorDateOfBirth` the one from a representative's survivor page.
 */
export function precheckInputOf({
  scheme,
  answers,
  dateOfBirth,
  survivorDateOfBirth,
}: {
  scheme: SchemeConfig
  answers: Answers
  dateOfBirth?: string | null
  survivorDateOfBirth?: string | null
}): PrecheckInput {
  const applicantKind = answers.applicant?.kind ?? 'self'
  return {
    scheme,
    applicantKind,
    survivorDiedOn: answers.applicant?.survivorDiedOn ?? null,
    survivorDateOfBirth: survivorBirthDateOf({ answers, dateOfBirth, survivorDateOfBirth }),
    placements: (answers.placements ?? []).map((p) => ({ from: p.from, to: p.to ?? null, kind: p.kind, inNetherlands: p.inNetherlands === 'yes' })),
    harms: answers.harm?.kinds ?? [],
  }
}
