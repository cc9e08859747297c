// A 1 GiB video upload through the portal (multipart, busboy, type by magic bytes, streamed
// to S3) against a direct streamed PutObject to the same S3 server, in one run. Samples the
// portal process's resident memory while it works. Prints figures only.
// Usage: npx remix build && npx tsx bench/media-upload.ts [--mib 1024]
import { spawn } from 'node:child_process'
import { readFileSync } from 'node:fs'
import path from 'node:path'
import { Readable } from 'node:stream'
import { createStorage } from '../storage/index'
import { freePort } from '../scripts/free-port'
import { arg, startDatabase } from './monument-harness'

const MIB = 1024 * 1024
const sizeMiB = arg('mib', 1024)
const total = sizeMiB * MIB

/** An MP4 'ftyp' box (so the portal recognises a video), then filler, in 1 MiB chunks. */
function* videoBytes() {
  const ftyp = Buffer.from('000000186674797069736f6d0000020069736f6d69736f32', 'hex')
  const chunk = Buffer.alloc(MIB, 7)
  yield ftyp
  let sent = ftyp.length
  while (sent < total) {
    const n = Math.min(MIB, total - sent)
    yield n === MIB ? chunk : chunk.subarray(0, n)
    sent += n
  }
}

function rssMiB(pid: number) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8')
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024
}

const db = await startDatabase()
const dataDir = path.join(db.dir, 'portal')
const [port, s3Port] = [await freePort(), await freePort()]
const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
  env: { ...process.env, APP_ENV: 'development', DATABASE_URL: db.url, DATA_DIR: dataDir, PORT: String(port), EMBEDDED_S3_PORT: String(s3Port), RUN_WORKER: 'false', LOG_LEVEL: 'warn', RATE_LIMIT_WRITES_PER_MINUTE: '100000' },
  stdio: ['ignore', 'ignore', 'inherit'],
})
const base = `http://127.0.0.1:${port}`
try {
  for (let i = 0; i < 600; i++) {
    if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) break
    await new Promise((r) => setTimeout(r, 100))
  }
  // Sign in as the demo survivor (no second factor) and start a draft story.
  const signIn = await fetch(`${base}/inloggen?index`, {
    method: 'POST',
    body: new URLSearchParams({ email: 'overlevende@demo.local', password: 'herinnering-overlevende-demo' }),
    redirect: 'manual',
  })
  const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!
  const created = await fetch(`${base}/mijn-verhalen/nieuw`, { method: 'POST', headers: { cookie }, redirect: 'manual' })
  const storyPath = new URL(created.headers.get('location')!, base).pathname.replace(/\/$/, '')

  await new Promise((r) => setTimeout(r, 1000))
  const idle = rssMiB(child.pid!)
  let peak = idle
  const sampler = setInterval(() => (peak = Math.max(peak, rssMiB(child.pid!))), 50)

  const boundary = `----bench${Date.now()}`
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="media"; filename="video.mp4"\r\nContent-Type: video/mp4\r\n\r\n`)
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`)
  const body = Readable.toWeb(Readable.from((function* () { yield head; yield* videoBytes(); yield tail })())) as ReadableStream
  const t0 = performance.now()
  const upload = await fetch(`${base}${storyPath}/media`, {
    method: 'POST',
    headers: { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
    body,
    duplex: 'half',
    redirect: 'manual',
  } as RequestInit)
  const portalSeconds = (performance.now() - t0) / 1000
  clearInterval(sampler)
  const stored = (upload.headers.get('location') ?? '').includes('mediaAdded')

  const storage = createStorage({ endpoint: `http://127.0.0.1:${s3Port}`, region: 'eu-west-1', bucket: 'portal-media', accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER', forcePathStyle: true })
  const t1 = performance.now()
  await storage.put({ key: 'bench/direct.mp4', body: Readable.from(videoBytes()), contentType: 'video/mp4' })
  const directSeconds = (performance.now() - t1) / 1000
  storage.destroy()

  console.log(`upload of ${sizeMiB} MiB (${stored ? 'stored as a story video' : `NOT stored: ${upload.status} ${upload.headers.get('location')}`})`)
  console.log(`portal (multipart → type check → S3):  ${portalSeconds.toFixed(1)} s, ${(sizeMiB / portalSeconds).toFixed(0)} MiB/s`)
  console.log(`direct streamed PutObject (same S3):   ${directSeconds.toFixed(1)} s, ${(sizeMiB / directSeconds).toFixed(0)} MiB/s`)
  console.log(`portal throughput = ${((directSeconds / portalSeconds) * 100).toFixed(0)} % of direct`)
  console.log(`portal memory: idle ${idle.toFixed(0)} MiB, peak ${peak.toFixed(0)} MiB, +${(peak - idle).toFixed(0)} MiB during the upload (goal < 200 MB)`)
} finally {
  child.kill('SIGTERM')
  await new Promise((r) => child.once('exit', r))
  await db.stop()
}
