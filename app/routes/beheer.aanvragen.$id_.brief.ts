import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node'
import { requireStaff } from '~/auth/guards.server'
import { getLetterPdf } from '~/intake/pages.server'
import { WelcomeLetterSchema } from '~/intake/schemas'
import { clientIp } from '~/utils/request.server'

/**
 * Letters for posting to an applicant without an account (ADR 0031). GET: the current status.
 * POST (from the page shown right after registering): the first letter, with the letter code.
 * `?taal=en` for a letter in English.
 */
function pdfResponse(letter: { pdf: Buffer; fileName: string }) {
  return new Response(new Uint8Array(letter.pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${letter.fileName}"`,
      'Cache-Control': 'private, no-store',
    },
  })
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireStaff(request, context, 'applications.register')
  const lng = new URL(request.url).searchParams.get('taal')
  const letter = await getLetterPdf({
    staff: { id: ctx.user.id, roles: ctx.user.roles },
    applicationId: params.id ?? '',
    lng,
    ip: clientIp(context),
  })
  if (!letter) throw new Response('Not Found', { status: 404 })
  return pdfResponse(letter)
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const ctx = await requireStaff(request, context, 'applications.register')
  const form = await request.formData().catch(() => new FormData())
  const parsed = WelcomeLetterSchema.safeParse(Object.fromEntries(form))
  if (!parsed.success) throw new Response('Bad Request', { status: 400 })
  const lng = new URL(request.url).searchParams.get('taal')
  const letter = await getLetterPdf({
    staff: { id: ctx.user.id, roles: ctx.user.roles },
    applicationId: params.id ?? '',
    code: parsed.data.code,
    lng,
    ip: clientIp(context),
  })
  if (!letter) throw new Response('Not Found', { status: 404 })
  return pdfResponse(letter)
}
