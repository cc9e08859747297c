import type { RouteAccess } from '~/auth/route-matrix'

/** Routes of the public face for search engines (ADR 0034): open to everyone. */
export const ROUTE_ACCESS: Record<string, RouteAccess> = {
  'robots[.]txt.ts': { path: '/robots.txt', rule: { kind: 'public' } },
  'sitemap[.]xml.ts': { path: '/sitemap.xml', rule: { kind: 'public' } },
}
