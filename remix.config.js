/** @type {import('@remix-run/dev').AppConfig} */
export default {
  ignoredRouteFiles: ['**/.*', '**/*.test.{ts,tsx}'],
  serverModuleFormat: 'esm',
  serverPlatform: 'node',
  // These packages are ESM-only or must not be bundled twice; the server bundle imports them.
  serverDependenciesToBundle: [/^remix-i18next.*/],
  future: {
    v3_fetcherPersist: true,
    v3_relativeSplatPath: true,
    v3_throwAbortReason: true,
    // Off on purpose: with lazy discovery every <Link> runs route matching during SSR, which
    // cost ~15% of the CPU per page (bench/story-page.ts profile); ~80 routes fit in one manifest.
    v3_lazyRouteDiscovery: false,
    v3_singleFetch: true,
  },
}
