import { describe, expect, it } from 'vitest'
import { addWorkingDays, firstNameOf, median, normalisePhone, normalisePostcode, suppressCount } from './contact'
import { AskGuidanceSchema } from './schemas'

describe('contact details', () => {
  it('normalises Dutch and international phone numbers to E.164 and refuses nonsense', () => {
    expect(normalisePhone('06 12345678')).toBe('+31612345678')
    expect(normalisePhone('06-1234 5678')).toBe('+31612345678')
    expect(normalisePhone('+31 20 123 4567')).toBe('+31201234567')
    expect(normalisePhone('0032 470 12 34 56')).toBe('+32470123456')
    expect(normalisePhone('0612')).toBeNull()
    expect(normalisePhone('bel me maar')).toBeNull()
  })

  it('normalises postcodes to "1234 AB" and refuses impossible ones', () => {
    expect(normalisePostcode('1234ab')).toBe('1234 AB')
    expect(normalisePostcode(' 3511 lx ')).toBe('3511 LX')
    expect(normalisePostcode('0123 AB')).toBeNull()
    expect(normalisePostcode('1234 SS')).toBeNull()
    expect(normalisePostcode('12345')).toBeNull()
  })

  it('explains a missing detail for the chosen channel next to that field', () => {
    const base = { inDanger: 'no', needs: ['peerContact'], agree: 'on' }
    const phone = AskGuidanceSchema.safeParse({ ...base, channel: 'phone' })
    expect(phone.success).toBe(false)
    const issues = phone.error!.issues.map((i) => `${i.path.join('.')}:${i.message}`)
    expect(issues).toContain('phone:triage:ask.errors.phoneRequired')
    expect(issues).toContain('voicemail:triage:ask.errors.voicemail')
    const letter = AskGuidanceSchema.safeParse({ ...base, channel: 'letter', street: 'Dorpsstraat 1', town: 'Utrecht', postcode: '1234' })
    expect(letter.error!.issues.map((i) => i.path.join('.'))).toEqual(['postcode'])
    const ok = AskGuidanceSchema.parse({ ...base, channel: 'letter', street: 'Dorpsstraat 1', town: 'Utrecht', postcode: '3511lx' })
    expect(ok.postcode).toBe('3511 LX')
    const email = AskGuidanceSchema.safeParse({ ...base, channel: 'email' })
    expect(email.error!.issues.map((i) => i.message)).toEqual(['triage:ask.errors.emailRequired'])
  })

  it('counts working days Monday to Friday', () => {
    // Friday 10:00 UTC + 2 working days = Tuesday 10:00.
    expect(addWorkingDays(new Date('2026-11-20T10:00:00Z'), 2).toISOString()).toBe('2026-11-24T10:00:00.000Z')
    // Monday + 2 = Wednesday.
    expect(addWorkingDays(new Date('2026-11-23T09:00:00Z'), 2).toISOString()).toBe('2026-11-25T09:00:00.000Z')
    // Saturday + 2 = Tuesday.
    expect(addWorkingDays(new Date('2026-11-21T12:00:00Z'), 2).toISOString()).toBe('2026-11-24T12:00:00.000Z')
  })

  it('skips Dutch public holidays when counting working days', () => {
    // Maundy Thursday 2026 (2 April) + 2: Good Friday, Easter Sunday and Monday do not count → Wednesday 8 April.
    expect(addWorkingDays(new Date('2026-04-02T10:00:00Z'), 2).toISOString()).toBe('2026-04-08T10:00:00.000Z')
    // Wednesday before Ascension Day (14 May 2026) + 2 → Monday 18 May.
    expect(addWorkingDays(new Date('2026-05-13T09:00:00Z'), 2).toISOString()).toBe('2026-05-18T09:00:00.000Z')
    // Christmas Eve 2026 (Thursday) + 2: Christmas and Boxing Day do not count → Tuesday 29 December.
    expect(addWorkingDays(new Date('2026-12-24T12:00:00Z'), 2).toISOString()).toBe('2026-12-29T12:00:00.000Z')
    // Liberation Day counts as a holiday every year: Monday 4 May 2026 + 1 → Wednesday 6 May.
    expect(addWorkingDays(new Date('2026-05-04T08:00:00Z'), 1).toISOString()).toBe('2026-05-06T08:00:00.000Z')
    // King's Day on Saturday 26 April 2025 falls in the weekend anyway: Friday 25 April + 1 → Monday 28 April.
    expect(addWorkingDays(new Date('2025-04-25T08:00:00Z'), 1).toISOString()).toBe('2025-04-28T08:00:00.000Z')
    // Judged by the Dutch date: 23:30 UTC on New Year's Day is already Friday 2 January in Amsterdam, a working day.
    expect(addWorkingDays(new Date('2025-12-31T23:30:00Z'), 1).toISOString()).toBe('2026-01-01T23:30:00.000Z')
  })

  it('medians, first names and suppression', () => {
    expect(median([])).toBeNull()
    expect(median([5, 1, 3])).toBe(3)
    expect(median([4, 1, 3, 2])).toBe(2.5)
    expect(firstNameOf('  Tess van Dam ')).toBe('Tess')
    expect(firstNameOf('')).toBeNull()
    expect(suppressCount(0)).toBe('0')
    expect(suppressCount(4)).toBe('<5')
    expect(suppressCount(5)).toBe('5')
  })
})
