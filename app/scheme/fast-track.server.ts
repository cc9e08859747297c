import type { Application } from '@db/schema/scheme'
import type { Answers } from './answers'
import { fastTrackReasons, type FastTrackReason } from './fast-track'
import { decryptField } from '~/privacy/field-crypto.server'
import { decryptSurvivorIdentity } from './read-application.server'
import type { SchemeConfig } from './scheme-config'

/**
 * The fast-track columns of an application at submission or registration (ADR 0032), from its
 * answers and its encrypted birth dates (decrypted here, in memory only). Derived once: the
 * queue sorts on the stored flag, as the birth date cannot be read in SQL.
 */
export function fastTrackColumns({
  app,
  answers,
  scheme,
  today,
}: {
  app: Pick<Application, 'dateOfBirthEncrypted' | 'survivorIdentityEncrypted'>
  answers: Answers
  scheme: SchemeConfig
  today: string
}): { fastTrack: boolean; fastTrackReasons: FastTrackReason[] } {
  const own = app.dateOfBirthEncrypted ? decryptField(app.dateOfBirthEncrypted) : null
  const survivor = decryptSurvivorIdentity(app)
  const reasons = fastTrackReasons(
    { applicant: answers.applicant, personal: { dateOfBirth: own }, survivor: { dateOfBirth: survivor?.dateOfBirth }, fastTrack: answers.fastTrack },
    scheme,
    today,
  )
  return { fastTrack: reasons.length > 0, fastTrackReasons: reasons }
}
