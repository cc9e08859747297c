import type { LoaderFunctionArgs } from '@remix-run/node'
import { getUser } from '~/auth/guards.server'
import { serveMedia } from '~/monument/media-serve.server'
import { clientIp } from '~/utils/request.server'

// A story's photo, audio or video, streamed through the portal after an authorisation check
// on every request (never a bucket URL). Range requests are answered with 206 so video seeks.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await getUser(request)
  return serveMedia({ request, mediaId: params.id ?? '', viewer: user ? { id: user.id, roles: user.roles } : null, ip: clientIp(context) })
}
