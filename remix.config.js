// REMIX_OUT_DIR puts the server build and the browser assets under one folder of its own, so
// two checkouts' test runs on one machine (or parallel e2e runs) do not overwrite each other's
// build. The server reads the same variable (server/build-paths.js).
const out = process.env.REMIX_OUT_DIR

/** @type {import('@remix-run/dev').AppConfig} */
export default {
  serverBuildPath: out ? `${out}/index.js` : 'build/index.js',
  assetsBuildDirectory: out ? `${out}/public/build` : 'public/build',
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
