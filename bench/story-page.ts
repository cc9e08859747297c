// Story page throughput: the real portal rendering one published story, against a plain
// node:http server (a process of its own, like the portal) that returns the very same HTML
// bytes, in one run, loaded by autocannon (a fetch loop in this process topped out near 3,500
// requests/s and measured itself). Prints figures only.
// Usage: npx remix build && npx tsx bench/story-page.ts [--seconds 8] [--connections 20] [--warmup 2]
import { readFileSync } from 'node:fs'
import postgres from 'postgres'
import { hammer, replayableHeaders, startStaticServer } from './load'
import { arg, seedStories, startDatabase, startPortal } from './monument-harness'

const SECONDS = arg('seconds', 8)
const CONNECTIONS = arg('connections', 20)
const WARMUP = arg('warmup', 2)

const database = await startDatabase()
let portal: Awaited<ReturnType<typeof startPortal>> | undefined
let staticServer: Awaited<ReturnType<typeof startStaticServer>> | undefined
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
  await first.arrayBuffer()
  // The second answer comes from the cache: its headers are what every later reader gets.
  const kept = await fetch(pageUrl, { headers: { 'Accept-Encoding': 'identity' } })
  const html = Buffer.from(await kept.arrayBuffer())

  staticServer = await startStaticServer(database.dir, { story: { body: html, headers: replayableHeaders(kept.headers) } })

  // Both servers are measured warm (the JIT has seen their hot paths), as in production.
  await hammer(pageUrl, { connections: CONNECTIONS, seconds: WARMUP })
  await hammer(staticServer.url('story'), { connections: CONNECTIONS, seconds: WARMUP })
  const dynamic = await hammer(pageUrl, { connections: CONNECTIONS, seconds: SECONDS })
  const fixed = await hammer(staticServer.url('story'), { connections: CONNECTIONS, seconds: SECONDS })

  console.log(`\nstory page (${html.length} bytes of HTML, story text ${story!.size} characters), autocannon ${CONNECTIONS} connections, ${SECONDS} s each after ${WARMUP} s warm-up; load ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')}`)
  console.log(`portal /verhalen/<slug>: ${dynamic.rps.toFixed(0)} req/s (p50 ${dynamic.p50} ms, p97.5 ${dynamic.p97_5} ms, errors ${dynamic.errors}, non-2xx ${dynamic.non2xx})`)
  console.log(`static node:http, same bytes: ${fixed.rps.toFixed(0)} req/s (p50 ${fixed.p50} ms, p97.5 ${fixed.p97_5} ms)`)
  console.log(`portal throughput = ${((dynamic.rps / fixed.rps) * 100).toFixed(1)} % of the static server`)
} finally {
  staticServer?.stop()
  await portal?.stop()
  await database.stop()
}
