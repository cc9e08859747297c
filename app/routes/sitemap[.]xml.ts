import type { LoaderFunctionArgs } from '@remix-run/node'
import { publicOrigin } from '~/seo/origin.server'
import { renderSitemap } from '~/seo/sitemap.server'

export async function loader({ request }: LoaderFunctionArgs) {
  return new Response(await renderSitemap(publicOrigin(request)), {
    // Directory entries come and go: a crawler may keep this an hour.
    headers: { 'Content-Type': 'application/xml; charset=utf-8', 'Cache-Control': 'public, max-age=3600' },
  })
}
