import { SchemeConfigSchema, type PlacementKind, type RejectionReason, type SchemeConfig } from './scheme-config'

/**
 * The schemes the portal knows. The rules come from the Tijdelijke regeling financiële
 * tegemoetkoming voor slachtoffers van geweld in de jeugdzorg (BWBR0044414) and the
 * Schadefonds' public explanation of it.
 */

const placementKinds: PlacementKind[] = [
  { code: 'fosterFamily', setting: 'fosterFamily', label: { nl: 'Pleeggezin', en: 'Foster family' } },
  {
    code: 'residentialYouthCare',
    setting: 'residentialGroup',
    label: { nl: 'Jeugdzorg met verblijf, zoals een tehuis of leefgroep', en: "Residential youth care, such as a children's home or living group" },
  },
  { code: 'closedYouthCare', setting: 'closedYouthCare', label: { nl: 'Gesloten jeugdzorg', en: 'Closed youth care' } },
  {
    code: 'judicialYouthInstitution',
    setting: 'judicialYouthInstitution',
    label: { nl: 'Justitiële jeugdinrichting (JJI)', en: 'Judicial youth institution (JJI)' },
  },
  {
    code: 'residentialYouthMentalHealth',
    setting: 'youthMentalHealthCare',
    label: { nl: 'Jeugd-ggz met verblijf (opname)', en: 'Youth mental health care with a stay (admission)' },
  },
  {
    code: 'closedPsychiatry',
    setting: 'psychiatricHospital',
    label: { nl: 'Gesloten psychiatrie', en: 'Closed psychiatric ward' },
  },
  {
    code: 'residentialDisabilityCare',
    setting: 'intellectualDisabilityInstitution',
    label: { nl: 'Zorg met verblijf voor mensen met een beperking', en: 'Residential care for people with a disability' },
  },
  {
    code: 'blindOrDeafBoardingSchool',
    setting: 'blindOrDeafInstitution',
    label: { nl: 'Internaat voor blinde of dove kinderen', en: 'Boarding school for blind or deaf children' },
  },
  {
    code: 'unaccompaniedMinorsReception',
    setting: 'unaccompaniedMinorsReception',
    label: { nl: 'Opvang voor alleenstaande minderjarige asielzoekers', en: 'Reception for unaccompanied minor asylum seekers' },
  },
]

/** Reasons seen in the fund's decisions, plus the two that follow directly from the regulation's definitions. */
const rejectionReasons: RejectionReason[] = [
  {
    code: 'violenceOutsidePeriod',
    nl: 'Het geweld was niet tussen 5 mei 1945 en 12 juni 2019, bijvoorbeeld na juni 2019.',
    en: 'The violence did not happen between 5 May 1945 and 12 June 2019, for example after June 2019.',
  },
  {
    code: 'violenceOutsideNetherlands',
    nl: 'Het geweld was niet in Nederland.',
    en: 'The violence did not happen in the Netherlands.',
  },
  {
    code: 'placementOutOfScope',
    nl: 'De instelling of plek valt niet onder de regeling.',
    en: 'The institution or place is not covered by the scheme.',
  },
  {
    code: 'adoptionNotFosterCare',
    nl: 'Het ging om adoptie, niet om een pleeggezin.',
    en: 'It was an adoption, not foster care.',
  },
  {
    code: 'parentsOwnSuffering',
    nl: 'De aanvraag ging over het leed van de ouders zelf, niet over geweld tegen het kind.',
    en: "The application was about the parents' own suffering, not about violence against the child.",
  },
  {
    code: 'violenceNotExcessive',
    nl: 'Wat er gebeurde, was geen geweld zoals de regeling dat beschrijft.',
    en: 'What happened was not violence as the scheme describes it.',
  },
  {
    code: 'insufficientInformation',
    nl: 'Er was te weinig informatie om de aanvraag te beoordelen, ook na onze vraag om aanvulling.',
    en: 'There was too little information to assess the application, also after we asked for more.',
  },
  {
    code: 'overAgeLimit',
    nl: 'Het geweld was toen de persoon niet meer minderjarig was zoals de regeling dat bedoelt.',
    en: 'The violence happened when the person was no longer a minor as the scheme means it.',
  },
  {
    code: 'relativeNotEligible',
    nl: 'Een nabestaande kan alleen aanvragen als het slachtoffer overleed tussen 21 februari 2020 en 1 januari 2021.',
    en: 'A surviving relative can only apply when the victim died between 21 February 2020 and 1 January 2021.',
  },
]

/** The shared rules; only names, dates and the legal basis differ between the seeded schemes. */
const rules = {
  eligiblePeriod: { from: '1945-05-05', to: '2019-06-12' },
  ageRule: { defaultMaxAge: 18, extendedMaxAge: 21, extendedBefore: '1988-01-01' },
  placementKinds,
  harmKinds: ['physical', 'psychological', 'sexual', 'forcedLabour'],
  applicantKinds: {
    self: { requiresAuthorisation: false },
    representative: { requiresAuthorisation: true },
    relative: { requiresAuthorisation: true, survivorDiedBetween: { from: '2020-02-21', to: '2021-01-01' } },
  },
  amount: { cents: 500_000, currency: 'EUR', fixed: true },
  terms: { acknowledgeWithinDays: 14, decideWithinWeeks: 26, paymentWithinDays: 30, objectionWithinWeeks: 6 },
  rejectionReasons,
  clockPausesWhileInformationRequested: true,
  // Many survivors are old; Australia's redress scheme and Find & Connect put the elderly and the seriously ill first.
  fastTrack: { minimumAge: 75, seriouslyIll: { selfDeclared: true, evidence: 'optional' } },
} as const

export const JEUGDZORG_2021 = SchemeConfigSchema.parse({
  code: 'jeugdzorg-2021',
  version: 1,
  demonstration: false,
  name: {
    nl: 'Tijdelijke regeling financiële tegemoetkoming voor slachtoffers van geweld in de jeugdzorg',
    en: 'Temporary scheme for a financial payment to victims of violence in youth care',
  },
  legalBasis: {
    nl: 'Regeling van de Minister voor Rechtsbescherming van 22 november 2020, op grond van artikel 19 van de Wet Schadefonds geweldsmisdrijven',
    en: 'Regulation of the Minister for Legal Protection of 22 November 2020, based on article 19 of the Violent Offences Compensation Fund Act',
    reference: 'BWBR0044414',
    url: 'https://wetten.overheid.nl/BWBR0044414',
  },
  applicationWindow: { opens: '2021-01-01', closes: '2022-12-31' },
  ...rules,
})

export const JEUGDZORG_DEMO_2026 = SchemeConfigSchema.parse({
  code: 'jeugdzorg-demo-2026',
  version: 1,
  demonstration: true,
  name: {
    nl: 'Demonstratie: regeling voor slachtoffers van geweld in de jeugdzorg (geen echte regeling)',
    en: 'Demonstration: scheme for victims of violence in youth care (not a real scheme)',
  },
  legalBasis: {
    nl: 'Geen. Dit is een demonstratie met dezelfde regels als de tijdelijke regeling van 2021 en 2022. Er wordt niets uitbetaald.',
    en: 'None. This is a demonstration with the same rules as the temporary scheme of 2021 and 2022. Nothing is paid out.',
    reference: 'BWBR0044414',
    url: 'https://wetten.overheid.nl/BWBR0044414',
  },
  applicationWindow: { opens: '2026-01-01', closes: '2027-12-31' },
  ...rules,
})

export const SCHEMES: readonly SchemeConfig[] = [JEUGDZORG_2021, JEUGDZORG_DEMO_2026]

export function getScheme({ code, version }: { code: string; version?: number }): SchemeConfig | null {
  const matches = SCHEMES.filter((s) => s.code === code && (version === undefined || s.version === version))
  return matches.sort((a, b) => b.version - a.version)[0] ?? null
}
