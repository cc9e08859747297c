import type { LoaderFunctionArgs } from '@remix-run/node'
import { requireRecentAuth, requireStaff } from '~/auth/guards.server'
import { exportFiguresCsv } from '~/triage/figures.server'
import { clientIp } from '~/utils/request.server'

/** The anonymised figures as a CSV download (admins); each export is in the access log. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const ctx = await requireStaff(request, context, 'figures.export')
  // Exports need a fresh sign-in, even of anonymised figures (the house rule for every export).
  requireRecentAuth(ctx, request)
  const csv = await exportFiguresCsv({ admin: { id: ctx.user.id, roles: [...ctx.user.roles] }, ip: clientIp(context) })
  const date = new Date().toISOString().slice(0, 10)
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="hulpvragen-cijfers-${date}.csv"`,
      'Cache-Control': 'no-store',
    },
  })
}
