// Story page throughput: the real portal rendering one published story, against a plain
// node:http server (a process of its own, like the portal) that returns the very same HTML
// bytes, in one run. Prints figures only.
// Usage: npx remix build && npx tsx bench/story-page.ts [--requests 10000] [--concurrency 20] [--warmup 3000]
import { spawn } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import postgres from 'postgres'
import { freePort } from '../scripts/free-port'
import { arg, httpTask, measure, seedStories, startDatabase, startPortal } from './monument-harness'

const REQUESTS = arg('requests', 10_000)
const CONCURRENCY = arg('concurrency', 20)
// Both servers are measured warm (the JIT has seen their hot paths), as in production.
const WARMUP = arg('warmup', 3000)

const database = await startDatabase()
let portal: Awaited<ReturnType<typeof startPortal>> | undefined
let staticServer: ReturnType<typeof spawn> | undefined
try {
  await seedStories(database.url, 200, (s) => console.log(s))
  const sql = postgres(database.url, { max: 1, onnotice: () => {} })
  // A public story without a content note, so the page carries the whole story.
  const [story] = await sql<Array<{ slug: string; size: number }>>`
    select slug, length(published_body) as size from stories
    where status = 'published' and audience = 'public' and published_content_note is null order by length(published_body) limit 1 offset 50`
  await sql.end()

  portal = await startPortal({ databaseUrl: database.url, dataDir: `${database.dir}/data` })
  const pageUrl = `${portal.base}/verhalen/${story!.slug}`
  const first = await fetch(pageUrl, { headers: { 'Accept-Encoding': 'identity' } })
  if (!first.ok) throw new Error(`the story page answered ${first.status}`)
  const html = Buffer.from(await first.arrayBuffer())
  const file = path.join(database.dir, 'page.html')
  writeFileSync(file, html)

  const port = await freePort()
  staticServer = spawn(
    process.execPath,
    [
      '-e',
      `const html = require('node:fs').readFileSync(${JSON.stringify(file)});
       require('node:http').createServer((_req, res) => {
         res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': html.length })
         res.end(html)
       }).listen(${port}, '127.0.0.1', () => console.log('ready'))`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  await new Promise<void>((resolve) => staticServer!.stdout!.once('data', () => resolve()))
  const staticUrl = `http://127.0.0.1:${port}/`

  await measure(() => httpTask(pageUrl), { total: WARMUP, concurrency: CONCURRENCY })
  await measure(() => httpTask(staticUrl), { total: WARMUP, concurrency: CONCURRENCY })
  const dynamic = await measure(() => httpTask(pageUrl), { total: REQUESTS, concurrency: CONCURRENCY })
  const fixed = await measure(() => httpTask(staticUrl), { total: REQUESTS, concurrency: CONCURRENCY })

  console.log(`\nstory page (${html.length} bytes of HTML, story text ${story!.size} characters), ${REQUESTS} requests at ${CONCURRENCY} concurrent after ${WARMUP} warm-up requests each`)
  console.log(`portal /verhalen/<slug>: ${dynamic.rps.toFixed(0)} req/s (p50 ${dynamic.p50.toFixed(1)} ms, p95 ${dynamic.p95.toFixed(1)} ms, errors ${dynamic.errors})`)
  console.log(`static node:http, same bytes: ${fixed.rps.toFixed(0)} req/s (p50 ${fixed.p50.toFixed(1)} ms, p95 ${fixed.p95.toFixed(1)} ms)`)
  console.log(`portal throughput = ${((dynamic.rps / fixed.rps) * 100).toFixed(1)} % of the static server`)
} finally {
  staticServer?.kill()
  await portal?.stop()
  await database.stop()
}
