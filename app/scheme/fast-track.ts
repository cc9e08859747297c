import { z } from 'zod'
import type { ApplicantKind, SchemeConfig } from './scheme-config'
import { addYears, isIsoDate, type IsoDate } from './dates'

/**
 * Fast track (issue 17, ADR 0032): who is dealt with first. Pure and isomorphic, so the online
 * submission, a registered paper or phone application (app/intake) and the tests derive it the
 * same way from the scheme's rules (`config.fastTrack`).
 */

export const FAST_TRACK_REASONS = ['age75', 'seriouslyIll'] as const
export type FastTrackReason = (typeof FAST_TRACK_REASONS)[number]

/**
 * What the derivation reads, in the shapes the application's pages produce. Birth dates are
 * encrypted at rest (never in `applications.answers`), so the caller passes them decrypted:
 * `personal.dateOfBirth` is the applicant's own, `survivor.dateOfBirth` a represented survivor's.
 */
export type FastTrackAnswers = {
  applicant?: { kind?: ApplicantKind }
  personal?: { dateOfBirth?: string | null }
  survivor?: { dateOfBirth?: string | null }
  fastTrack?: { seriouslyIll?: boolean }
}

/** The answer as kept in `applications.answers.fastTrack` (the illness only; nothing about which). */
export const FastTrackAnswerSchema = z.object({ seriouslyIll: z.boolean().catch(false) })
export type FastTrackAnswer = z.infer<typeof FastTrackAnswerSchema>

/**
 * Whose age counts: the person the money is for while they live. That is the applicant for
 * themselves or as a surviving relative (the survivor has died), and the survivor when a
 * representative applies for them.
 */
export function fastTrackBirthDate(answers: FastTrackAnswers): IsoDate | null {
  const dob = answers.applicant?.kind === 'representative' ? answers.survivor?.dateOfBirth : answers.personal?.dateOfBirth
  return dob && isIsoDate(dob) ? dob : null
}

/** Reached `age` on `today` (someone born on 29 February turns a year older on 1 March). */
export function hasReachedAge(dateOfBirth: IsoDate, age: number, today: IsoDate): boolean {
  return addYears(dateOfBirth, age) <= today
}

/** Why an application goes first; empty when it does not (or the scheme version has no fast track). */
export function fastTrackReasons(answers: FastTrackAnswers, config: Pick<SchemeConfig, 'fastTrack'>, today: IsoDate): FastTrackReason[] {
  const rules = config.fastTrack
  if (!rules) return []
  const reasons: FastTrackReason[] = []
  const dob = fastTrackBirthDate(answers)
  if (dob && hasReachedAge(dob, rules.minimumAge, today)) reasons.push('age75')
  if (rules.seriouslyIll && answers.fastTrack?.seriouslyIll === true) reasons.push('seriouslyIll')
  return reasons
}
