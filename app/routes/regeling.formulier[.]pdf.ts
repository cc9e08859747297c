import type { LoaderFunctionArgs } from '@remix-run/node'
import { getPaperFormPdf, paperFormLanguage } from '~/scheme/paper-form.server'

/** The printable application form (ADR 0032), public: `/regeling/formulier.pdf`, `?lang=en` for English. */
export async function loader({ request }: LoaderFunctionArgs) {
  const lng = await paperFormLanguage(request)
  const form = await getPaperFormPdf({ lng })
  if (!form) throw new Response('Not found', { status: 404 })
  return new Response(new Uint8Array(form.pdf), {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${form.fileName}"`,
      'Content-Language': lng,
      'Cache-Control': 'public, max-age=3600',
      Vary: 'Cookie, Accept-Language',
    },
  })
}
