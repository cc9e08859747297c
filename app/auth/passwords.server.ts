import { readFileSync } from 'node:fs'
import path from 'node:path'
import type { z } from 'zod'

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

function isCommonPassword(password: string) {
  return commonPasswords().has(password.trim().toLowerCase())
}

/**
 * The server's version of a form schema with a new `password`: the same rules the browser
 * checks (8–128 characters, no composition rules) plus refusal of the shipped list of
 * common passwords, which only the server has. The message is an i18n key next to the field.
 */
export function refuseCommonPasswords<T extends z.ZodType<{ password: string }>>(schema: T): z.ZodEffects<T, z.output<T>, z.input<T>> {
  return schema.superRefine((value, ctx) => {
    if (isCommonPassword(value.password)) ctx.addIssue({ code: 'custom', path: ['password'], message: 'account:password.tooCommon' })
  }) as z.ZodEffects<T, z.output<T>, z.input<T>>
}
