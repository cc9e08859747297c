import type { LoaderFunctionArgs } from '@remix-run/node'
import { Readable } from 'node:stream'
import { notFoundForeign, requireSurvivor } from '~/auth/guards.server'
import { getSubmissionPdf } from '~/scheme/submission-copy.server'

/** The applicant's PDF copy of what they submitted. Someone else's id answers 404 (and is logged). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireSurvivor(request, context)
  const pdf = await getSubmissionPdf({ userId: ctx.user.id, applicationId: params.id ?? '' })
  if (!pdf) throw await notFoundForeign(ctx, request, context)
  return new Response(Readable.toWeb(pdf.body) as ReadableStream, {
    headers: {
      'Content-Type': 'application/pdf',
      'Content-Disposition': `attachment; filename="${pdf.fileName}"`,
      'Cache-Control': 'private, no-store',
    },
  })
}
