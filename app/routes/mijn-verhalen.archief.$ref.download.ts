import type { LoaderFunctionArgs } from '@remix-run/node'
import { packageDownload } from '~/archive/ui-download.server'
import { openOwnPackage } from '~/archive/ui-own.server'
import { notFoundForeign, requireSurvivor } from '~/auth/guards.server'

/** Exactly the bag the archive holds, for its author. Not theirs, or not handed over: 404 (and logged as refused). */
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const ctx = await requireSurvivor(request, context)
  const opened = await openOwnPackage({ userId: ctx.user.id, ref: params.ref })
  if (!opened) throw await notFoundForeign(ctx, request, context)
  return packageDownload(opened)
}
