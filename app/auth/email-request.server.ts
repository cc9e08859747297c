import { parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { getPageTitle } from '~/i18n/meta.server'
import { checkHoneypot } from '~/utils/honeypot.server'
import { clientIp } from '~/utils/request.server'
import { RateLimitedError } from './rate-limit.server'
import { EmailOnlySchema } from './schemas'

type Send = (args: { email: string; request: Request; ip: string }) => Promise<void>

/**
 * Loader and action for a page that asks for an address and mails a link (password reset,
 * new confirmation link). The answer is the same whether or not the address is known.
 */
export function emailRequestRoute({ screen, send }: { screen: 'forgot' | 'resend'; send: Send }) {
  return {
    loader: async ({ request }: LoaderFunctionArgs) => ({ title: await getPageTitle(request, `${screen}.title`, 'account') }),
    action: async ({ request, context }: ActionFunctionArgs) => {
      const formData = await request.formData()
      checkHoneypot(formData)
      const submission = parseWithZod(formData, { schema: EmailOnlySchema })
      if (submission.status !== 'success') return data({ result: submission.reply(), sent: false }, { status: 400 })
      try {
        await send({ email: submission.value.email, request, ip: clientIp(context) })
      } catch (error) {
        if (error instanceof RateLimitedError) {
          return data({ result: submission.reply({ formErrors: ['common:errors.tooManyRequests.body'] }), sent: false }, { status: 429 })
        }
        throw error
      }
      return data({ result: submission.reply({ resetForm: true }), sent: true })
    },
  }
}
