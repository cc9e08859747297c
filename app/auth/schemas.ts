import { z } from 'zod'
import { STAFF_ROLES } from './roles'
import { line, optionalLine, text } from '~/utils/text-schema'
import { LOCALE_CODES } from '~/i18n/config'

/** A display name: one line, invisible junk stripped rather than refused (app/utils/text-schema.ts). */
const displayName = (required: string) => line({ max: 60, required, tooLong: 'account:register.displayNameTooLong' })

/** Shared by the browser (instant feedback) and the server (the check that counts). */
const email = z
  .string({ required_error: 'validation:required' })
  .trim()
  .max(254, 'validation:invalidEmail')
  .email('validation:invalidEmail')

/**
 * Length only here; the server also refuses passwords on the common-password list. Not trimmed:
 * every character counts. Control characters are refused (no keyboard types them).
 */
export const PasswordSchema = text({ max: 128, min: 8, trim: false, tooShort: 'account:password.tooShort', tooLong: 'account:password.tooLong' })

// Where to go after signing in: a path, checked again by safeRedirectPath. Control characters
// are stripped, because a Location header with one throws (a 500) instead of redirecting.
const redirectTo = optionalLine({ max: 2000 })

export const SignInSchema = z.object({
  email,
  password: text({ max: 128, trim: false, tooLong: 'account:password.tooLong' }),
  redirectTo,
})

export const RegisterSchema = z.object({
  email,
  displayName: displayName('account:register.displayNameRequired'),
  password: PasswordSchema,
  agree: z.literal('on', { errorMap: () => ({ message: 'account:register.agreeRequired' }) }),
})

export const EmailOnlySchema = z.object({ email })

export const NewPasswordFormSchema = z.object({ password: PasswordSchema })

export const ChangePasswordSchema = z.object({
  currentPassword: text({ max: 128, trim: false, tooLong: 'account:password.tooLong' }),
  password: PasswordSchema,
})

export const TotpCodeSchema = z.object({
  code: z
    .string({ required_error: 'validation:required' })
    .trim()
    .regex(/^\d{3}\s?\d{3}$/, 'account:secondFactor.codeFormat'),
})

export const RecoveryCodeSchema = z.object({
  recoveryCode: z
    .string({ required_error: 'validation:required' })
    .trim()
    .regex(/^[0-9a-f]{5}-?[0-9a-f]{5}$/i, 'account:secondFactor.recoveryFormat'),
})

export const InvitationAcceptSchema = z.object({
  displayName: displayName('validation:required'),
  password: PasswordSchema,
})

export const InviteStaffSchema = z.object({
  email,
  roles: z.array(z.enum(STAFF_ROLES), { required_error: 'account:admin.rolesRequired' }).min(1, 'account:admin.rolesRequired'),
})

export const PreferencesSchema = z.object({
  displayName: displayName('validation:required'),
  locale: z.enum(LOCALE_CODES),
})
