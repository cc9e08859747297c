import { encryptField, lookupHash } from '~/privacy/field-crypto.server'
import type { ApplicantPart, PersonalPart, Placement, SurvivorPart } from './application-form'
import { updateDraft } from './draft-store.server'
import { maskBsn, maskIban } from './identifiers'
import { answersOf, type Address, type SurvivorIdentity } from './read-application.server'

/**
 * Saving one page of the application into the applicant's draft. The sensitive details go to
 * encrypted columns; `answers` keeps only masks and plain answers.
 */

export async function saveApplicantPart({ userId, schemeId, value }: { userId: string; schemeId: string; value: ApplicantPart }) {
  return updateDraft({ userId, schemeId }, async (draft) => {
    const { survivor, ...answers } = answersOf(draft)
    if (value.kind === 'representative') return { answers: { ...answers, survivor, applicant: value } }
    // No longer for a living survivor: their identity and the payee choice are not kept.
    const personal = answers.personal ? { ...answers.personal, payee: undefined, authorisationCoversPayment: undefined } : undefined
    return { answers: { ...answers, personal, applicant: value }, survivorIdentityEncrypted: null, survivorBsnHash: null }
  })
}

/**
 * A representative's survivor: BSN, birth date and address encrypted in one column (the case
 * is about this person), a keyed hash of the BSN for the duplicate check, and only the mask in
 * `answers`.
 */
export async function saveSurvivorPart({ userId, schemeId, value }: { userId: string; schemeId: string; value: SurvivorPart }) {
  return updateDraft({ userId, schemeId }, async (draft) => {
    const identity: SurvivorIdentity = {
      bsn: value.bsn,
      dateOfBirth: value.dateOfBirth,
      address: { street: value.street, houseNumber: value.houseNumber, postcode: value.postcode, town: value.town },
    }
    return {
      survivorIdentityEncrypted: encryptField(JSON.stringify(identity)),
      survivorBsnHash: lookupHash({ kind: 'bsn', value: value.bsn }),
      answers: { ...answersOf(draft), survivor: { bsnMasked: maskBsn(value.bsn) } },
    }
  })
}

/** Personal details: the sensitive ones go to encrypted columns, only masks and plain contact data to `answers`. */
export async function savePersonalPart({ userId, schemeId, value }: { userId: string; schemeId: string; value: PersonalPart }) {
  return updateDraft({ userId, schemeId }, async (draft) => {
    const answers = answersOf(draft)
    const address: Address = { street: value.street, houseNumber: value.houseNumber, postcode: value.postcode, town: value.town }
    return {
      applicantName: value.fullName,
      bsnEncrypted: encryptField(value.bsn),
      bsnHash: lookupHash({ kind: 'bsn', value: value.bsn }),
      ibanEncrypted: encryptField(value.iban),
      dateOfBirthEncrypted: encryptField(value.dateOfBirth),
      addressEncrypted: encryptField(JSON.stringify(address)),
      phoneEncrypted: value.phone ? encryptField(value.phone) : null,
      answers: {
        ...answers,
        personal: {
          fullName: value.fullName,
          email: value.email,
          accountHolder: value.accountHolder,
          bsnMasked: maskBsn(value.bsn),
          ibanMasked: maskIban(value.iban),
          hasPhone: Boolean(value.phone),
          ...(value.payee ? { payee: value.payee } : {}),
          ...(value.authorisationCoversPayment ? { authorisationCoversPayment: true as const } : {}),
        },
      },
    }
  })
}

export async function addPlacement({ userId, schemeId, value }: { userId: string; schemeId: string; value: Placement }) {
  return updateDraft({ userId, schemeId }, async (draft) => {
    const answers = answersOf(draft)
    const placements = [...(answers.placements ?? []), value].slice(0, 30)
    return { answers: { ...answers, placements, placementsDone: false } }
  })
}

export async function removePlacement({ userId, schemeId, index }: { userId: string; schemeId: string; index: number }) {
  return updateDraft({ userId, schemeId }, async (draft) => {
    const answers = answersOf(draft)
    const placements = (answers.placements ?? []).filter((_, i) => i !== index)
    return { answers: { ...answers, placements, placementsDone: placements.length > 0 && answers.placementsDone } }
  })
}

/** "I have added every placement I remember": marks the part done (it needs at least one). */
export async function finishPlacements({ userId, schemeId }: { userId: string; schemeId: string }) {
  let ok = false
  await updateDraft({ userId, schemeId }, async (draft) => {
    const answers = answersOf(draft)
    ok = (answers.placements ?? []).length > 0
    return ok ? { answers: { ...answers, placementsDone: true } } : undefined
  })
  return { ok }
}

/** The conversation page also asks about a serious illness (fast track, ADR 0032): unticked clears it. */
export async function saveConversationPart({ userId, schemeId, wish, seriouslyIll = false }: { userId: string; schemeId: string; wish: 'yes' | 'no'; seriouslyIll?: boolean }) {
  return updateDraft({ userId, schemeId }, async (draft) => ({ answers: { ...answersOf(draft), conversation: { wish }, fastTrack: { seriouslyIll } } }))
}

export async function saveDeclarationsPart({ userId, schemeId }: { userId: string; schemeId: string }) {
  return updateDraft({ userId, schemeId }, async (draft) => ({
    answers: { ...answersOf(draft), declarations: { truthful: true, processing: true, at: new Date().toISOString() } },
  }))
}
