import type { HeadersFunction } from '@remix-run/node'

/**
 * The `headers` export of a page that looks the same to every anonymous reader (in one
 * language): browsers revalidate every time, and the server may keep the rendered page for
 * anonymous readers while the publication generation stands (ADR 0011, ADR 0033). A route
 * may use it only when nothing on the page depends on who asks; its path must also be in
 * CACHED_PAGES (server/app.ts), and the tables it shows must raise the generation.
 */
export const publicPageHeaders: HeadersFunction = () => ({
  'Cache-Control': 'public, max-age=0, must-revalidate',
  Vary: 'Accept-Language, Cookie',
})
