/**
 * The public face in one table (ADR 0034): for each public page, whether search engines may
 * index it and whether it ships JavaScript. Isomorphic on purpose: the root layout reads it on
 * server and client, the sitemap and robots.txt read it, and the JavaScript budget test
 * (js-budget.test.ts) renders every page listed here.
 *
 * - `indexed`: listed in sitemap.xml, `index` in the robots meta, canonical and hreflang links.
 *   Stories and the story listing never: survivors consented to the monument, not to search
 *   engines.
 * - `scripts: false`: a reading page. It renders no Remix scripts at all (forms on it are plain
 *   HTML forms that work without JavaScript anyway); a few hundred bytes of inline script keep
 *   the quick exit's Escape shortcut and history replacement (quick-exit-script.ts).
 * - `description`: key of the meta description in `common:seo.descriptions`.
 */
export type PublicPage = {
  routeId: string
  /** A path that shows the page (for the budget test; `$slug` pages get a real slug there). */
  path: string
  indexed: boolean
  scripts: boolean
  description: string
}

export const PUBLIC_PAGES: readonly PublicPage[] = [
  { routeId: 'routes/_index', path: '/', indexed: true, scripts: false, description: 'home' },
  { routeId: 'routes/hulp._index', path: '/hulp', indexed: true, scripts: false, description: 'help' },
  { routeId: 'routes/hulp.$slug', path: '/hulp/$slug', indexed: true, scripts: false, description: 'helpEntry' },
  { routeId: 'routes/hulp.professionals', path: '/hulp/professionals', indexed: true, scripts: false, description: 'professionals' },
  { routeId: 'routes/regeling._index', path: '/regeling', indexed: true, scripts: false, description: 'scheme' },
  { routeId: 'routes/over', path: '/over', indexed: true, scripts: false, description: 'about' },
  { routeId: 'routes/contact', path: '/contact', indexed: true, scripts: false, description: 'contact' },
  { routeId: 'routes/privacy', path: '/privacy', indexed: true, scripts: false, description: 'privacy' },
  { routeId: 'routes/toegankelijkheid', path: '/toegankelijkheid', indexed: true, scripts: false, description: 'accessibility' },
  { routeId: 'routes/verhalen.rapporten', path: '/verhalen/rapporten', indexed: true, scripts: false, description: 'reports' },
  { routeId: 'routes/verhalen._index', path: '/verhalen', indexed: false, scripts: false, description: 'stories' },
  { routeId: 'routes/verhalen.$slug', path: '/verhalen/$slug', indexed: false, scripts: false, description: 'stories' },
  { routeId: 'routes/verhalen.cijfers', path: '/verhalen/cijfers', indexed: false, scripts: false, description: 'figures' },
  // The documentary: reading pages with their own inline reading script (documentary/reading-script.ts).
  { routeId: 'routes/documentaire._index', path: '/documentaire', indexed: false, scripts: false, description: 'stories' },
  { routeId: 'routes/documentaire.$chapter', path: '/documentaire/$chapter', indexed: false, scripts: false, description: 'stories' },
]

const byRouteId = new Map(PUBLIC_PAGES.map((p) => [p.routeId, p]))

export function publicPage(routeId: string | undefined): PublicPage | undefined {
  return routeId ? byRouteId.get(routeId) : undefined
}

/** The budget for a reading page's JavaScript, gzipped, as its script tags load it (issue 15). */
export const READING_PAGE_JS_BUDGET_BYTES = 60 * 1024
