import type { LoaderFunctionArgs } from '@remix-run/node'
import { publicOrigin } from '~/seo/origin.server'
import { renderRobots } from '~/seo/sitemap.server'

export function loader({ request }: LoaderFunctionArgs) {
  return new Response(renderRobots(publicOrigin(request)), {
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'public, max-age=3600' },
  })
}
