import type { Server } from 'node:http'
import { connect } from 'node:net'
import type { ServerBuild } from '@remix-run/node'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { closeDb } from '@db/client.server'
import * as uploadRoute from '~/routes/mijn-verhalen.$id.media'
import { createPersona, type Persona } from '~/testing/personas.server'
import { getEnv } from '~/utils/env.server'
import { storage } from '~/utils/storage.server'
import { createServerApp } from '../../server/app'
import { createStory } from './stories.server'
import { wav } from '~/testing/media-fixtures'

/**
 * The attack as it arrives: a real socket to the real Express host (createServerApp) around a
 * Remix build with the real upload route, a multipart body that opens a file part and then
 * stops, with and without the connection going away. The process must survive, answer what
 * it can, leave nothing in the bucket, and go on serving.
 */

const crashes: unknown[] = []
const onCrash = (error: unknown) => crashes.push(error)

let server: Server
let port = 0
/** Resolves each time the upload action has finished (answered or thrown). */
let actionDone: () => void = () => {}
const nextActionDone = () => new Promise<void>((r) => (actionDone = r))
/** Upload actions running now. */
let inFlight = 0
/** Resolves when the server has closed its side of the next request (answered or hung up on). */
let responseClosed: () => void = () => {}
const nextResponseClosed = () => new Promise<void>((r) => (responseClosed = r))

const build = {
  mode: 'production',
  entry: { module: { handleError: () => {}, default: () => new Response('<!DOCTYPE html><html><body>page</body></html>', { headers: { 'Content-Type': 'text/html' } }) } },
  routes: {
    root: { id: 'root', path: '', module: { default: () => null } },
    'routes/mijn-verhalen.$id.media': {
      id: 'routes/mijn-verhalen.$id.media',
      parentId: 'root',
      path: 'mijn-verhalen/:id/media',
      module: {
        default: () => null,
        loader: uploadRoute.loader,
        // Only observed (to know when the server is done with a request): errors pass through.
        action: async (args: Parameters<typeof uploadRoute.action>[0]) => {
          inFlight++
          try {
            return await uploadRoute.action(args)
          } finally {
            inFlight--
            actionDone()
          }
        },
      },
    },
  },
  assets: { entry: { module: '/build/entry.js', imports: [] }, routes: {}, url: '/build/manifest.js', version: 'test' },
  future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_singleFetch: true, v3_lazyRouteDiscovery: false },
  publicPath: '/build/',
  assetsBuildDirectory: 'public/build',
  isSpaMode: false,
} as unknown as ServerBuild

beforeAll(async () => {
  process.on('uncaughtException', onCrash)
  process.on('unhandledRejection', onCrash)
  const app = createServerApp({ build, env: { ...getEnv(), PAGE_CACHE_MB: 0, PUBLIC_URL: undefined } })
  server = app.listen(0, '127.0.0.1')
  server.on('request', (_req, res) => res.on('close', () => responseClosed()))
  await new Promise((r) => server.once('listening', r))
  port = (server.address() as { port: number }).port
})
afterAll(async () => {
  await new Promise((r) => server.close(r))
  process.off('uncaughtException', onCrash)
  process.off('unhandledRejection', onCrash)
  await closeDb()
})

async function bucketState() {
  const keys: string[] = []
  for await (const o of storage.list()) keys.push(o.key)
  for await (const u of storage.listUnfinishedUploads()) keys.push(`unfinished:${u.key}`)
  return keys.sort()
}

const BOUNDARY = 'XX'

/** Sends a raw HTTP request: headers with `contentLength`, then `body`; `hangUp` destroys the socket after sending. */
function rawPost(a: Persona, path: string, body: Buffer, { contentLength, hangUp }: { contentLength: number; hangUp: boolean }) {
  return new Promise<string>((resolve) => {
    const socket = connect(port, '127.0.0.1')
    let answer = ''
    socket.on('data', (d) => (answer += d.toString('latin1')))
    socket.on('error', () => {})
    socket.on('close', () => resolve(answer))
    socket.write(
      `POST ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nOrigin: http://127.0.0.1:${port}\r\nSec-Fetch-Site: same-origin\r\nAccept: text/html\r\n` +
        `Cookie: ${a.cookie}\r\nContent-Type: multipart/form-data; boundary=${BOUNDARY}\r\nContent-Length: ${contentLength}\r\nConnection: close\r\n\r\n`,
    )
    socket.write(body, () => {
      if (hangUp) setImmediate(() => socket.destroy())
    })
  })
}

function filePart(bytes: Buffer, close: boolean) {
  return Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="media"; filename="a.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
    bytes,
    Buffer.from(close ? `\r\n--${BOUNDARY}--\r\n` : ''),
  ])
}

describe('an upload cut off on a real socket', () => {
  it('answers a multipart body that ends without its closing boundary with the form and a message, and keeps serving', async () => {
    const a = await createPersona({ roles: ['survivor'] })
    const story = await createStory({ authorId: a.id })
    const before = await bucketState()
    const path = `/mijn-verhalen/${story.id}/media`

    // The finding: a file part that ends after 1,000 bytes, no closing boundary, complete at the HTTP level.
    const cut = filePart(wav(5000), false).subarray(0, 1000)
    let done = nextActionDone()
    const answer = await rawPost(a, path, cut, { contentLength: cut.length, hangUp: false })
    await done
    expect(answer).toMatch(/^HTTP\/1\.1 302/)
    expect(answer).toMatch(/location: \/mijn-verhalen\/[0-9a-f-]+\?stap=media&fout=interrupted/i)

    // The same body, but the client hangs up halfway through a declared longer body. Whether the
    // action still runs depends on how far the request got before the hang-up (the shared rate
    // limit asks PostgreSQL first, ADR 0027): wait for the server to let go of the request, then
    // for any upload action it started.
    const closed = nextResponseClosed()
    await rawPost(a, path, cut, { contentLength: 60_000_000, hangUp: true })
    await closed
    while (inFlight > 0) await new Promise((r) => setTimeout(r, 20))

    // A whole upload still works: the process and the server are alive.
    const whole = filePart(wav(5000), true)
    done = nextActionDone()
    const ok = await rawPost(a, path, whole, { contentLength: whole.length, hangUp: false })
    await done
    expect(ok).toMatch(/location: \/mijn-verhalen\/[0-9a-f-]+\?stap=media&opgeslagen=mediaAdded/i)

    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r))
    expect(crashes).toEqual([])
    const after = await bucketState()
    // Only the whole upload's object is new.
    expect(after.filter((k) => !before.includes(k))).toEqual([expect.stringMatching(new RegExp(`^monument/${story.id}/[0-9a-f-]+/original\\.wav$`))])
  })
})
