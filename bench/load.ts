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

/**
 * One node:http process serving each given body at `/<name>` with the headers a browser needs
 * (type and length), nothing else: the ceiling a page cache could reach.
 */
export async function startStaticServer(dir: string, pages: Record<string, Buffer>): Promise<StaticServer> {
  const files: Record<string, string> = {}
  for (const [name, body] of Object.entries(pages)) {
    const file = path.join(dir, `static-${name.replace(/[^a-z0-9-]/gi, '_')}.html`)
    writeFileSync(file, body)
    files[`/${name}`] = file
  }
  const port = await freePort()
  const child: ChildProcess = spawn(
    process.execPath,
    [
      '-e',
      `const fs = require('node:fs')
       const pages = new Map(Object.entries(${JSON.stringify(files)}).map(([k, f]) => [k, fs.readFileSync(f)]))
       require('node:http').createServer((req, res) => {
         const html = pages.get(req.url)
         if (!html) { res.writeHead(404).end(); return }
         res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Content-Length': html.length })
         res.end(html)
       }).listen(${port}, '127.0.0.1', () => console.log('ready'))`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()))
  return { url: (name) => `http://127.0.0.1:${port}/${name}`, stop: () => child.kill() }
}
