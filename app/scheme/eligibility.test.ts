import { readFileSync } from 'node:fs'
import path from 'node:path'
import i18next from 'i18next'
import { describe, expect, it } from 'vitest'
import { formatWarningParams, precheckEligibility, WARNING_CODES, type PrecheckInput, type PrecheckPlacement } from './eligibility'
import { JEUGDZORG_DEMO_2026 } from './schemes'

const scheme = JEUGDZORG_DEMO_2026
const placement = (p: Partial<PrecheckPlacement> = {}): PrecheckPlacement => ({
  from: '1975-03',
  to: '1978-06',
  kind: 'residentialYouthCare',
  inNetherlands: true,
  ...p,
})
const check = (input: Partial<PrecheckInput> = {}) =>
  precheckEligibility({
    scheme,
    applicantKind: 'self',
    survivorDateOfBirth: '1965-04-10',
    placements: [placement()],
    harms: ['physical'],
    ...input,
  })
const codes = (input: Partial<PrecheckInput> = {}) => check(input).map((w) => w.code)
const codesFor = (p: Partial<PrecheckPlacement>, input: Partial<PrecheckInput> = {}) =>
  codes({ placements: [placement(p)], ...input })

describe('precheckEligibility', () => {
  it('says nothing about an application that fits the rules', () => {
    expect(check()).toEqual([])
  })

  it('warns with a key, params and the placement it is about', () => {
    const [w] = check({ placements: [placement(), placement({ from: '2019-07', to: '2020-01' })] })
    expect(w).toEqual({
      code: 'placementAfterPeriod',
      i18nKey: 'scheme:precheck.placementAfterPeriod',
      params: { placement: 2, periodFrom: '1945-05-05', periodTo: '2019-06-12' },
      placementIndex: 1,
    })
  })

  describe('eligible period (5 May 1945 – 12 June 2019, inclusive)', () => {
    it('warns only when a placement lies wholly before 5 May 1945', () => {
      expect(codesFor({ from: '1944-01', to: '1945-05-04' })).toEqual(['placementBeforePeriod'])
      expect(codesFor({ from: '1944-01', to: '1945-05-05' })).toEqual([])
      expect(codesFor({ from: '1944', to: '1945-04' })).toEqual(['placementBeforePeriod'])
      // '1945-05' may mean 31 May: no warning.
      expect(codesFor({ from: '1944', to: '1945-05' })).toEqual([])
      expect(codesFor({ from: '1940', to: '1944' })).toEqual(['placementBeforePeriod'])
      // No end date: the placement may have lasted into the period.
      expect(codesFor({ from: '1940', to: null })).toEqual([])
    })

    it('warns only when a placement began after 12 June 2019', () => {
      const young = { survivorDateOfBirth: '2005-01-01' }
      expect(codesFor({ from: '2019-06-12', to: '2020-01' }, young)).toEqual([])
      expect(codesFor({ from: '2019-06-13', to: '2020-01' }, young)).toEqual(['placementAfterPeriod'])
      // '2019-06' may mean 1 June: no warning.
      expect(codesFor({ from: '2019-06' }, young)).toEqual([])
      expect(codesFor({ from: '2019-07' }, young)).toEqual(['placementAfterPeriod'])
      expect(codesFor({ from: '2020' }, young)).toEqual(['placementAfterPeriod'])
      expect(codesFor({ from: '2019' }, young)).toEqual([])
    })
  })

  describe('age limit: under 18, or under 21 before 1 January 1988', () => {
    it('warns from the 18th birthday on', () => {
      const born = { survivorDateOfBirth: '2000-06-12' }
      expect(codesFor({ from: '2018-06-11', to: '2018-12' }, born)).toEqual([])
      expect(codesFor({ from: '2018-06-12', to: '2018-12' }, born)).toEqual(['placementOverAge'])
      // '2018-06' may mean 1 June, still 17.
      expect(codesFor({ from: '2018-06', to: '2018-12' }, born)).toEqual([])
      const [w] = check({ ...born, placements: [placement({ from: '2018-06-12', to: '2018-12' })] })
      expect(w?.params).toMatchObject({ placement: 1, maxAge: 18, defaultMaxAge: 18, extendedMaxAge: 21, extendedBefore: '1988-01-01' })
    })

    it('allows up to the 21st birthday before 1988', () => {
      const born = { survivorDateOfBirth: '1960-03-10' }
      expect(codesFor({ from: '1979-05', to: '1980' }, born)).toEqual([]) // 19
      expect(codesFor({ from: '1981-03-09', to: '1982' }, born)).toEqual([]) // a day before 21
      expect(codesFor({ from: '1981-03-10', to: '1982' }, born)).toEqual(['placementOverAge'])
      const [w] = check({ ...born, placements: [placement({ from: '1981-03-10', to: '1982' })] })
      expect(w?.params.maxAge).toBe(21)
    })

    it('the extension ends on 1 January 1988 for someone aged 18 to 20 then', () => {
      const born = { survivorDateOfBirth: '1968-06-01' } // 19 on 1 January 1988
      expect(codesFor({ from: '1987-12-31', to: '1988-03' }, born)).toEqual([])
      expect(codesFor({ from: '1988-01-01', to: '1988-03' }, born)).toEqual(['placementOverAge'])
      const [w] = check({ ...born, placements: [placement({ from: '1988-01-01', to: '1988-03' })] })
      expect(w?.params.maxAge).toBe(18)
      // Turning 18 on 31 December 1987: minor until the extension ends.
      const lateBorn = { survivorDateOfBirth: '1969-12-31' }
      expect(codesFor({ from: '1987-12-31' }, lateBorn)).toEqual([])
      expect(codesFor({ from: '1988-01-01' }, lateBorn)).toEqual(['placementOverAge'])
    })

    it('someone born on 29 February turns 18 on 1 March in a common year', () => {
      const born = { survivorDateOfBirth: '1972-02-29' }
      expect(codesFor({ from: '1990-02-28' }, born)).toEqual([])
      expect(codesFor({ from: '1990-03-01' }, born)).toEqual(['placementOverAge'])
    })

    it('reads an imprecise birth date as late as it can be, and skips the check without one', () => {
      expect(codesFor({ from: '1988-12-30' }, { survivorDateOfBirth: '1970' })).toEqual([])
      expect(codesFor({ from: '1988-12-31' }, { survivorDateOfBirth: '1970' })).toEqual(['placementOverAge'])
      expect(codesFor({ from: '2010-01-01', to: '2011' }, { survivorDateOfBirth: undefined })).toEqual([])
    })
  })

  describe('kind of placement', () => {
    it('accepts the scheme kinds and the facet settings they map to', () => {
      for (const k of scheme.placementKinds) {
        expect(codesFor({ kind: k.code })).toEqual([])
        expect(codesFor({ kind: k.setting })).toEqual([])
      }
    })

    it('explains adoption apart from other places out of scope', () => {
      expect(codesFor({ kind: 'adoption' })).toEqual(['placementKindAdoption'])
      expect(codesFor({ kind: 'other' })).toEqual(['placementKindOutOfScope'])
      expect(codesFor({ kind: 'boardingSchoolPrivate' })).toEqual(['placementKindOutOfScope'])
    })

    it('warns about a placement outside the Netherlands', () => {
      expect(codesFor({ inNetherlands: false })).toEqual(['placementOutsideNetherlands'])
    })

    it('warns when no placement is given', () => {
      expect(codes({ placements: [] })).toEqual(['noPlacement'])
    })

    it('skips date checks for dates it cannot read instead of failing', () => {
      expect(codesFor({ from: 'around 1970', to: 'later' })).toEqual([])
    })
  })

  it('warns when no kind of violence of the scheme is chosen', () => {
    expect(codes({ harms: [] })).toEqual(['noHarmKind'])
    expect(codes({ harms: ['neglect'] })).toEqual(['noHarmKind'])
    expect(codes({ harms: ['neglect', 'forcedLabour'] })).toEqual([])
  })

  describe('surviving relatives', () => {
    const relative = (survivorDiedOn: string | undefined) => codes({ applicantKind: 'relative', survivorDiedOn })

    it('accepts a death from 21 February 2020 up to (not on) 1 January 2021', () => {
      expect(relative('2020-02-20')).toEqual(['relativeDeathOutsideWindow'])
      expect(relative('2020-02-21')).toEqual([])
      expect(relative('2020-12-31')).toEqual([])
      expect(relative('2021-01-01')).toEqual(['relativeDeathOutsideWindow'])
      expect(relative('2020-02')).toEqual([]) // may be 21 February or later
      expect(relative('2020-01')).toEqual(['relativeDeathOutsideWindow'])
      expect(relative('2021')).toEqual(['relativeDeathOutsideWindow'])
      expect(relative(undefined)).toEqual([])
    })

    it('checks the death date only for relatives, and the kind against the scheme', () => {
      expect(codes({ applicantKind: 'self', survivorDiedOn: '2015-01-01' })).toEqual([])
      expect(codes({ applicantKind: 'representative', survivorDiedOn: '2015-01-01' })).toEqual([])
      const { relative: _relative, ...kinds } = scheme.applicantKinds
      const noRelatives = { ...scheme, applicantKinds: kinds }
      expect(codes({ scheme: noRelatives, applicantKind: 'relative', survivorDiedOn: '2020-06-01' })).toEqual([
        'applicantKindNotInScheme',
      ])
    })
  })

  it('can report several rules at once', () => {
    expect(
      codes({
        survivorDateOfBirth: '1990-01-01',
        placements: [placement({ from: '2019-08', to: '2020-02', kind: 'adoption', inNetherlands: false })],
        harms: [],
      }),
    ).toEqual(['placementAfterPeriod', 'placementOverAge', 'placementKindAdoption', 'placementOutsideNetherlands', 'noHarmKind'])
  })
})

describe('warning texts', () => {
  const load = (lng: string) => JSON.parse(readFileSync(path.resolve(`public/locales/${lng}/scheme.json`), 'utf8'))

  it('exist in Dutch and English for every warning, with every value filled in', async () => {
    const i18n = i18next.createInstance()
    await i18n.init({
      lng: 'nl',
      resources: { nl: { scheme: load('nl') }, en: { scheme: load('en') } },
      interpolation: { escapeValue: false },
    })
    // One input that triggers every warning of a scheme that knows all applicant kinds.
    const all = [
      ...check({
        applicantKind: 'relative',
        survivorDiedOn: '2019-01-01',
        survivorDateOfBirth: '1990-01-01',
        placements: [
          placement({ from: '2019-08', kind: 'adoption', inNetherlands: false }),
          placement({ from: '1940', to: '1944', kind: 'other' }),
        ],
        harms: [],
      }),
      ...check({ placements: [] }),
      ...check({ scheme: { ...scheme, applicantKinds: { self: scheme.applicantKinds.self } }, applicantKind: 'representative' }),
    ]
    expect(new Set(all.map((w) => w.code))).toEqual(new Set(WARNING_CODES))

    for (const lng of ['nl', 'en']) {
      for (const w of all) {
        const text = i18n.t(w.i18nKey, { lng, ...formatWarningParams({ params: w.params, lng }) })
        expect(text, `${lng} ${w.code}`).not.toBe(w.i18nKey.replace('scheme:', ''))
        expect(text, `${lng} ${w.code}`).not.toMatch(/\{\{|\}\}|undefined/)
        for (const key of Object.keys(w.params)) {
          if (key !== 'applicantKind') expect(load(lng).precheck[w.code], `${lng} ${w.code} uses ${key}`).toContain(`{{${key}}}`)
        }
      }
    }
    const period = all.find((w) => w.code === 'placementBeforePeriod')!
    expect(i18n.t(period.i18nKey, { lng: 'nl', ...formatWarningParams({ params: period.params, lng: 'nl' }) })).toContain(
      'vóór 5 mei 1945',
    )
    expect(i18n.t(period.i18nKey, { lng: 'en', ...formatWarningParams({ params: period.params, lng: 'en' }) })).toContain(
      'before 5 May 1945',
    )
  })

  it('formatWarningParams turns ISO dates into long dates and leaves the rest', () => {
    expect(formatWarningParams({ params: { placement: 2, diedBefore: '2021-01-01', kind: 'x' }, lng: 'nl' })).toEqual({
      placement: 2,
      diedBefore: '1 januari 2021',
      kind: 'x',
    })
    expect(formatWarningParams({ params: { diedBefore: '2021-01-01' }, lng: 'en' })).toEqual({ diedBefore: '1 January 2021' })
  })
})
