import { parseWithZod } from '@conform-to/zod'
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { getPageTitle } from '~/i18n/meta.server'
import { inspectToken } from './account-tokens.server'
import { resetPassword } from './password-reset.server'
import { refuseCommonPasswords } from './passwords.server'
import { InvitationAcceptSchema, NewPasswordFormSchema } from './schemas'
import { acceptInvitation } from './staff-accounts.server'

export type SetPasswordScreen = 'invitation' | 'reset'

/**
 * Loader and action for the two pages a mailed link opens to set a password: a staff
 * invitation (also asks for a name) and a password reset. The link is checked on opening and
 * again on sending; the password never comes back in the reply.
 */
export function setPasswordRoute(screen: SetPasswordScreen) {
  const purpose = screen === 'invitation' ? 'invitation' : 'resetPassword'
  return {
    loader: async ({ request, params }: LoaderFunctionArgs) => {
      const { status, row } = await inspectToken({ token: params.token ?? '', purpose })
      // Only the invitation shows the address it was sent to; a reset page shows none.
      const email = screen === 'invitation' && status === 'ok' ? row?.email ?? '' : ''
      return { status, email, title: await getPageTitle(request, `${screen}.title`, 'account') }
    },
    action: async ({ request, params }: ActionFunctionArgs) => {
      const token = params.token ?? ''
      const formData = await request.formData()
      if (screen === 'invitation') {
        const submission = parseWithZod(formData, { schema: refuseCommonPasswords(InvitationAcceptSchema) })
        if (submission.status !== 'success') return data({ result: submission.reply({ hideFields: ['password'] }), status: 'ok' as const }, { status: 400 })
        const { status } = await acceptInvitation({ token, ...submission.value })
        if (status === 'ok') return redirect('/inloggen?uitgenodigd=1')
        return { result: undefined, status }
      }
      const submission = parseWithZod(formData, { schema: refuseCommonPasswords(NewPasswordFormSchema) })
      if (submission.status !== 'success') return data({ result: submission.reply({ hideFields: ['password'] }), status: 'ok' as const }, { status: 400 })
      const status = await resetPassword({ token, password: submission.value.password })
      if (status === 'ok') return redirect('/inloggen?hersteld=1')
      return { result: undefined, status }
    },
  }
}
