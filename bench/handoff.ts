// Hand-off under faults: N confirmed cases are delivered from the transactional outbox to
// the reference receiver while it fails 30 % and times out 5 % of requests, and the
// delivering worker process is killed (SIGKILL) and restarted once midway. Checks that
// every case arrived and that none was processed twice (receiver-side effects per webhook
// id), and prints throughput and run time. Its own embedded PostgreSQL; the receiver runs
// in this process, the deliverer in a child process (so it can be killed).
//
// Usage: npx tsx bench/handoff.ts [--cases 10000] [--fail 0.3] [--timeouts 0.05] [--in-flight 96] [--batch 32]
import { fork, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import postgres from 'postgres'
import { freePort } from '../scripts/free-port'
import { arg } from './monument-harness'

const WORKER_FLAG = '--worker'
const CLIENT_TIMEOUT_MS = 2000
// Requests in flight at once, and rows per claim. A hanging request (5 %, up to the 2 s client
// timeout) holds one of these slots; with 48 one-at-a-time lanes those holds alone capped the
// run near 48 / (0.05 × 2 s) ≈ 480 attempts/s, before seven database round trips per delivery.
const IN_FLIGHT = arg('in-flight', 96)
const CLAIM_BATCH = arg('batch', 32)



const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

// CPU time, the figure that does not depend on what else the machine is doing: on a shared
// machine the wall-clock rate mostly measures the neighbours. Linux /proc, clock ticks of 10 ms.
const TICK_MS = 10
function procStat(pid: number | string): { ppid: number; own: number; children: number } | null {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8')
    const f = text.slice(text.lastIndexOf(')') + 2).split(' ')
    return { ppid: Number(f[1]), own: (Number(f[11]) + Number(f[12])) * TICK_MS, children: (Number(f[13]) + Number(f[14])) * TICK_MS }
  } catch {
    return null
  }
}
/** CPU ms of a process tree's root and its live children, plus children it already reaped. */
function treeCpuMs(rootPid: number): number {
  const root = procStat(rootPid)
  if (!root) return 0
  let total = root.own + root.children
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    const st = procStat(entry)
    if (st?.ppid === rootPid) total += st.own + st.children
  }
  return total
}
/** The embedded PostgreSQL's postmaster: the process whose command line names its data folder. */
function postmasterPid(dataDir: string): number | null {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0').includes(dataDir)) return Number(entry)
    } catch {
      // gone meanwhile
    }
  }
  return null
}

/** The deliverer: drains the outbox, IN_FLIGHT requests at a time, until the process is stopped or killed. */
async function runWorker() {
  const { drainHandoffOutbox } = await import('../app/assessment/handoff-delivery.server')
  const options = { timeoutMs: CLIENT_TIMEOUT_MS, lockMs: CLIENT_TIMEOUT_MS + 1500, baseBackoffMs: 200, maxBackoffMs: 2000, rawPayload: true }
  let stopping = false
  process.once('SIGTERM', () => {
    stopping = true
  })
  while (!stopping) {
    const done = await drainHandoffOutbox({ batch: CLAIM_BATCH, concurrency: IN_FLIGHT, options })
    if (done.delivered + done.retry + done.dead === 0) await sleep(100)
  }
  process.exit(0)
}

async function main() {
  const cases = arg('cases', 10_000)
  const failRate = arg('fail', 0.3)
  const timeoutRate = arg('timeouts', 0.05)
  const dir = mkdtempSync(path.join(tmpdir(), 'bench-handoff-'))
  chmodSync(dir, 0o755)

  const { startEmbeddedPostgres } = await import('../db/embedded')
  const { runMigrations } = await import('../db/migrate-runner')
  const pg = await startEmbeddedPostgres({ databaseDir: path.join(dir, 'pg'), port: await freePort(), password: 'bench-only', database: 'bench', persistent: false })
  await runMigrations(pg.url)

  const env: Record<string, string> = {
    APP_ENV: 'test',
    LOG_LEVEL: 'silent',
    DATABASE_URL: pg.url,
    S3_ENDPOINT: 'http://127.0.0.1:9',
    S3_BUCKET: 'bench-unused',
    S3_ACCESS_KEY_ID: 'x',
    S3_SECRET_ACCESS_KEY: 'x',
    SESSION_SECRET: randomBytes(32).toString('hex'),
    DATA_ENCRYPTION_KEYS: `bench1:${randomBytes(32).toString('base64')}`,
    LOOKUP_HASH_KEY: randomBytes(32).toString('base64'),
  }
  Object.assign(process.env, env)

  const { startReceiver } = await import('../scripts/schadefonds-receiver')
  const { generateWebhookSecret } = await import('../app/assessment/case-document/webhooks.server')
  const { createFieldCrypto } = await import('../app/privacy/field-crypto.server')
  const { buildSampleCaseDocument } = await import('../app/assessment/case-document/case-document.sample')
  const { JEUGDZORG_DEMO_2026 } = await import('../app/scheme/schemes')
  const secret = generateWebhookSecret()
  const receiver = await startReceiver({ port: 0, secret, dataDir: path.join(dir, 'receiver') })
  await fetch(`${receiver.url}/control`, { method: 'POST', body: JSON.stringify({ failRate, timeoutRate, timeoutMs: CLIENT_TIMEOUT_MS + 1000 }) })
  Object.assign(env, { SCHADEFONDS_URL: `${receiver.url}/cases`, SCHADEFONDS_WEBHOOK_SECRET: secret })

  // Confirmed cases with their outbox rows, inserted directly (as the confirm step leaves them).
  const sql = postgres(pg.url, { max: 4, onnotice: () => {} })
  const crypto = createFieldCrypto({ encryptionKeys: env.DATA_ENCRYPTION_KEYS!, lookupKey: env.LOOKUP_HASH_KEY! })
  const [scheme] = await sql`insert into schemes (code, version, config) values (${JEUGDZORG_DEMO_2026.code}, ${JEUGDZORG_DEMO_2026.version}, ${sql.json(JEUGDZORG_DEMO_2026)}) returning id`
  const t0 = performance.now()
  for (let start = 0; start < cases; start += 1000) {
    const apps = Array.from({ length: Math.min(1000, cases - start) }, (_, i) => ({
      scheme_id: scheme!.id as string,
      reference: `JZ-2026-${String(start + i).padStart(6, '0')}`,
      status: 'confirmed',
    }))
    const inserted = await sql`insert into applications ${sql(apps)} returning id, reference`
    const rows = inserted.map((a) => {
      const doc = buildSampleCaseDocument({ caseId: a.id as string, reference: a.reference as string })
      return { application_id: a.id, case_version: 1, webhook_id: `case_${a.id}_v1`, payload_encrypted: crypto.encryptField(JSON.stringify(doc)) }
    })
    await sql`insert into handoff_outbox ${sql(rows)}`
  }
  console.log(`prepared ${cases} confirmed cases in ${((performance.now() - t0) / 1000).toFixed(1)} s`)

  const self = fileURLToPath(import.meta.url)
  const startWorker = () => fork(self, [WORKER_FLAG, ...process.argv.slice(2)], { env: { ...process.env, ...env }, execArgv: ['--import', 'tsx'], stdio: 'inherit' })
  const delivered = async () => Number((await sql`select count(*)::int as n from handoff_outbox where status = 'delivered'`)[0]!.n)

  const pgPid = postmasterPid(path.join(dir, 'pg'))
  const pgCpuBefore = pgPid ? treeCpuMs(pgPid) : 0
  const mainCpuBefore = process.cpuUsage()
  let workerCpuMs = 0
  const started = performance.now()
  let worker: ChildProcess = startWorker()
  let killedAt: number | null = null
  const deadline = started + 8 * 60_000
  for (;;) {
    await sleep(250)
    const n = await delivered()
    if (process.env.BENCH_PROGRESS && Math.round(performance.now() - started) % 2000 < 250) console.log(`  ${((performance.now() - started) / 1000).toFixed(1)} s: ${n} delivered`)
    if (killedAt === null && n >= cases / 2) {
      workerCpuMs += procStat(worker.pid!)?.own ?? 0
      worker.kill('SIGKILL')
      await new Promise((r) => worker.once('exit', r))
      killedAt = n
      console.log(`worker killed (SIGKILL) after ${n} deliveries, ${((performance.now() - started) / 1000).toFixed(1)} s; restarting`)
      worker = startWorker()
    }
    if (n >= cases || performance.now() > deadline) break
  }
  const seconds = (performance.now() - started) / 1000
  workerCpuMs += procStat(worker.pid!)?.own ?? 0
  const mainCpu = process.cpuUsage(mainCpuBefore)
  const pgCpuMs = pgPid ? treeCpuMs(pgPid) - pgCpuBefore : 0
  worker.kill('SIGTERM')
  await new Promise((r) => worker.once('exit', r))

  const [totals] = await sql`select count(*) filter (where status = 'delivered')::int as delivered, count(*) filter (where status = 'dead')::int as dead, sum(attempts)::int as attempts from handoff_outbox`
  const [events] = await sql`select count(*)::int as n from application_events where status = 'handedOff'`
  const stats = receiver.stats()
  const lost = cases - stats.unique
  const ok = lost === 0 && stats.unique === cases && stats.processedTwice === 0 && totals!.delivered === cases
  console.log('')
  console.log(`cases                 ${cases}`)
  console.log(`faults                ${failRate * 100} % failures, ${timeoutRate * 100} % timeouts (client timeout ${CLIENT_TIMEOUT_MS} ms)`)
  console.log(`deliverer             ${IN_FLIGHT} requests in flight, claims of up to ${CLAIM_BATCH} rows`)
  console.log(`run time              ${seconds.toFixed(1)} s (worker killed once at ${killedAt ?? 'never'} delivered)`)
  console.log(`throughput            ${(cases / seconds).toFixed(1)} cases/s`)
  const perCase = (ms: number) => `${(ms / cases).toFixed(2)} ms`
  const receiverCpuMs = (mainCpu.user + mainCpu.system) / 1000
  console.log(`CPU per case          deliverer ${perCase(workerCpuMs)}, PostgreSQL ${pgPid ? perCase(pgCpuMs) : 'n/a'}, receiver and bench ${perCase(receiverCpuMs)}`)
  console.log(`delivered / dead      ${totals!.delivered} / ${totals!.dead}   (handedOff events: ${events!.n})`)
  console.log(`attempts              ${totals!.attempts} (${(totals!.attempts / cases).toFixed(2)} per case)`)
  console.log(`receiver              unique ${stats.unique}, received ${stats.received}, duplicates ${stats.duplicates}, injected failures ${stats.failedInjected}, injected timeouts ${stats.timedOutInjected}, rejected ${stats.rejected}`)
  console.log(`lost                  ${lost}`)
  console.log(`processed twice       ${stats.processedTwice}`)
  console.log(ok ? 'OK: every case arrived exactly once (effects), none processed twice' : 'FAILED: not every case arrived exactly once')

  await sql.end()
  await receiver.close()
  await pg.stop()
  rmSync(dir, { recursive: true, force: true })
  process.exit(ok ? 0 : 1)
}

if (process.argv.includes(WORKER_FLAG)) await runWorker()
else await main()
