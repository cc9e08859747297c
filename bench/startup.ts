// Time from starting the portal process to a healthy /healthz, cold (empty data folder:
// initdb, migrations, seed) and warm (the same folder again). Prints figures only.
// Usage: npx tsx bench/startup.ts   (expects a prior `npm run build`)
import { spawn } from 'node:child_process'
import { rmSync } from 'node:fs'

const PORT = 3900
const dataDir = '.data/bench-startup'

async function startOnce(label: string) {
  const t0 = performance.now()
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    env: { ...process.env, PORT: String(PORT), DATA_DIR: dataDir, EMBEDDED_PG_PORT: '5499', EMBEDDED_S3_PORT: '4599', LOG_LEVEL: 'warn' },
    stdio: 'ignore',
  })
  let ready = false
  for (let i = 0; i < 600 && !ready; i++) {
    try {
      ready = (await fetch(`http://localhost:${PORT}/healthz`)).ok
    } catch {
      await new Promise((r) => setTimeout(r, 100))
    }
  }
  const ms = performance.now() - t0
  console.log(`${label.padEnd(6)} ${ready ? `${(ms / 1000).toFixed(2)} s to a healthy /healthz` : 'did not become healthy'}`)
  child.kill('SIGTERM')
  await new Promise((r) => child.once('exit', r))
}

rmSync(dataDir, { recursive: true, force: true })
await startOnce('cold')
await startOnce('warm')
rmSync(dataDir, { recursive: true, force: true })
