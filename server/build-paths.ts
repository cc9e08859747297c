/**
 * Where `npm run build` put its output: `build/` and `public/build/` by default, or one folder
 * of its own when REMIX_OUT_DIR is set (remix.config.js reads the same variable), so parallel
 * test runs on one machine do not replace each other's assets mid-run.
 */
export function buildPaths(out = process.env.REMIX_OUT_DIR) {
  return out
    ? { serverBuild: `${out}/index.js`, assets: `${out}/public/build` }
    : { serverBuild: 'build/index.js', assets: 'public/build' }
}

/** The compiled Node entry points (scripts/build-server.ts): `build/server/index.js` and its siblings. */
export function hostBuildDir(out = process.env.REMIX_OUT_DIR) {
  return `${out ?? 'build'}/server`
}
