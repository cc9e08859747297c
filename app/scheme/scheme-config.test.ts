import { describe, expect, it } from 'vitest'
import { SETTINGS } from '~/facets/facets'
import {
  acknowledgementDeadline,
  decisionDeadline,
  dutchPublicHolidays,
  isDutchWorkingDay,
  isSchemeOpen,
  localise,
  objectionDeadline,
  paymentDeadline,
  SchemeConfigSchema,
  type SchemeConfig,
} from './scheme-config'
import { getScheme, JEUGDZORG_2021, JEUGDZORG_DEMO_2026, SCHEMES } from './schemes'

describe('seeded schemes', () => {
  it('carry the real rules of BWBR0044414', () => {
    const s = JEUGDZORG_2021
    expect(s.legalBasis.reference).toBe('BWBR0044414')
    expect(s.demonstration).toBe(false)
    expect(s.applicationWindow).toEqual({ opens: '2021-01-01', closes: '2022-12-31' })
    expect(s.eligiblePeriod).toEqual({ from: '1945-05-05', to: '2019-06-12' })
    expect(s.ageRule).toEqual({ defaultMaxAge: 18, extendedMaxAge: 21, extendedBefore: '1988-01-01' })
    expect(s.amount).toEqual({ cents: 500_000, currency: 'EUR', fixed: true })
    expect(s.terms).toEqual({ acknowledgeWithinDays: 14, decideWithinWeeks: 26, paymentWithinDays: 30, objectionWithinWeeks: 6 })
    expect(s.harmKinds).toEqual(['physical', 'psychological', 'sexual', 'forcedLabour'])
    expect(s.applicantKinds.relative?.survivorDiedBetween).toEqual({ from: '2020-02-21', to: '2021-01-01' })
    expect(s.applicantKinds.representative?.requiresAuthorisation).toBe(true)
    expect(s.rejectionReasons.map((r) => r.code)).toEqual(
      expect.arrayContaining([
        'violenceOutsidePeriod',
        'violenceOutsideNetherlands',
        'placementOutOfScope',
        'adoptionNotFosterCare',
        'parentsOwnSuffering',
        'violenceNotExcessive',
        'insufficientInformation',
      ]),
    )
  })

  it('file every placement kind under a facet setting', () => {
    for (const kind of JEUGDZORG_2021.placementKinds) expect(SETTINGS).toContain(kind.setting)
    expect(JEUGDZORG_2021.placementKinds).toHaveLength(9)
    expect(JEUGDZORG_2021.placementKinds.map((k) => k.code)).not.toContain('adoption')
  })

  it('name the demonstration scheme as one, in both languages', () => {
    expect(JEUGDZORG_DEMO_2026.demonstration).toBe(true)
    expect(JEUGDZORG_DEMO_2026.name.nl).toMatch(/^Demonstratie/)
    expect(JEUGDZORG_DEMO_2026.name.en).toMatch(/^Demonstration/)
    expect(JEUGDZORG_DEMO_2026.eligiblePeriod).toEqual(JEUGDZORG_2021.eligiblePeriod)
  })

  it('are found by code and version', () => {
    expect(SCHEMES).toHaveLength(2)
    expect(getScheme({ code: 'jeugdzorg-2021' })).toBe(JEUGDZORG_2021)
    expect(getScheme({ code: 'jeugdzorg-demo-2026', version: 1 })).toBe(JEUGDZORG_DEMO_2026)
    expect(getScheme({ code: 'jeugdzorg-2021', version: 2 })).toBeNull()
    expect(getScheme({ code: 'nope' })).toBeNull()
  })
})

describe('SchemeConfigSchema', () => {
  it('refuses inconsistent configuration', () => {
    const base = structuredClone(JEUGDZORG_2021) as SchemeConfig
    expect(SchemeConfigSchema.safeParse(base).success).toBe(true)
    const bad = (change: (s: SchemeConfig) => void) => {
      const s = structuredClone(base)
      change(s)
      return SchemeConfigSchema.safeParse(s).success
    }
    expect(bad((s) => (s.applicationWindow = { opens: '2023-01-01', closes: '2022-12-31' }))).toBe(false)
    expect(bad((s) => (s.eligiblePeriod.to = '2019-02-30'))).toBe(false)
    expect(bad((s) => s.placementKinds.push(s.placementKinds[0]!))).toBe(false)
    expect(bad((s) => (s.harmKinds = []))).toBe(false)
    expect(bad((s) => (s.code = 'Not Kebab'))).toBe(false)
  })

  it('keeps texts per locale: Dutch required as the fallback, other languages optional, no unknown language', () => {
    const base = structuredClone(JEUGDZORG_2021) as SchemeConfig
    const ok = (change: (s: Record<string, unknown>) => void) => {
      const s = structuredClone(base) as unknown as Record<string, unknown>
      change(s)
      return SchemeConfigSchema.safeParse(s).success
    }
    expect(ok((s) => (s.name = { nl: 'Alleen Nederlands' }))).toBe(true)
    expect(ok((s) => (s.name = { en: 'Only English' }))).toBe(false)
    expect(ok((s) => (s.name = { nl: 'Nederlands', eng: 'Typo' }))).toBe(false)
    expect(ok((s) => (s.rejectionReasons = [{ code: 'other', nl: 'Anders' }]))).toBe(true)
  })

  it('reads a text in the reader’s language, and in Dutch when that language has none', () => {
    expect(localise({ nl: 'Pleeggezin', en: 'Foster family' }, 'en')).toBe('Foster family')
    expect(localise({ nl: 'Pleeggezin' }, 'en')).toBe('Pleeggezin')
    expect(localise({ nl: 'Pleeggezin', en: 'Foster family' }, 'tr')).toBe('Pleeggezin')
  })
})

describe('isSchemeOpen', () => {
  it('is open on the whole of the first and the last day, Amsterdam time', () => {
    const s = JEUGDZORG_2021
    expect(isSchemeOpen(s, new Date('2020-12-31T22:59:59Z'))).toBe(false) // 23:59:59 on 31 Dec 2020
    expect(isSchemeOpen(s, new Date('2020-12-31T23:00:00Z'))).toBe(true) // midnight, 1 Jan 2021
    expect(isSchemeOpen(s, new Date('2022-12-31T22:59:59Z'))).toBe(true) // 23:59:59 on 31 Dec 2022
    expect(isSchemeOpen(s, new Date('2022-12-31T23:00:00Z'))).toBe(false) // 1 Jan 2023: lapsed
  })

  it('the real scheme is closed now and the demonstration opens in 2026', () => {
    expect(isSchemeOpen(JEUGDZORG_2021, new Date('2026-06-01T12:00:00Z'))).toBe(false)
    expect(isSchemeOpen(JEUGDZORG_DEMO_2026, new Date('2026-06-01T12:00:00Z'))).toBe(true)
    expect(isSchemeOpen(JEUGDZORG_DEMO_2026, new Date('2025-12-31T12:00:00Z'))).toBe(false)
    expect(isSchemeOpen(JEUGDZORG_DEMO_2026, new Date('2028-01-01T12:00:00Z'))).toBe(false)
  })
})

describe('deadlines', () => {
  const scheme = JEUGDZORG_DEMO_2026

  it('acknowledgement within 14 days, payment within 30', () => {
    expect(acknowledgementDeadline({ scheme, receivedAt: '2026-01-05' })).toBe('2026-01-19')
    expect(paymentDeadline({ scheme, decidedAt: '2026-03-01' })).toBe('2026-03-31')
  })

  it('decision within 26 weeks, counting from the Amsterdam date of receipt', () => {
    expect(decisionDeadline({ scheme, receivedAt: '2026-01-05' })).toBe('2026-07-06')
    // 00:30 in Amsterdam on 5 January is still 4 January in UTC.
    expect(decisionDeadline({ scheme, receivedAt: new Date('2026-01-04T23:30:00Z') })).toBe('2026-07-06')
    expect(decisionDeadline({ scheme, receivedAt: '2026-01-04T23:30:00Z' })).toBe('2026-07-06')
  })

  it('adds days the clock stood still, and extensions', () => {
    expect(decisionDeadline({ scheme, receivedAt: '2026-01-05', pausedDays: 10 })).toBe('2026-07-16')
    expect(decisionDeadline({ scheme, receivedAt: '2026-01-05', extensionWeeks: 8 })).toBe('2026-08-31')
    const noPause = { ...scheme, clockPausesWhileInformationRequested: false }
    expect(decisionDeadline({ scheme: noPause, receivedAt: '2026-01-05', pausedDays: 10 })).toBe('2026-07-06')
    expect(() => decisionDeadline({ scheme, receivedAt: '2026-01-05', pausedDays: -1 })).toThrow(RangeError)
  })

  it('objection within 6 weeks from the day after the decision', () => {
    expect(objectionDeadline({ scheme, decidedAt: '2026-03-13' })).toBe('2026-04-24')
    expect(objectionDeadline({ scheme, decidedAt: new Date('2026-03-13T10:00:00Z') })).toBe('2026-04-24')
  })

  it('objection term runs on past weekends and public holidays (Algemene termijnenwet)', () => {
    expect(objectionDeadline({ scheme, decidedAt: '2026-03-01' })).toBe('2026-04-13') // ends on a Sunday
    expect(objectionDeadline({ scheme, decidedAt: '2026-02-23' })).toBe('2026-04-07') // Easter Monday
    expect(objectionDeadline({ scheme, decidedAt: '2026-03-16' })).toBe('2026-04-28') // King's Day
    expect(objectionDeadline({ scheme, decidedAt: '2026-03-24' })).toBe('2026-05-06') // Liberation Day
    expect(objectionDeadline({ scheme, decidedAt: '2026-04-02' })).toBe('2026-05-15') // Ascension Day
    expect(objectionDeadline({ scheme, decidedAt: '2026-11-14' })).toBe('2026-12-28') // Boxing Day, Sunday
    expect(objectionDeadline({ scheme, decidedAt: '2025-03-15' })).toBe('2025-04-28') // King's Day on Saturday 26th
  })

  it('knows the Dutch public holidays', () => {
    expect(dutchPublicHolidays(2026)).toEqual([
      '2026-01-01',
      '2026-04-06',
      '2026-04-27',
      '2026-05-05',
      '2026-05-14',
      '2026-05-25',
      '2026-12-25',
      '2026-12-26',
    ])
    expect(dutchPublicHolidays(2025)).toContain('2025-04-26') // 27 April 2025 is a Sunday
    expect(dutchPublicHolidays(2024)).toContain('2024-04-01') // Easter Monday
    expect(dutchPublicHolidays(2013)).toContain('2013-04-30') // Queen's Day
    expect(isDutchWorkingDay('2026-04-24')).toBe(true)
    expect(isDutchWorkingDay('2026-04-25')).toBe(false)
  })
})
