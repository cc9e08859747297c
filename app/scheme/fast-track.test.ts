import { describe, expect, it } from 'vitest'
import { fastTrackBirthDate, fastTrackReasons, hasReachedAge } from './fast-track'
import { SchemeConfigSchema } from './scheme-config'
import { JEUGDZORG_2021, JEUGDZORG_DEMO_2026 } from './schemes'

const config = JEUGDZORG_DEMO_2026
const today = '2026-12-07'

describe('fast-track rules in the scheme configuration', () => {
  it('are 75 years and a self-declared serious illness with optional evidence in the seeded schemes', () => {
    for (const s of [JEUGDZORG_2021, JEUGDZORG_DEMO_2026]) {
      expect(s.fastTrack).toEqual({ minimumAge: 75, seriouslyIll: { selfDeclared: true, evidence: 'optional' } })
    }
  })

  it('are validated: no odd age, no unknown key, no required proof of illness', () => {
    const { fastTrack: _, ...base } = JEUGDZORG_DEMO_2026
    expect(SchemeConfigSchema.safeParse(base).success).toBe(true)
    for (const fastTrack of [{ minimumAge: 7 }, { minimumAge: 75.5 }, { minimumAge: 75, extra: 1 }, { minimumAge: 75, seriouslyIll: { selfDeclared: true, evidence: 'required' } }]) {
      expect(SchemeConfigSchema.safeParse({ ...base, fastTrack }).success).toBe(false)
    }
  })
})

describe('fastTrackReasons', () => {
  const self = (dateOfBirth: string, seriouslyIll?: boolean) => ({ applicant: { kind: 'self' as const }, personal: { dateOfBirth }, fastTrack: { seriouslyIll } })

  it('counts 75 from the date of birth, on the birthday itself and not the day before', () => {
    expect(fastTrackReasons(self('1951-12-07'), config, today)).toEqual(['age75'])
    expect(fastTrackReasons(self('1951-12-08'), config, today)).toEqual([])
    expect(fastTrackReasons(self('1948-03-02'), config, today)).toEqual(['age75'])
    expect(fastTrackReasons(self('1970-01-01'), config, today)).toEqual([])
  })

  it('lets someone born on 29 February turn 75 on 1 March in a common year', () => {
    expect(hasReachedAge('1952-02-29', 75, '2027-02-28')).toBe(false)
    expect(hasReachedAge('1952-02-29', 75, '2027-03-01')).toBe(true)
  })

  it('takes a serious illness on the applicant’s word, and gives both reasons when both hold', () => {
    expect(fastTrackReasons(self('1980-05-05', true), config, today)).toEqual(['seriouslyIll'])
    expect(fastTrackReasons(self('1940-05-05', true), config, today)).toEqual(['age75', 'seriouslyIll'])
    expect(fastTrackReasons(self('1980-05-05', false), config, today)).toEqual([])
  })

  it("uses the represented survivor's age, not the representative's", () => {
    const answers = { applicant: { kind: 'representative' as const }, personal: { dateOfBirth: '1990-01-01' }, survivor: { dateOfBirth: '1945-01-01' } }
    expect(fastTrackBirthDate(answers)).toBe('1945-01-01')
    expect(fastTrackReasons(answers, config, today)).toEqual(['age75'])
    expect(fastTrackReasons({ ...answers, personal: { dateOfBirth: '1940-01-01' }, survivor: { dateOfBirth: '1980-01-01' } }, config, today)).toEqual([])
  })

  it("uses a surviving relative's own age (the survivor has died)", () => {
    expect(fastTrackReasons({ applicant: { kind: 'relative' }, personal: { dateOfBirth: '1944-06-01' } }, config, today)).toEqual(['age75'])
  })

  it('gives nothing without a valid date, or when the scheme version has no fast track', () => {
    expect(fastTrackReasons({}, config, today)).toEqual([])
    expect(fastTrackReasons(self('1940-13-40'), config, today)).toEqual([])
    expect(fastTrackReasons(self('not a date', true), { fastTrack: undefined }, today)).toEqual([])
    expect(fastTrackReasons(self('1980-01-01', true), { fastTrack: { minimumAge: 75 } }, today)).toEqual([])
  })
})
