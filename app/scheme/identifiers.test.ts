import { describe, expect, it } from 'vitest'
import {
  BsnSchema,
  bsnIssue,
  formatIban,
  IbanSchema,
  ibanIssue,
  isValidBsn,
  isValidIban,
  maskBsn,
  maskIban,
  normaliseBsn,
  normaliseIban,
} from './identifiers'

describe('BSN', () => {
  it('normalises spaces, dots and dashes, and restores a dropped leading zero', () => {
    expect(normaliseBsn(' 1112.22.333 ')).toBe('111222333')
    expect(normaliseBsn('111-222-333')).toBe('111222333')
    expect(normaliseBsn('10000008')).toBe('010000008')
    expect(normaliseBsn('1234567')).toBe('1234567')
  })

  it.each(['111222333', '123456782', '999999990', '010000008', '10000008', '1112 22 333'])('accepts %s', (bsn) => {
    expect(isValidBsn(bsn)).toBe(true)
  })

  it('applies the 11-test: 123456789 fails (9+16+21+24+25+24+21+16−9 = 147, not a multiple of 11)', () => {
    expect(isValidBsn('123456789')).toBe(false)
    expect(bsnIssue('123456789')).toBe('bsnInvalid')
  })

  it('catches a changed digit and two swapped digits', () => {
    expect(isValidBsn('123456783')).toBe(false)
    expect(isValidBsn('213456782')).toBe(false)
    expect(isValidBsn('111222334')).toBe(false)
  })

  it('refuses all zeros even though 0 is a multiple of 11', () => {
    expect(bsnIssue('000000000')).toBe('bsnInvalid')
    expect(bsnIssue('00000000')).toBe('bsnInvalid')
  })

  it('names what is wrong', () => {
    expect(bsnIssue('')).toBe('bsnRequired')
    expect(bsnIssue(' - ')).toBe('bsnRequired')
    expect(bsnIssue(undefined)).toBe('bsnRequired')
    expect(bsnIssue('12345678a')).toBe('bsnDigitsOnly')
    expect(bsnIssue('1234567')).toBe('bsnLength')
    expect(bsnIssue('1234567890')).toBe('bsnLength')
    expect(bsnIssue('111222333')).toBeNull()
  })

  it('masks all but the last four digits', () => {
    expect(maskBsn('111222333')).toBe('*****2333')
    expect(maskBsn('1112.22.333')).toBe('*****2333')
    expect(maskBsn('10000008')).toBe('*****0008')
    expect(maskBsn('123')).toBe('***')
  })

  it('BsnSchema parses to 9 digits and reports i18n keys', () => {
    expect(BsnSchema.parse('1112 22 333')).toBe('111222333')
    expect(BsnSchema.parse('10000008')).toBe('010000008')
    const messages = (value: unknown) => {
      const r = BsnSchema.safeParse(value)
      return r.success ? [] : r.error.issues.map((i) => i.message)
    }
    expect(messages('123456789')).toEqual(['scheme:validation.bsnInvalid'])
    expect(messages('1234')).toEqual(['scheme:validation.bsnLength'])
    expect(messages('12345678x')).toEqual(['scheme:validation.bsnDigitsOnly'])
    expect(messages('')).toEqual(['scheme:validation.bsnRequired'])
    expect(messages(undefined)).toEqual(['scheme:validation.bsnRequired'])
  })
})

describe('IBAN', () => {
  it('accepts valid IBANs as typed', () => {
    expect(isValidIban('NL91ABNA0417164300')).toBe(true)
    expect(isValidIban('nl91 abna 0417 1643 00')).toBe(true)
    expect(isValidIban('BE68 5390 0754 7034')).toBe(true)
    expect(isValidIban('DE89 3704 0044 0532 0130 00')).toBe(true)
  })

  it('refuses a one-character change and two swapped characters', () => {
    expect(isValidIban('NL91ABNA0417164301')).toBe(false)
    expect(isValidIban('NL91ABNA0417163400')).toBe(false)
    expect(isValidIban('NL92ABNA0417164300')).toBe(false)
  })

  it('names what is wrong', () => {
    expect(ibanIssue('')).toBe('ibanRequired')
    expect(ibanIssue(null)).toBe('ibanRequired')
    expect(ibanIssue('XX91ABNA0417164300')).toBe('ibanCountry')
    expect(ibanIssue('1234567')).toBe('ibanCountry')
    expect(ibanIssue('NL91ABNA041716430')).toBe('ibanLength')
    expect(ibanIssue('NL91ABNA0417164301')).toBe('ibanInvalid')
    expect(ibanIssue('NL91ABNA0417164300')).toBeNull()
  })

  it('normalises, formats and masks', () => {
    expect(normaliseIban(' nl91 abna 0417 1643 00 ')).toBe('NL91ABNA0417164300')
    expect(formatIban('NL91ABNA0417164300')).toBe('NL91 ABNA 0417 1643 00')
    expect(maskIban('nl91 abna 0417 1643 00')).toBe('NL91 **** 4300')
    expect(maskIban('NL91')).toBe('****')
  })

  it('IbanSchema parses to the electronic format and reports i18n keys', () => {
    expect(IbanSchema.parse('nl91 abna 0417 1643 00')).toBe('NL91ABNA0417164300')
    const r = IbanSchema.safeParse('NL91ABNA0417164301')
    expect(r.success).toBe(false)
    expect(r.error?.issues.map((i) => i.message)).toEqual(['scheme:validation.ibanInvalid'])
  })
})
