import type { ActionFunctionArgs } from '@remix-run/node'
import { isLng } from '~/i18n/config'
import { printLetter } from '~/life-stories/interviewer.server'
import { requireInterviewer } from '~/life-stories/staff-guard.server'
import { clientIp } from '~/utils/request.server'

/**
 * The letter with a fresh code for a survivor without e-mail (ADR 0030), as a PDF download.
 * A POST, because every letter makes a new code and ends the earlier one.
 */
export async function action({ request, params, context }: ActionFunctionArgs) {
  const viewer = await requireInterviewer(request, context)
  const form = await request.formData().catch(() => new FormData())
  const lng = form.get('locale')
  const letter = await printLetter({ viewer, id: params.id ?? '', locale: typeof lng === 'string' && isLng(lng) ? lng : 'nl', request, ip: clientIp(context) })
  if (!letter) throw new Response('Not found', { status: 404 })
  return new Response(new Uint8Array(letter.pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${letter.fileName}"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
