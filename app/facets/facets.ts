/**
 * The shared vocabulary that makes stories, help entries and applications findable and
 * comparable. Labels live in the `facets` namespace: `facets:<group>.<value>`.
 */
export const SETTINGS = [
  'fosterFamily',
  'residentialGroup',
  'closedYouthCare',
  'judicialYouthInstitution',
  'youthMentalHealthCare',
  'psychiatricHospital',
  'intellectualDisabilityInstitution',
  'blindOrDeafInstitution',
  'unaccompaniedMinorsReception',
  'other',
] as const
export type Setting = (typeof SETTINGS)[number]

export const DECADES = ['1940s', '1950s', '1960s', '1970s', '1980s', '1990s', '2000s', '2010s'] as const
export type Decade = (typeof DECADES)[number]

export const VIOLENCE_KINDS = ['physical', 'psychological', 'sexual', 'forcedLabour', 'neglect'] as const
export type ViolenceKind = (typeof VIOLENCE_KINDS)[number]

/** The twelve provinces; `national` means the whole country. */
export const REGIONS = [
  'national',
  'groningen',
  'friesland',
  'drenthe',
  'overijssel',
  'flevoland',
  'gelderland',
  'utrecht',
  'noordHolland',
  'zuidHolland',
  'zeeland',
  'noordBrabant',
  'limburg',
] as const
export type Region = (typeof REGIONS)[number]

/** What someone looks for when they ask for help. */
export const NEEDS = [
  'information',
  'someoneToTalkTo',
  'peerContact',
  'traumaTreatment',
  'schemeHelp',
  'findingRecords',
  'legalHelp',
  'crisis',
] as const
export type Need = (typeof NEEDS)[number]

/** Languages offered; `ngt` is Nederlandse Gebarentaal (Sign Language of the Netherlands). */
export const LANGUAGES = ['nl', 'en', 'ngt', 'tr', 'ar', 'pap', 'fy'] as const
export type Language = (typeof LANGUAGES)[number]

export const THEMES = [
  'notBelieved',
  'separationFromFamily',
  'isolation',
  'punishment',
  'education',
  'identity',
  'lifeAfterwards',
  'recognition',
] as const
export type Theme = (typeof THEMES)[number]
