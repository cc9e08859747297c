// The benches' load generator and static comparison server. autocannon (a kept load generator
// that reaches 13,000–18,000 requests/s against a static server on these machines), so the
// figures measure the server and not the client; the static server runs in a process of its
// own, like the portal, and sends the very bytes the portal sent.
import { spawn, type ChildProcess } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import path from 'node:path'
import autocannon from 'autocannon'
import { freePort } from '../scripts/free-port'

export type Load = { rps: number; p50: number; p97_5: number; p99: number; errors: number; non2xx: number; bytes: number }

/** `connections` keep-alive connections for `seconds`, plain GETs asking for the bytes uncompressed. */
export async function hammer(url: string, { connections, seconds, headers = {} }: { connections: number; seconds: number; headers?: Record<string, string> }): Promise<Load> {
  const result = await autocannon({ url, connections, duration: seconds, headers: { 'accept-encoding': 'identity', ...headers } })
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p97_5: result.latency.p97_5,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    bytes: result.throughput.average,
  }
}

export type StaticServer = { url: (name: string) => string; stop: () => void }
/** A page as the portal sent it: the body, and the headers a static server would send with it. */
export type StaticPage = { body: Buffer; headers?: Array<[string, string]> }

// Per connection or per response: the static server's own HTTP stack sets these.
const OWN_HEADERS = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding', 'content-encoding'])

/**
 * The portal's response headers for a static server to send with the same body: the same bytes
 * on the wire (a static host would send the same security headers), so the comparison measures
 * the page cache and not the size of the header set (about 1.2 KB, 15–20 % of a small page's throughput).
 */
export function replayableHeaders(headers: Headers): Array<[string, string]> {
  return [...headers].filter(([name]) => !OWN_HEADERS.has(name) && !name.startsWith('ratelimit'))
}

/**
 * One node:http process serving each given body at `/<name>` with the given headers (or only
 * type and length), nothing else: the ceiling a page cache could reach.
 */
export async function startStaticServer(dir: string, pages: Record<string, Buffer | StaticPage>): Promise<StaticServer> {
  const files: Record<string, { file: string; headers: string[] }> = {}
  for (const [name, page] of Object.entries(pages)) {
    const { body, headers = [['content-type', 'text/html; charset=utf-8']] } = Buffer.isBuffer(page) ? { body: page } : page
    const file = path.join(dir, `static-${name.replace(/[^a-z0-9-]/gi, '_')}.html`)
    writeFileSync(file, body)
    files[`/${name}`] = { file, headers: headers.flat() }
  }
  const port = await freePort()
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '-e',
      `const fs = require('node:fs')
       const pages = new Map(Object.entries(${JSON.stringify(files)}).map(([k, p]) => [k, { html: fs.readFileSync(p.file), headers: p.headers }]))
       require('node:http').createServer((req, res) => {
         const page = pages.get(req.url)
         if (!page) { res.writeHead(404).end(); return }
         res.writeHead(200, [...page.headers, 'content-length', String(page.html.length)])
         res.end(page.html)
       }).listen(${port}, '127.0.0.1', () => console.log('ready'))`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()))
  return { url: (name) => `http://127.0.0.1:${port}/${name}`, stop: () => child.kill() }
}
