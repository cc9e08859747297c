import { createRequestHandler, type ServerBuild } from '@remix-run/node'
import { describe, expect, it } from 'vitest'
import * as entry from './entry.server'
import * as root from './root'

/**
 * The real root (Layout and ErrorBoundary) and the real entry.server behind Remix's request
 * handler: a thrown error gives the branded error page in the reader's language, also when the
 * root loader itself fails (no loader data to take the language from).
 */
function handlerWith({ rootLoaderFails, pageLoaderFails }: { rootLoaderFails: boolean; pageLoaderFails: boolean }) {
  const manifestRoute = (id: string, parentId?: string) => ({
    id,
    parentId,
    path: id === 'root' ? '' : undefined,
    index: id !== 'root' || undefined,
    module: `/build/${id}.js`,
    hasLoader: true,
    hasAction: false,
    hasClientLoader: false,
    hasClientAction: false,
    hasErrorBoundary: id === 'root',
    imports: [],
  })
  const build = {
    mode: 'production',
    // The errors below are the point of the test: nothing to log.
    entry: { module: { ...entry, handleError: () => {} } },
    routes: {
      root: {
        id: 'root',
        path: '',
        module: {
          ...root,
          loader: rootLoaderFails
            ? () => {
                throw new Error('database down')
              }
            : root.loader,
        },
      },
      'routes/_index': {
        id: 'routes/_index',
        parentId: 'root',
        index: true,
        module: {
          default: () => null,
          loader: () => {
            if (pageLoaderFails) throw new Error('storage down')
            return null
          },
        },
      },
    },
    assets: {
      entry: { module: '/build/entry.client.js', imports: [] },
      routes: { root: manifestRoute('root'), 'routes/_index': manifestRoute('routes/_index', 'root') },
      url: '/build/manifest.js',
      version: 'test',
    },
    future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_singleFetch: true, v3_lazyRouteDiscovery: false },
    publicPath: '/build/',
    assetsBuildDirectory: 'public/build',
    isSpaMode: false,
  } as unknown as ServerBuild
  const handle = createRequestHandler(build, 'production')
  return (headers: Record<string, string>) => handle(new Request('http://localhost/', { headers }), { cspNonce: 'test-nonce', clientIp: '127.0.0.1' })
}

describe('the error page', () => {
  it('when the root loader fails: the branded page in the reader language, with the quick exit, the crisis lines and a way home', async () => {
    const response = await handlerWith({ rootLoaderFails: true, pageLoaderFails: false })({ 'Accept-Language': 'en-GB,en;q=0.9' })
    expect(response.status).toBe(500)
    const html = await response.text()
    expect(html).toContain('<html lang="en"')
    expect(html).toContain('<h1>Something went wrong</h1>')
    expect(html).toContain('Exit this page')
    expect(html).toContain('href="tel:113"')
    expect(html).toContain('Go to the home page')
    expect(html).not.toContain('database down')
  })

  it('when a page loader fails: the same page inside the normal layout, in Dutch by default', async () => {
    const response = await handlerWith({ rootLoaderFails: false, pageLoaderFails: true })({})
    expect(response.status).toBe(500)
    const html = await response.text()
    expect(html).toContain('<html lang="nl"')
    expect(html).toContain('<h1>Er ging iets mis</h1>')
    expect(html).toContain('Snel weg')
    expect(html).toContain('href="tel:113"')
    expect(html).toContain('Naar de startpagina')
    expect(html).not.toContain('storage down')
  })
})
