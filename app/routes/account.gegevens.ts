import { createReadableStreamFromReadable, redirect, type ActionFunctionArgs } from '@remix-run/node'
import { createDataExport } from '~/auth/account-data.server'
import { requireSession } from '~/auth/guards.server'
import { clientIp } from '~/utils/request.server'

/** POST: the person's own data as a zip (a download, never cached). */
export async function action({ request, context }: ActionFunctionArgs) {
  const ctx = await requireSession(request)
  const zip = await createDataExport({ userId: ctx.user.id, ip: clientIp(context) })
  const date = new Date().toISOString().slice(0, 10)
  return new Response(createReadableStreamFromReadable(zip), {
    headers: {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="mijn-gegevens-${date}.zip"`,
      'Cache-Control': 'no-store',
    },
  })
}

export function loader() {
  return redirect('/account')
}
