import { addYears, earliestDate, formatLongDate, isIsoDate, latestDate, type IsoDate } from './dates'
import type { ApplicantKind, SchemeConfig } from './scheme-config'

/**
 * A pre-check that explains the scheme's rules while someone fills in the form. It only
 * WARNS: applying is always possible, the fund decides, and memories of dates are often
 * imprecise. So every check reads dates as widely as they can mean ('1972' is any day of
 * 1972) and warns only when the rule is surely not met by what was entered.
 */

export const WARNING_CODES = [
  'applicantKindNotInScheme',
  'relativeDeathOutsideWindow',
  'noPlacement',
  'placementBeforePeriod',
  'placementAfterPeriod',
  'placementOverAge',
  'placementKindAdoption',
  'placementKindOutOfScope',
  'placementOutsideNetherlands',
  'noHarmKind',
] as const
export type WarningCode = (typeof WARNING_CODES)[number]

export type WarningParams = Record<string, string | number>

export type Warning = {
  code: WarningCode
  i18nKey: `scheme:precheck.${WarningCode}`
  /** Interpolation values; dates are ISO strings, see formatWarningParams. */
  params: WarningParams
  /** 0-based index of the placement the warning is about, so the form can show it there. */
  placementIndex?: number
}

export type PrecheckPlacement = {
  /** 'YYYY', 'YYYY-MM' or 'YYYY-MM-DD'. */
  from: string
  to?: string | null
  /** A placement kind code of the scheme, a facet setting, or something else such as 'adoption'. */
  kind: string
  inNetherlands: boolean
}

export type PrecheckInput = {
  scheme: SchemeConfig
  applicantKind: ApplicantKind
  survivorDateOfBirth?: string | null
  survivorDiedOn?: string | null
  placements: PrecheckPlacement[]
  harms: string[]
}

function warning(code: WarningCode, params: WarningParams = {}, placementIndex?: number): Warning {
  return { code, i18nKey: `scheme:precheck.${code}`, params, ...(placementIndex === undefined ? {} : { placementIndex }) }
}

/** The first day someone was no longer a minor in the scheme's sense (exclusive end of minority). */
function minorUntil(scheme: SchemeConfig, dateOfBirth: IsoDate): IsoDate {
  const { defaultMaxAge, extendedMaxAge, extendedBefore } = scheme.ageRule
  const byDefault = addYears(dateOfBirth, defaultMaxAge)
  const extendedEnd = addYears(dateOfBirth, extendedMaxAge)
  // Under the extended age, minority lasted while both: younger than 21 and before 1988.
  const byExtension = extendedEnd < extendedBefore ? extendedEnd : extendedBefore
  return byDefault > byExtension ? byDefault : byExtension
}

export function precheckEligibility(input: PrecheckInput): Warning[] {
  const { scheme, applicantKind, placements, harms } = input
  const warnings: Warning[] = []
  const period = scheme.eligiblePeriod
  const periodParams = { periodFrom: period.from, periodTo: period.to }

  const kindRules = scheme.applicantKinds[applicantKind]
  if (!kindRules) warnings.push(warning('applicantKindNotInScheme', { applicantKind }))

  const relative = scheme.applicantKinds.relative
  if (applicantKind === 'relative' && relative && input.survivorDiedOn) {
    const earliest = earliestDate(input.survivorDiedOn)
    const latest = latestDate(input.survivorDiedOn)
    const window = relative.survivorDiedBetween
    if (earliest && latest && (latest < window.from || earliest >= window.to)) {
      warnings.push(warning('relativeDeathOutsideWindow', { diedFrom: window.from, diedBefore: window.to }))
    }
  }

  if (placements.length === 0) warnings.push(warning('noPlacement', periodParams))

  // Read the birth date as late as it can mean: a later birthday never causes a warning.
  const birth = input.survivorDateOfBirth ? latestDate(input.survivorDateOfBirth) : null
  const inScopeKinds = new Set(scheme.placementKinds.flatMap((k) => [k.code, k.setting]))

  placements.forEach((placement, index) => {
    const number = index + 1
    const start = earliestDate(placement.from)
    const end = placement.to ? latestDate(placement.to) : null

    if (end && end < period.from) {
      warnings.push(warning('placementBeforePeriod', { placement: number, ...periodParams }, index))
    } else if (start && start > period.to) {
      warnings.push(warning('placementAfterPeriod', { placement: number, ...periodParams }, index))
    }

    if (start && birth && start >= minorUntil(scheme, birth)) {
      const { defaultMaxAge, extendedMaxAge, extendedBefore } = scheme.ageRule
      const maxAge = start < extendedBefore ? extendedMaxAge : defaultMaxAge
      warnings.push(
        warning('placementOverAge', { placement: number, maxAge, defaultMaxAge, extendedMaxAge, extendedBefore }, index),
      )
    }

    if (placement.kind === 'adoption') {
      warnings.push(warning('placementKindAdoption', { placement: number }, index))
    } else if (!inScopeKinds.has(placement.kind)) {
      warnings.push(warning('placementKindOutOfScope', { placement: number }, index))
    }

    if (!placement.inNetherlands) warnings.push(warning('placementOutsideNetherlands', { placement: number }, index))
  })

  const harmKinds = new Set<string>(scheme.harmKinds)
  if (!harms.some((h) => harmKinds.has(h))) warnings.push(warning('noHarmKind'))

  return warnings
}

/** Interpolation values for display: ISO dates become long dates in the reader's language. */
export function formatWarningParams({ params, lng }: { params: WarningParams; lng: string }): WarningParams {
  return Object.fromEntries(
    Object.entries(params).map(([k, v]) => [k, typeof v === 'string' && isIsoDate(v) ? formatLongDate(v, lng) : v]),
  )
}
