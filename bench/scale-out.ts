// Scale-out soak (ADR 0028): a standalone PostgreSQL and S3 server, three portal processes with
// RUN_WORKER=false and two workers behind haproxy; 200 readers and 20 writing survivors for
// --minutes (10 by default; `npm run test:scale-out` runs 1 with --check, which exits 1 when
// a check fails). One portal is killed (-9) halfway and started again. Prints requests, errors
// per phase, p50/p95, stories saved vs stored, a withdrawal seen by every process, and whether
// every mail job ran exactly once (SMTP deliveries = outbox rows = attempts).
//   npx tsx bench/scale-out.ts [--minutes 10] [--readers 200] [--writers 20] [--check]
import { chmod, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import postgres from 'postgres'
import sharp from 'sharp'
import { hashPassword } from '../app/auth/password.server'
import { ensureAppLoginRole, runMigrations, withCredentials } from '../db/migrate-runner'
import { newStats, percentile, reader, requestReset, signIn, state, writer, type Phase } from '../scripts/scale-out/load'
import { kill9, portalEnv, startCluster, startPortal, stopAll, type Proc } from '../scripts/scale-out/portals'
import { startHaproxy, startPostgres, startS3, startSmtpSink, PORTS } from '../scripts/scale-out/servers'
import { seedDemo, withdrawalCheck } from '../scripts/scale-out/withdrawal'

const { values: args } = parseArgs({ options: { minutes: { type: 'string', default: '10' }, readers: { type: 'string', default: '200' }, writers: { type: 'string', default: '20' }, check: { type: 'boolean', default: false } } })
const minutes = Number(args.minutes)
const dir = await mkdtemp(path.join(tmpdir(), 'portal-scale-out-'))
await chmod(dir, 0o755) // the PostgreSQL binaries run as the `postgres` OS user when we are root
const bucket = 'portal-soak'
const started: Array<{ stop: () => Promise<unknown> }> = []
const procs: Proc[] = []
const failures: string[] = []
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
// Interrupted (Ctrl-C, a CI timeout): leave no portal, worker, haproxy or PostgreSQL behind.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    state.running = false
    void stopAll(procs)
      .then(async () => {
        for (const s of started.reverse()) await s.stop().catch(() => {})
        await rm(dir, { recursive: true, force: true })
      })
      .finally(() => process.exit(130))
  })
}

try {
  const t0 = performance.now()
  const pg = await startPostgres(dir)
  started.push(pg)
  const s3 = await startS3(dir, bucket)
  started.push({ stop: async () => void s3.kill('SIGTERM') })
  const smtp = startSmtpSink()
  started.push(smtp)
  await runMigrations(pg.url)
  const appLogin = { user: 'portal_web', password: 'scale-out-app' }
  await ensureAppLoginRole(pg.url, appLogin)
  const env = portalEnv({ ownerUrl: pg.url, appUrl: withCredentials(pg.url, appLogin.user, appLogin.password), s3Endpoint: `http://127.0.0.1:${PORTS.s3}`, bucket })
  await seedDemo(env, dir)
  const sql = postgres(pg.url, { max: 2, onnotice: () => {} })
  started.push({ stop: () => sql.end() })

  // Mails are asked for only to count background jobs (each run exactly once); every soak client
  // shares one address, and the password-reset form allows one address only a few mails (5 before
  // and 5 after the kill stay within it), so more would be refused by design, not by failure.
  const MAIL_WRITERS = 5
  const writerCount = Number(args.writers)
  const writers = Array.from({ length: writerCount }, (_, i) => ({ email: `schrijver-${i}@soak.local`, password: `soak-wachtwoord-${i}-lang-genoeg` }))
  for (const w of writers) {
    const [user] = await sql<Array<{ id: string }>>`insert into users (email, password_hash, display_name, kind, email_verified_at)
      values (${w.email}, ${await hashPassword(w.password)}, 'Schrijver', 'survivor', now()) returning id`
    await sql`insert into user_roles (user_id, role) values (${user!.id}, 'survivor')`
  }
  const haproxy = await startHaproxy(dir)
  started.push({ stop: async () => void haproxy.kill('SIGTERM') })
  const cluster = await startCluster(env)
  procs.push(...cluster.portals, ...cluster.workers)
  console.log(`set-up: ${Math.round((performance.now() - t0) / 1000)} s (PostgreSQL :${PORTS.pg}, S3 :${PORTS.s3}, haproxy :${PORTS.lb}, portals ${PORTS.portals.join(', ')}, 2 workers)`)

  const withdrawal = await withdrawalCheck.prepare(sql)
  const readSlugs = (await sql<Array<{ slug: string }>>`select slug from stories where status = 'published' and slug <> ${withdrawal.slug} order by slug limit 10`).map((r) => r.slug)
  const photo = await sharp({ create: { width: 640, height: 480, channels: 3, background: '#8899aa' } }).jpeg().toBuffer()
  const cookies = await Promise.all(writers.map((w) => signIn(w.email, w.password)))
  const stats = newStats()
  const saved = new Set<string>()
  const uploads = { ok: 0, refused: {} as Record<string, number> }
  let mailsAsked = 0
  mailsAsked += (await Promise.all(writers.slice(0, MAIL_WRITERS).map((w) => requestReset(stats, w.email)))).filter(Boolean).length

  const loops = [
    ...Array.from({ length: Number(args.readers) }, () => reader(stats, readSlugs)),
    ...cookies.map((c) => writer(stats, c, photo, saved, uploads)),
  ]
  const soakStart = performance.now()
  await sleep((minutes * 60_000) / 2)
  state.phase = 'kill'
  const victim = cluster.portals[1]!
  await kill9(victim)
  console.log(`${Math.round((performance.now() - soakStart) / 1000)} s: portal2 killed (-9)`)
  await sleep(5_000)
  procs.splice(procs.indexOf(victim), 1, await startPortal(env, 1))
  await sleep(5_000) // haproxy's health check takes it back (rise 2, inter 2 s)
  state.phase = 'after'
  console.log(`${Math.round((performance.now() - soakStart) / 1000)} s: portal2 back`)
  mailsAsked += (await Promise.all(writers.slice(0, MAIL_WRITERS).map((w) => requestReset(stats, w.email)))).filter(Boolean).length
  await sleep(Math.max(0, minutes * 60_000 * 0.75 - (performance.now() - soakStart)))
  const withdrawn = await withdrawalCheck.run(withdrawal)
  await sleep(Math.max(0, minutes * 60_000 - (performance.now() - soakStart)))
  state.running = false
  await Promise.all(loops)
  const soakSeconds = (performance.now() - soakStart) / 1000

  // The mail jobs: wait until the outbox is worked off (the workers poll every few seconds).
  for (let i = 0; i < 120; i++) {
    const [q] = await sql<Array<{ n: number }>>`select count(*)::int as n from mail_outbox where status = 'queued'`
    if (q?.n === 0) break
    await sleep(1000)
  }
  const [mail] = await sql<Array<{ rows: number; attempts: number; sent: number; maxAttempts: number }>>`
    select count(*)::int as rows, coalesce(sum(attempts), 0)::int as attempts, count(*) filter (where status = 'sent')::int as sent,
      coalesce(max(attempts), 0)::int as "maxAttempts" from mail_outbox`
  const [stored] = await sql<Array<{ n: number; media: number }>>`
    select count(*)::int as n, (select count(*)::int from story_media m join stories s on s.id = m.story_id where s.title like 'Soak %') as media
    from stories where title like 'Soak %'`

  const phases: Phase[] = ['before', 'kill', 'after']
  const all = phases.flatMap((p) => stats[p].latencies).sort((a, b) => a - b)
  const served = phases.reduce((n, p) => n + stats[p].ok, 0)
  console.log(`\nsoak: ${soakSeconds.toFixed(0)} s, ${args.readers} readers + ${writerCount} writers through haproxy`)
  console.log(`requests served: ${served} (${(served / soakSeconds).toFixed(1)}/s); p50 ${percentile(all, 50).toFixed(0)} ms, p95 ${percentile(all, 95).toFixed(0)} ms`)
  for (const p of phases) {
    const errors = Object.entries(stats[p].errors)
    console.log(`  ${p.padEnd(6)} ok ${stats[p].ok}${stats[p].retried ? ` (${stats[p].retried} sent again on a closed kept-alive connection)` : ''}, errors ${errors.reduce((n, [, v]) => n + v, 0)}${errors.length ? `: ${errors.map(([k, v]) => `${k} ×${v}`).join(', ')}` : ''}`)
  }
  const killSaveErrors = Object.entries(stats.kill.errors).filter(([k]) => k.startsWith('save step')).reduce((n, [, v]) => n + v, 0)
  console.log(`stories saved: ${saved.size} (client) / ${stored?.n} (database); photos stored: ${uploads.ok} (client) / ${stored?.media} (database)${Object.keys(uploads.refused).length ? `; refused: ${Object.entries(uploads.refused).map(([k, v]) => `${k} ×${v}`).join(', ')}` : ''}`)
  console.log(`withdrawal through portal1, next request: ${withdrawn.map((w) => `${w.name} ${w.status}`).join(', ')}`)
  console.log(`mail jobs: ${mailsAsked} asked, ${mail?.rows} in the outbox, ${mail?.attempts} handler runs, ${mail?.sent} sent, ${smtp.received.length} received by SMTP`)

  for (const p of ['before', 'after'] as const) if (Object.keys(stats[p].errors).length) failures.push(`errors outside the kill window (${p})`)
  const diff = (stored?.n ?? 0) - saved.size
  if (diff < 0 || diff > killSaveErrors) failures.push(`stories: client ${saved.size}, database ${stored?.n} (in-flight saves lost on the kill: ${killSaveErrors})`)
  // A photo the portal stored is one whose answer said so; one in flight on the killed process may
  // be stored without its answer arriving. A refused upload is neither, and must not be counted.
  const killUploadErrors = Object.entries(stats.kill.errors).filter(([k]) => k.startsWith('upload photo')).reduce((n, [, v]) => n + v, 0)
  const photoDiff = (stored?.media ?? 0) - uploads.ok
  if (photoDiff < 0 || photoDiff > killUploadErrors) failures.push(`photos: client ${uploads.ok}, database ${stored?.media} (in-flight uploads lost on the kill: ${killUploadErrors})`)
  const refusedOutsideKill = Object.keys(uploads.refused).filter((k) => !k.startsWith('kill'))
  if (refusedOutsideKill.length) failures.push(`uploads refused outside the kill window: ${refusedOutsideKill.join(', ')}`)
  if (withdrawn.some((w) => w.status === 200)) failures.push('a process still served the withdrawn story')
  if (mail?.rows !== mailsAsked || mail.attempts !== mail.rows || mail.sent !== mail.rows || smtp.received.length !== mail.rows) failures.push('mail jobs did not run exactly once each')
} catch (error) {
  failures.push(error instanceof Error ? (error.stack ?? error.message) : String(error))
  for (const p of procs) console.log(`--- ${p.name} (last lines)\n${p.log.join('').slice(-1500)}`)
} finally {
  state.running = false
  await stopAll(procs)
  for (const s of started.reverse()) await s.stop().catch(() => {})
  await rm(dir, { recursive: true, force: true })
}
if (failures.length) console.log(`\nFAILED:\n- ${failures.join('\n- ')}`)
else console.log('\nall checks held')
process.exit(args.check && failures.length ? 1 : 0)
