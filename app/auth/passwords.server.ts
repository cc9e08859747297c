import { readFileSync } from 'node:fs'
import path from 'node:path'
import { z } from 'zod'

let common: Set<string> | undefined
/** The shipped list of common passwords (app/auth/common-passwords.txt), loaded once. */
function commonPasswords() {
  common ??= new Set(
    readFileSync(path.resolve('app/auth/common-passwords.txt'), 'utf8')
      .split('\n')
      .filter((l) => l && !l.startsWith('#')),
  )
  return common
}

export function isCommonPassword(password: string) {
  return commonPasswords().has(password.trim().toLowerCase())
}

/**
 * NIST/ASVS style: 8 to 128 characters, no composition rules, not on the common list.
 * Messages are i18n keys in the `account` namespace.
 */
export const NewPasswordSchema = z
  .string({ required_error: 'validation:required' })
  .min(8, 'account:password.tooShort')
  .max(128, 'account:password.tooLong')
  .refine((p) => !isCommonPassword(p), 'account:password.tooCommon')
