import { describe, expect, it } from 'vitest'
import { personalPartSchemaFor } from './application-form'
import { dateInputSchema, datePartsOf, parseDateParts } from './date-input'

const today = '2026-12-07'
const parse = (day: string, month: string, year: string) => parseDateParts({ day, month, year }, { today })

describe('the GOV.UK date input', () => {
  it('reads day, month and year typed in three fields as a calendar date', () => {
    expect(parse('12', '3', '1961')).toEqual({ ok: true, date: '1961-03-12' })
    expect(parse('02', '04', '1960')).toEqual({ ok: true, date: '1960-04-02' })
    // People write the month as a word too.
    expect(parse('12', 'maart', '1961')).toEqual({ ok: true, date: '1961-03-12' })
    expect(parse(' 1 ', 'Oct', '1975')).toEqual({ ok: true, date: '1975-10-01' })
  })

  it("says which part is missing, then whether it is a real date, then whether it is in the past (GOV.UK's order)", () => {
    expect(parse('', '', '')).toEqual({ ok: false, problem: 'required' })
    expect(parse('', '3', '1961')).toEqual({ ok: false, problem: 'missingDay' })
    expect(parse('12', '', '1961')).toEqual({ ok: false, problem: 'missingMonth' })
    expect(parse('12', '3', '')).toEqual({ ok: false, problem: 'missingYear' })
    expect(parse('30', '2', '1961')).toEqual({ ok: false, problem: 'notReal' })
    expect(parse('12', '13', '1961')).toEqual({ ok: false, problem: 'notReal' })
    expect(parse('12', '3', '61')).toEqual({ ok: false, problem: 'notReal' })
    expect(parse('8', '12', '2026')).toEqual({ ok: false, problem: 'future' })
    expect(parse('7', '12', '2026')).toEqual({ ok: true, date: '2026-12-07' })
  })

  it('gives the message of the date it is about, on that field', () => {
    const messages = (input: unknown) => {
      const r = dateInputSchema('dateOfBirth').safeParse(input)
      return r.success ? [] : r.error.issues.map((i) => i.message)
    }
    expect(messages({ day: '12', year: '1961' })).toEqual(['scheme:dateInput.dateOfBirth.missingMonth'])
    expect(messages({ day: '31', month: '4', year: '1961' })).toEqual(['scheme:dateInput.dateOfBirth.notReal'])
    expect(messages({ day: '1', month: '1', year: '2999' })).toEqual(['scheme:dateInput.dateOfBirth.future'])
    expect(messages(undefined)).toEqual(['scheme:dateInput.dateOfBirth.required'])
    const personal = personalPartSchemaFor('self').safeParse({ dateOfBirth: { day: '12', month: '', year: '1961' } })
    expect(personal.success ? [] : personal.error.issues.filter((i) => i.path[0] === 'dateOfBirth').map((i) => i.message)).toEqual([
      'scheme:dateInput.dateOfBirth.missingMonth',
    ])
  })

  it('fills the three fields again from a stored date', () => {
    expect(datePartsOf('1961-03-12')).toEqual({ day: '12', month: '3', year: '1961' })
    expect(datePartsOf(null)).toBeUndefined()
    expect(datePartsOf('1961-02-30')).toBeUndefined()
  })
})
