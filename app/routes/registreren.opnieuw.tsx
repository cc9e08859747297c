import { parseWithZod } from '@conform-to/zod'
import { data, type ActionFunctionArgs, type LoaderFunctionArgs } from '@remix-run/node'
import { useActionData } from '@remix-run/react'
import { resendConfirmation } from '~/auth/accounts.server'
import { RateLimitedError } from '~/auth/rate-limit.server'
import { EmailOnlySchema } from '~/auth/schemas'
import { EmailRequestPage } from '~/components/auth/email-request-page'
import { getPageTitle } from '~/i18n/meta.server'
import { checkHoneypot } from '~/utils/honeypot.server'
import { titleMeta } from '~/utils/meta'
import { clientIp } from '~/utils/request.server'

export const handle = { i18n: ['account', 'validation'] }
export const meta = titleMeta

export async function loader({ request }: LoaderFunctionArgs) {
  return { title: await getPageTitle(request, 'resend.title', 'account') }
}

export async function action({ request, context }: ActionFunctionArgs) {
  const formData = await request.formData()
  checkHoneypot(formData)
  const submission = parseWithZod(formData, { schema: EmailOnlySchema })
  if (submission.status !== 'success') return data({ result: submission.reply(), sent: false }, { status: 400 })
  try {
    await resendConfirmation({ email: submission.value.email, request, ip: clientIp(context) })
  } catch (error) {
    if (error instanceof RateLimitedError) {
      return data({ result: submission.reply({ formErrors: ['common:errors.tooManyRequests.body'] }), sent: false }, { status: 429 })
    }
    throw error
  }
  return { result: submission.reply({ resetForm: true }), sent: true }
}

export default function Page() {
  const actionData = useActionData<typeof action>()
  return <EmailRequestPage screen="resend" result={actionData?.result} sent={Boolean(actionData?.sent)} />
}
