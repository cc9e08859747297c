import type { LoaderFunctionArgs } from '@remix-run/node'
import { packageDownload } from '~/archive/ui-download.server'
import { openPackageForStaff } from '~/archive/ui-staff.server'
import { requireStaff } from '~/auth/guards.server'
import { clientIp } from '~/utils/request.server'

/** The archive package (a zipped BagIt bag) for the archivist; logged as a download. */
export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const ctx = await requireStaff(request, context, 'archive.transfer')
  const opened = await openPackageForStaff({ ref: params.ref, actor: { id: ctx.user.id, roles: [...ctx.user.roles] }, ip: clientIp(context) })
  if (!opened) throw new Response('Not found', { status: 404 })
  return packageDownload(opened)
}
