// Story page throughput: the real portal rendering one published story, against a plain
// node:http server that returns the very same HTML bytes, in one run. Prints figures only.
// Usage: npx remix build && npx tsx bench/story-page.ts [--requests 2000] [--concurrency 20]
import { createServer } from 'node:http'
import postgres from 'postgres'
import { arg, freePort, httpTask, measure, seedStories, startDatabase, startPortal } from './monument-harness'

const REQUESTS = arg('requests', 2000)
const CONCURRENCY = arg('concurrency', 20)

const database = await startDatabase()
let portal: Awaited<ReturnType<typeof startPortal>> | undefined
let staticServer: ReturnType<typeof createServer> | undefined
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
  const first = await fetch(pageUrl)
  if (!first.ok) throw new Error(`the story page answered ${first.status}`)
  const html = Buffer.from(await first.arrayBuffer())
  const contentType = first.headers.get('content-type') ?? 'text/html; charset=utf-8'

  const port = await freePort()
  staticServer = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': contentType, 'Content-Length': html.length })
    res.end(html)
  })
  await new Promise<void>((r) => staticServer!.listen(port, '127.0.0.1', r))
  const staticUrl = `http://127.0.0.1:${port}/`

  for (let i = 0; i < 50; i++) await httpTask(pageUrl)
  for (let i = 0; i < 50; i++) await httpTask(staticUrl)
  const dynamic = await measure(() => httpTask(pageUrl), { total: REQUESTS, concurrency: CONCURRENCY })
  const fixed = await measure(() => httpTask(staticUrl), { total: REQUESTS, concurrency: CONCURRENCY })

  console.log(`\nstory page (${html.length} bytes of HTML, story text ${story!.size} characters), ${REQUESTS} requests at ${CONCURRENCY} concurrent`)
  console.log(`portal /verhalen/<slug>: ${dynamic.rps.toFixed(0)} req/s (p50 ${dynamic.p50.toFixed(1)} ms, p95 ${dynamic.p95.toFixed(1)} ms, errors ${dynamic.errors})`)
  console.log(`static node:http, same bytes: ${fixed.rps.toFixed(0)} req/s (p50 ${fixed.p50.toFixed(1)} ms, p95 ${fixed.p95.toFixed(1)} ms)`)
  console.log(`portal throughput = ${((dynamic.rps / fixed.rps) * 100).toFixed(1)} % of the static server`)
} finally {
  staticServer?.close()
  await portal?.stop()
  await database.stop()
}
