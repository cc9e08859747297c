import { z } from 'zod'
import { STAFF_ROLES } from './roles'

/** Shared by the browser (instant feedback) and the server (the check that counts). */
const email = z
  .string({ required_error: 'validation:required' })
  .trim()
  .max(254, 'validation:invalidEmail')
  .email('validation:invalidEmail')

/** Length only here; the server also refuses passwords on the common-password list. */
export const PasswordSchema = z
  .string({ required_error: 'validation:required' })
  .min(8, 'account:password.tooShort')
  .max(128, 'account:password.tooLong')

export const SignInSchema = z.object({
  email,
  password: z.string({ required_error: 'validation:required' }).max(128, 'account:password.tooLong'),
  redirectTo: z.string().optional(),
})

export const RegisterSchema = z.object({
  email,
  displayName: z
    .string({ required_error: 'account:register.displayNameRequired' })
    .trim()
    .min(1, 'account:register.displayNameRequired')
    .max(60, 'account:register.displayNameTooLong'),
  password: PasswordSchema,
  agree: z.literal('on', { errorMap: () => ({ message: 'account:register.agreeRequired' }) }),
})

export const EmailOnlySchema = z.object({ email })

export const NewPasswordFormSchema = z.object({ password: PasswordSchema })

export const ChangePasswordSchema = z.object({
  currentPassword: z.string({ required_error: 'validation:required' }).max(128),
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
  displayName: z.string({ required_error: 'validation:required' }).trim().min(1, 'validation:required').max(60),
  password: PasswordSchema,
})

export const InviteStaffSchema = z.object({
  email,
  roles: z.array(z.enum(STAFF_ROLES), { required_error: 'account:admin.rolesRequired' }).min(1, 'account:admin.rolesRequired'),
})

export const PreferencesSchema = z.object({
  displayName: z.string({ required_error: 'validation:required' }).trim().min(1, 'validation:required').max(60, 'account:register.displayNameTooLong'),
  locale: z.enum(['nl', 'en']),
})
