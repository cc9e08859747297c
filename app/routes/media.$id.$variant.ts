import type { LoaderFunctionArgs } from '@remix-run/node'
import { getUser } from '~/auth/guards.server'
import { serveMedia } from '~/monument/media-serve.server'
import { clientIp } from '~/utils/request.server'

// A photo's web-sized variant ('web', 'medium', 'thumb') or a medium's WebVTT captions ('captions'),
// under the same authorisation as the medium itself.
export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const user = await getUser(request)
  return serveMedia({
    request,
    mediaId: params.id ?? '',
    variant: params.variant ?? '',
    viewer: user ? { id: user.id, roles: user.roles } : null,
    ip: clientIp(context),
  })
}
