import type { ApplicantKind } from '~/scheme/scheme-config'

/** The assessor's checklist on a case: what they ticked off before proposing. */
export const CHECKLIST_ITEMS = ['identity', 'authorisation', 'placementInScope', 'harmDescribed', 'evidence'] as const
type ChecklistItem = (typeof CHECKLIST_ITEMS)[number]

/** A document that shows someone may apply for another person (added on 'who is applying' or with the evidence). */
export const AUTHORISATION_DOCUMENT_TYPE = 'authorisation'

/** Authorisation is only a checklist item for a representative or a surviving relative. */
export function checklistItemsFor(applicantKind: ApplicantKind): ChecklistItem[] {
  return CHECKLIST_ITEMS.filter((i) => i !== 'authorisation' || applicantKind !== 'self')
}
