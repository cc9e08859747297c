import { describe, expect, it } from 'vitest'
import type { Answers } from './answers'
import { ApplicantPartSchema } from './application-form'
import { partStates } from './application-pages'
import { precheckInputOf } from './precheck-input'
import { precheckEligibility } from './eligibility'
import { JEUGDZORG_DEMO_2026 } from './schemes'

const messages = (input: Record<string, string>) => {
  const parsed = ApplicantPartSchema.safeParse(input)
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}:${i.message}`)
}

describe("the 'who is applying' page", () => {
  it("asks a surviving relative for the deceased survivor's name, date of birth and date of death", () => {
    expect(messages({ kind: 'relative' })).toEqual([
      'survivorName:validation:required',
      'survivorDateOfBirth:scheme:dateInput.survivorDateOfBirth.required',
      'survivorDiedOn:scheme:dateInput.survivorDiedOn.required',
    ])
    const ok = ApplicantPartSchema.parse({ kind: 'relative', survivorName: 'Kees de Boer', relation: 'zoon', survivorDateOfBirth: '1955-06-01', survivorDiedOn: '2020-06-15' })
    expect(ok).toEqual({ kind: 'relative', survivorName: 'Kees de Boer', relation: 'zoon', survivorDateOfBirth: '1955-06-01', survivorDiedOn: '2020-06-15' })
  })

  it('refuses dates that do not exist, lie in the future, or put death before birth, next to the field', () => {
    const base = { kind: 'relative', survivorName: 'Kees de Boer' }
    expect(messages({ ...base, survivorDateOfBirth: '1955-02-30', survivorDiedOn: '2020-06-15' })).toEqual(['survivorDateOfBirth:scheme:dateInput.survivorDateOfBirth.notReal'])
    expect(messages({ ...base, survivorDateOfBirth: '15-06-1955', survivorDiedOn: '2020-06-15' })).toEqual(['survivorDateOfBirth:scheme:dateInput.survivorDateOfBirth.notReal'])
    expect(messages({ ...base, survivorDateOfBirth: '1955-06-01', survivorDiedOn: '2099-01-01' })).toEqual(['survivorDiedOn:scheme:dateInput.survivorDiedOn.future'])
    expect(messages({ ...base, survivorDateOfBirth: '1955-06-01', survivorDiedOn: '1950-01-01' })).toEqual(['survivorDiedOn:scheme:form.errors.diedBeforeBorn'])
  })

  it("is not done for a relative until both of the survivor's dates are there (drafts saved before they were asked)", () => {
    const state = (applicant: Answers['applicant']) => partStates({ answers: { applicant }, documentCount: 0 }).applicant
    expect(state({ kind: 'relative', survivorName: 'Kees de Boer', survivorDiedOn: '2020-06-15' })).toBe('inProgress')
    expect(state({ kind: 'relative', survivorName: 'Kees de Boer', survivorDateOfBirth: '1955-06-01', survivorDiedOn: '2020-06-15' })).toBe('done')
    expect(state({ kind: 'self' })).toBe('done')
    expect(state(undefined)).toBe('notStarted')
  })

  it('keeps only what belongs to the chosen kind', () => {
    const typed = { survivorName: 'Kees de Boer', relation: 'zoon', survivorDateOfBirth: '1955-06-01', survivorDiedOn: '2020-06-15' }
    expect(ApplicantPartSchema.parse({ kind: 'self', ...typed })).toEqual({ kind: 'self' })
    expect(ApplicantPartSchema.parse({ kind: 'representative', ...typed })).toEqual({ kind: 'representative', survivorName: 'Kees de Boer', relation: 'zoon' })
    // A representative is not asked for dates, so none are needed.
    expect(messages({ kind: 'representative', survivorName: 'Kees de Boer' })).toEqual([])
  })
})

describe("the pre-check's age rule", () => {
  const scheme = JEUGDZORG_DEMO_2026
  // A placement from 1977: the survivor (born 1955) was 21 or older, the relative (born 1980) not yet born.
  const answers = (kind: 'self' | 'relative'): Answers => ({
    applicant: kind === 'relative' ? { kind, survivorName: 'Kees de Boer', survivorDateOfBirth: '1955-06-01', survivorDiedOn: '2020-06-15' } : { kind },
    placements: [{ from: '1977-03', to: '1978', kind: 'residentialYouthCare', place: 'Huize De Linde', municipality: 'Zeist', inNetherlands: 'yes' }],
    harm: { mode: 'write', kinds: ['physical'] },
  })
  const codes = (a: Answers, dateOfBirth: string) => precheckEligibility(precheckInputOf({ scheme, answers: a, dateOfBirth })).map((w) => w.code)

  it("applies to the deceased survivor's birth date for a relative, never to the relative's own", () => {
    // The relative's own birth date (1980) would hide the problem; the survivor's (1955) shows it.
    expect(codes(answers('relative'), '1980-01-01')).toContain('placementOverAge')
    const young = answers('relative')
    young.applicant = { ...young.applicant!, survivorDateOfBirth: '1962-06-01' }
    // The relative's own birth date (1930) would warn; the survivor was 14, so nothing is said.
    expect(codes(young, '1930-01-01')).not.toContain('placementOverAge')
  })

  it("applies to a representative's survivor's birth date, never to the representative's own", () => {
    const rep: Answers = { ...answers('self'), applicant: { kind: 'representative', survivorName: 'Kees de Boer' } }
    const forRep = (own: string, survivor: string | null) =>
      precheckEligibility(precheckInputOf({ scheme, answers: rep, dateOfBirth: own, survivorDateOfBirth: survivor })).map((w) => w.code)
    // The survivor was 22 in 1977: a warning, although the representative (born 1985) was not yet born.
    expect(forRep('1985-08-20', '1955-06-01')).toContain('placementOverAge')
    // The survivor was 15: nothing, although the representative (born 1930) was 47.
    expect(forRep('1930-01-01', '1962-06-01')).not.toContain('placementOverAge')
    // Not given yet: no guess from the representative's own date.
    expect(forRep('1930-01-01', null)).not.toContain('placementOverAge')
  })

  it("still applies to the applicant's own birth date when applying for themselves", () => {
    expect(codes(answers('self'), '1955-06-01')).toContain('placementOverAge')
    expect(codes(answers('self'), '1962-06-01')).not.toContain('placementOverAge')
  })
})
