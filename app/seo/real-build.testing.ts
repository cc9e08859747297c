import path from 'node:path'
import type { ServerBuild } from '@remix-run/node'

type AssetsManifest = ServerBuild['assets']

const { flatRoutes } = (await import('@remix-run/dev/dist/config/flat-routes.js')) as unknown as {
  flatRoutes: (appDir: string, ignored: string[]) => Record<string, { id: string; parentId?: string; path?: string; index?: boolean; caseSensitive?: boolean; file: string }>
}

/**
 * Test-only: the app's real route tree and modules, as `remix build` puts them in the server
 * build (the same construction as app/i18n/pseudo-locale.test.tsx). `assets` may be the real
 * browser manifest of a `remix build`, so the scripts a page names are the ones a browser loads.
 */
export async function realBuild(assets?: AssetsManifest): Promise<ServerBuild> {
  const files = import.meta.glob(['../routes/*.ts', '../routes/*.tsx', '!../routes/*.test.*'])
  const routes: Record<string, { id: string; parentId?: string; path?: string; index?: boolean; caseSensitive?: boolean; module: Record<string, unknown> }> = {
    root: { id: 'root', path: '', module: await import('~/root') },
  }
  for (const route of Object.values(flatRoutes(path.resolve('app'), ['**/.*', '**/*.test.{ts,tsx}']))) {
    const load = files[`../${route.file}`]
    if (!load) throw new Error(`no module for ${route.file}`)
    routes[route.id] = { id: route.id, parentId: route.parentId ?? 'root', path: route.path, index: route.index, caseSensitive: route.caseSensitive, module: (await load()) as Record<string, unknown> }
  }
  const manifest = Object.fromEntries(
    Object.values(routes).map((r) => [
      r.id,
      {
        id: r.id,
        parentId: r.id === 'root' ? undefined : r.parentId,
        path: r.path,
        index: r.index,
        module: `/build/${r.id}.js`,
        hasLoader: 'loader' in r.module,
        hasAction: 'action' in r.module,
        hasClientLoader: false,
        hasClientAction: false,
        hasErrorBoundary: 'ErrorBoundary' in r.module,
        imports: [],
      },
    ]),
  )
  return {
    mode: 'production',
    entry: { module: await import('~/entry.server') },
    routes,
    assets: assets ?? { entry: { module: '/build/entry.client.js', imports: [] }, routes: manifest, url: '/build/manifest.js', version: 'test' },
    future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_singleFetch: true, v3_lazyRouteDiscovery: false },
    publicPath: '/build/',
    assetsBuildDirectory: 'public/build',
    isSpaMode: false,
  } as unknown as ServerBuild
}
