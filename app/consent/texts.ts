import type { ConsentObjectType } from '@db/schema/consent'

/**
 * The consent purposes and the text version a person sees for each. The texts live in
 * public/locales/<lng>/consent.json under `i18nKey` (`.label`, `.text`, `.withdrawEffect`).
 * A consent is only as good as the text it was given on: the ledger stores
 * `<purpose>@<version>` with every event. When a text changes in any language, give it a
 * new `version` (the date it takes effect) and update `fingerprint`; texts.test.ts fails
 * until both are done, so a changed text can never be recorded under an old version.
 * `objectTypes` says what the consent can be given on; asking for another is a bug.
 */
export type ConsentPurposeDefinition = {
  version: string
  i18nKey: `consent:purposes.${string}`
  objectTypes: readonly ConsentObjectType[]
  fingerprint: string
}

export const CONSENT_PURPOSES = {
  'monument.publishPublic': {
    version: '2026-11-01',
    i18nKey: 'consent:purposes.monumentPublishPublic',
    objectTypes: ['story'],
    fingerprint: '1ab4e94310ac2085',
  },
  'monument.fellowSurvivors': {
    version: '2026-11-01',
    i18nKey: 'consent:purposes.monumentFellowSurvivors',
    objectTypes: ['story'],
    fingerprint: '0ce57f675e2da122',
  },
  'monument.research': {
    // 2026-12-07: says what researchers get (moderated text, redacted, per-project number, generalised facets, no media) and the deletion notice on withdrawal.
    version: '2026-12-07',
    i18nKey: 'consent:purposes.monumentResearch',
    objectTypes: ['story'],
    fingerprint: '45440e51f30dd7e9',
  },
  'monument.archiveTransfer': {
    // 2026-12-07: says what the package holds (moderated text, media chosen one by one, this consent), the survivor's own copy, and what stays after hand-over.
    version: '2026-12-07',
    i18nKey: 'consent:purposes.monumentArchiveTransfer',
    objectTypes: ['story'],
    fingerprint: '93b886cbf74cc191',
  },
  'monument.documentary': {
    version: '2026-11-01',
    i18nKey: 'consent:purposes.monumentDocumentary',
    objectTypes: ['story'],
    fingerprint: '0e2a7469aab7470b',
  },
  'monument.useInSchemeApplication': {
    // 2026-12-07: the text now says the story goes on to the Schadefonds, and what withdrawing after that can and cannot undo.
    version: '2026-12-07',
    i18nKey: 'consent:purposes.monumentUseInSchemeApplication',
    objectTypes: ['story'],
    fingerprint: 'c23be02ea1efd44a',
  },
  'media.publish': {
    // 2026-12-07: per file, and withdrawable after publication without taking the story down.
    version: '2026-12-07',
    i18nKey: 'consent:purposes.mediaPublish',
    objectTypes: ['media'],
    fingerprint: 'b3d5732342c3937e',
  },
  'media.archiveTransfer': {
    version: '2026-12-07',
    i18nKey: 'consent:purposes.mediaArchiveTransfer',
    objectTypes: ['media'],
    fingerprint: '94aeb827d98bd18b',
  },
  'referral.shareWithOrganisation': {
    version: '2026-11-01',
    i18nKey: 'consent:purposes.referralShareWithOrganisation',
    objectTypes: ['helpRequest'],
    fingerprint: '1b9d552e7fbb3ebb',
  },
  'triage.processRequest': {
    version: '2026-11-25',
    i18nKey: 'consent:purposes.triageProcessRequest',
    objectTypes: ['helpRequest'],
    fingerprint: '302e3392a3f0676b',
  },
  'scheme.useCommissionStory': {
    version: '2026-12-07',
    i18nKey: 'consent:purposes.schemeUseCommissionStory',
    objectTypes: ['application'],
    fingerprint: 'a6e9fb84fefbffd7',
  },
  'scheme.useMonumentStory': {
    // 2026-12-07: about the monument story only; the recorded life story has scheme.useCommissionStory.
    version: '2026-12-07',
    i18nKey: 'consent:purposes.schemeUseMonumentStory',
    objectTypes: ['application'],
    fingerprint: 'dbfa33a872602bca',
  },
} as const satisfies Record<string, ConsentPurposeDefinition>

export type ConsentPurpose = keyof typeof CONSENT_PURPOSES
export const CONSENT_PURPOSE_NAMES = Object.keys(CONSENT_PURPOSES) as ConsentPurpose[]

export function isConsentPurpose(value: unknown): value is ConsentPurpose {
  return typeof value === 'string' && Object.hasOwn(CONSENT_PURPOSES, value)
}

/** What the ledger stores as the text shown, e.g. `monument.publishPublic@2026-11-01`. */
export function consentTextVersion(purpose: ConsentPurpose): string {
  return `${purpose}@${CONSENT_PURPOSES[purpose].version}`
}

/** The purposes a person can be asked about for one kind of object, in registry order. */
export function consentPurposesFor(objectType: ConsentObjectType): ConsentPurpose[] {
  return CONSENT_PURPOSE_NAMES.filter((p) => (CONSENT_PURPOSES[p].objectTypes as readonly string[]).includes(objectType))
}

/** i18n keys (with namespace) of a purpose's short label, full text and what withdrawing does. */
export function consentTextKeys(purpose: ConsentPurpose) {
  const base = CONSENT_PURPOSES[purpose].i18nKey
  return { label: `${base}.label`, text: `${base}.text`, withdrawEffect: `${base}.withdrawEffect` } as const
}
