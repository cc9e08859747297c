import { createReadableStreamFromReadable, redirect, type ActionFunctionArgs } from '@remix-run/node'
import { requireRecentAuth, requireStaff } from '~/auth/guards.server'
import { createResearchExport } from '~/research/export.server'
import { ResearchExportFormSchema } from '~/research/project-form'
import { ResearchError } from '~/research/projects.server'
import { clientIp } from '~/utils/request.server'

/** A researcher's dataset as a zip download (POST: every export is recorded). */
export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireStaff(request, context, 'research.export')
  // Exports need a fresh sign-in; afterwards back to the page with the form, not to this POST-only URL.
  requireRecentAuth(ctx, new Request(new URL('/beheer/onderzoek', request.url)))
  const form = await request.formData().catch(() => null)
  const parsed = ResearchExportFormSchema.safeParse(form ? Object.fromEntries(form) : {})
  // Only a tampered form gets here: the page offers a fixed project and two formats.
  if (!parsed.success) return new Response('Bad request', { status: 400 })
  try {
    const result = await createResearchExport({ researcher: { id: ctx.user.id, roles: [...ctx.user.roles] }, projectId: parsed.data.projectId, format: parsed.data.format, ip: clientIp(context) })
    return new Response(createReadableStreamFromReadable(result.stream), {
      headers: {
        'Content-Type': 'application/zip',
        'Content-Disposition': `attachment; filename="${result.filename}"`,
        'Cache-Control': 'no-store',
      },
    })
  } catch (e) {
    if (e instanceof ResearchError) return redirect(`/beheer/onderzoek?fout=${e.messageKey === 'errors.inactive' ? 'inactive' : 'notOnProject'}`)
    throw e
  }
}
