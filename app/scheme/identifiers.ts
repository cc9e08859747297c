import { electronicFormatIBAN, friendlyFormatIBAN, validateIBAN, ValidationErrorsIBAN } from 'ibantools'
import { z } from 'zod'

/**
 * BSN (burgerservicenummer) and IBAN: normalising, checking and masking. Isomorphic, so
 * the form can check as you type and the server checks again. Zod messages are i18n keys
 * in the `scheme` namespace.
 */

export type BsnIssue = 'bsnRequired' | 'bsnDigitsOnly' | 'bsnLength' | 'bsnInvalid'
export type IbanIssue = 'ibanRequired' | 'ibanCountry' | 'ibanLength' | 'ibanInvalid'

/**
 * Strips spaces, dots and dashes. An 8-digit number gets its leading 0 back: older
 * documents and spreadsheets often drop it.
 */
export function normaliseBsn(input: string): string {
  const stripped = input.replace(/[\s.\-\u2010-\u2015]/g, '')
  return /^\d{8}$/.test(stripped) ? `0${stripped}` : stripped
}

/** The 11-test: d1*9 + d2*8 + … + d8*2 − d9 is divisible by 11 (and not all zeros). */
export function isValidBsn(input: string): boolean {
  return bsnIssue(input) === null
}

/** What is wrong with a BSN as typed, or null when it passes. */
export function bsnIssue(input: string | null | undefined): BsnIssue | null {
  const bsn = normaliseBsn(input ?? '')
  if (bsn === '') return 'bsnRequired'
  if (!/^\d+$/.test(bsn)) return 'bsnDigitsOnly'
  if (bsn.length !== 9) return 'bsnLength'
  if (/^0+$/.test(bsn)) return 'bsnInvalid'
  const digits = [...bsn].map(Number)
  const sum = digits.reduce((acc, d, i) => acc + (i === 8 ? -d : d * (9 - i)), 0)
  return sum % 11 === 0 ? null : 'bsnInvalid'
}

/** Shows only the last four digits ('*****4333'), enough for someone to recognise their number. */
export function maskBsn(input: string): string {
  const bsn = normaliseBsn(input)
  if (bsn.length <= 4) return '*'.repeat(bsn.length)
  return `${'*'.repeat(bsn.length - 4)}${bsn.slice(-4)}`
}

/** Upper case, no spaces ('NL91ABNA0417164300'); '' for nothing usable. */
export function normaliseIban(input: string): string {
  return electronicFormatIBAN(input) ?? ''
}

export function isValidIban(input: string): boolean {
  return ibanIssue(input) === null
}

/** What is wrong with an IBAN as typed, or null when it passes. */
export function ibanIssue(input: string | null | undefined): IbanIssue | null {
  const iban = normaliseIban(input ?? '')
  if (iban === '') return 'ibanRequired'
  const { valid, errorCodes } = validateIBAN(iban)
  if (valid) return null
  if (errorCodes.includes(ValidationErrorsIBAN.NoIBANCountry)) return 'ibanCountry'
  if (errorCodes.includes(ValidationErrorsIBAN.WrongBBANLength)) return 'ibanLength'
  return 'ibanInvalid'
}

/** Groups of four for reading back ('NL91 ABNA 0417 1643 00'). */
export function formatIban(input: string): string {
  return friendlyFormatIBAN(normaliseIban(input)) ?? ''
}

/** Country, check digits and the last four characters ('NL91 **** 4300'). */
export function maskIban(input: string): string {
  const iban = normaliseIban(input)
  if (iban.length < 8) return '*'.repeat(iban.length)
  return `${iban.slice(0, 4)} **** ${iban.slice(-4)}`
}

const key = (issue: BsnIssue | IbanIssue) => `scheme:validation.${issue}`

/** A BSN as typed; parses to the normalised 9 digits. */
export const BsnSchema = z
  .string({ required_error: key('bsnRequired'), invalid_type_error: key('bsnRequired') })
  .superRefine((value, ctx) => {
    const issue = bsnIssue(value)
    if (issue) ctx.addIssue({ code: z.ZodIssueCode.custom, message: key(issue) })
  })
  .transform(normaliseBsn)

/** An IBAN as typed; parses to the electronic format (no spaces, upper case). */
export const IbanSchema = z
  .string({ required_error: key('ibanRequired'), invalid_type_error: key('ibanRequired') })
  .superRefine((value, ctx) => {
    const issue = ibanIssue(value)
    if (issue) ctx.addIssue({ code: z.ZodIssueCode.custom, message: key(issue) })
  })
  .transform(normaliseIban)
