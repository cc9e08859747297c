// `npm run audit:verify`: recomputes the access log's hash chain from the stored rows and
// exits 1 when it is broken (a row edited, removed or inserted outside the triggers).
// Connects to DATABASE_URL, or to the embedded database (started here if the portal is
// not running). Keep the printed last hash outside the database: a later run that no
// longer reaches it means rows were cut off the end.
import postgres from 'postgres'
import { verifyAuditChain } from '../app/audit/chain.server'
import { isPortFree } from '../db/embedded'
import { prepareRuntime } from '../server/runtime'

const portalRunning =
  !process.env.DATABASE_URL && !(await isPortFree(Number(process.env.EMBEDDED_PG_PORT ?? 5433)))
const runtime = await prepareRuntime({ log: (m) => console.log(m), migrate: false, startEmbedded: !portalRunning })
const sql = postgres(runtime.env.DATABASE_URL, { max: 1, onnotice: () => {} })
let exitCode = 1
try {
  const t0 = performance.now()
  const result = await verifyAuditChain({ sql })
  const ms = Math.round(performance.now() - t0)
  if (result.ok) {
    console.log(`audit log intact: ${result.checked} rows checked in ${ms} ms; last hash ${result.lastHash}`)
    exitCode = 0
  } else {
    console.error(`audit log BROKEN at id ${result.firstBrokenId}: ${result.reason} (${result.checked} rows before it are intact)`)
  }
} catch (error) {
  console.error('audit log could not be verified:', error instanceof Error ? error.message : error)
} finally {
  await sql.end()
  await runtime.stop()
}
process.exit(exitCode)
