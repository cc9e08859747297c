import { randomBytes, randomUUID } from 'node:crypto'
import { Readable } from 'node:stream'
import fc from 'fast-check'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { closeDb } from '@db/client.server'
import * as answerRoute from '~/routes/mijn-aanvraag._index'
import { action as mediaItemAction } from '~/routes/mijn-verhalen.$id.media.$mediaId'
import { action as uploadAction } from '~/routes/mijn-verhalen.$id.media'
import * as stepRoute from '~/routes/regeling.aanvraag.$stap'
import { createPersona, testContext } from '~/testing/personas.server'
import { storage } from '~/utils/storage.server'
import { addStoryMedia } from './media-add.server'
import { createStory } from './stories.server'
import { wav } from '~/testing/media-fixtures'

/**
 * Every action that takes an upload, fed hostile and broken multipart bodies through real
 * Requests (real database, real embedded S3): the process must survive (no uncaught error),
 * each answer must be a refusal the person can read (a 4xx, or the redirect back with an
 * error), never a 500, and the bucket must hold no new object and no unfinished multipart
 * upload afterwards.
 */

afterAll(() => closeDb())

const crashes: unknown[] = []
const onCrash = (error: unknown) => crashes.push(error)
beforeAll(() => {
  process.on('uncaughtException', onCrash)
  process.on('unhandledRejection', onCrash)
})
afterAll(() => {
  process.off('uncaughtException', onCrash)
  process.off('unhandledRejection', onCrash)
})

const BOUNDARY = 'XXfuzzBoundary'
const CONTENT_TYPE = `multipart/form-data; boundary=${BOUNDARY}`

type Part = { name: string; value: string } | { name: string; fileName: string; type: string; bytes: Buffer }

function multipart(parts: Part[], boundary = BOUNDARY) {
  const out: Buffer[] = []
  for (const p of parts) {
    if ('value' in p) out.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`))
    else out.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.fileName}"\r\nContent-Type: ${p.type}\r\n\r\n`), p.bytes, Buffer.from('\r\n'))
  }
  out.push(Buffer.from(`--${boundary}--\r\n`))
  return Buffer.concat(out)
}

type Send = {
  contentType?: string
  /** End the body cleanly after this many bytes (the form is cut off). */
  cutAt?: number
  /** Fail the body stream after this many bytes (the connection breaks). */
  failAt?: number
  /** The client goes away (request.signal aborts) after this many bytes; the body then stalls. */
  abortAt?: number
  /** Bytes per chunk; with `slow`, each chunk waits for the next turn of the event loop. */
  chunk?: number
  slow?: boolean
}

function request(path: string, cookie: string, body: Buffer, send: Send = {}) {
  const { contentType = CONTENT_TYPE, cutAt, failAt, abortAt, chunk = 16 * 1024, slow = false } = send
  const controller = new AbortController()
  const end = Math.min(body.length, cutAt ?? failAt ?? abortAt ?? body.length)
  let at = 0
  const stream = new ReadableStream<Uint8Array>({
    async pull(c) {
      if (slow) await new Promise((r) => setImmediate(r))
      if (at >= end) {
        if (failAt !== undefined) c.error(new Error('connection reset by peer'))
        else if (abortAt !== undefined) {
          controller.abort()
          // The client is gone: nothing more arrives, and the stream never ends by itself.
          await new Promise(() => {})
        } else c.close()
        return
      }
      const next = body.subarray(at, Math.min(end, at + chunk))
      at += next.length
      c.enqueue(new Uint8Array(next))
    },
  })
  return new Request(`http://localhost:3000${path}`, {
    method: 'POST',
    headers: { Cookie: cookie, 'Content-Type': contentType },
    body: stream,
    duplex: 'half',
    signal: controller.signal,
  } as RequestInit)
}

type Outcome = 'saved' | 'refused' | 'fiveHundred'

/** What the person would see: saved, refused with a message, or a 500 (a thrown error or a 5xx). */
async function outcomeOf(run: () => Promise<unknown>): Promise<{ outcome: Outcome; detail: string }> {
  let result: unknown
  try {
    result = await run()
  } catch (thrown) {
    if (!(thrown instanceof Response)) return { outcome: 'fiveHundred', detail: String(thrown) }
    result = thrown
  }
  if (result instanceof Response) {
    const location = result.headers.get('Location') ?? ''
    if (result.status >= 500) return { outcome: 'fiveHundred', detail: `status ${result.status}` }
    if (result.status >= 300 && result.status < 400) {
      if (/[?&]fout=/.test(location)) return { outcome: 'refused', detail: location }
      return { outcome: 'saved', detail: location }
    }
    return { outcome: result.status >= 400 ? 'refused' : 'saved', detail: `status ${result.status}` }
  }
  const init = (result as { init?: { status?: number } }).init
  const status = init?.status ?? 200
  if (status >= 500) return { outcome: 'fiveHundred', detail: `status ${status}` }
  return { outcome: status >= 400 ? 'refused' : 'saved', detail: JSON.stringify((result as { data?: unknown }).data).slice(0, 200) }
}

async function bucketState() {
  const keys: string[] = []
  for await (const o of storage.list()) keys.push(o.key)
  for await (const u of storage.listUnfinishedUploads()) keys.push(`unfinished:${u.key}`)
  return keys.sort()
}

type Target = {
  name: string
  path: string
  cookie: string
  /** The form as the browser sends it, file last; `file` is the one file part. */
  fields: Array<{ name: string; value: string }>
  file: { name: string; fileName: string; type: string; bytes: Buffer }
  run: (request: Request) => Promise<unknown>
  /** Whether the complete form is expected to be saved (the answer form has no open question: refused, with its file removed). */
  savesWhenWhole: boolean
}

const tally = { cases: 0, fiveHundreds: 0, refused: 0, saved: 0 }

/** Runs one case and checks its outcome and the bucket; returns the outcome. */
async function tryCase(target: Target, label: string, body: Buffer, send: Send, expected: Outcome | 'any' = 'refused') {
  const before = await bucketState()
  const { outcome, detail } = await outcomeOf(() => target.run(request(target.path, target.cookie, body, send)))
  tally.cases++
  if (outcome === 'fiveHundred') tally.fiveHundreds++
  else tally[outcome]++
  expect({ target: target.name, label, outcome, ...(outcome === 'fiveHundred' ? { detail } : {}) }).toEqual({ target: target.name, label, outcome: expected === 'any' ? outcome : expected })
  if (outcome !== 'saved') expect({ target: target.name, label, bucket: await bucketState() }).toEqual({ target: target.name, label, bucket: before })
  return outcome
}

function wholeBody(t: Target) {
  return multipart([...t.fields, t.file])
}

/** Where the file's bytes begin in the whole body (just past its part header). */
function fileOffset(t: Target) {
  return multipart(t.fields).length - `--${BOUNDARY}--\r\n`.length + Buffer.byteLength(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${t.file.name}"; filename="${t.file.fileName}"\r\nContent-Type: ${t.file.type}\r\n\r\n`)
}

async function fuzzTarget(t: Target) {
  const body = wholeBody(t)
  const whole = t.savesWhenWhole ? 'saved' : 'refused'
  const start = fileOffset(t)

  // The whole form, at once and from a slow sender: the harness itself works.
  await tryCase(t, 'whole form', body, {}, whole)
  await tryCase(t, 'whole form, slow sender', body, { chunk: 7, slow: true }, whole)

  // Cut off: at chosen places (in the first part header, just before and after the file's
  // header, inside the file, just short of the closing boundary) and at random ones.
  // (A body that ends after the closing delimiter's "--", only without its final line break, is whole.)
  const lastCut = body.length - 3
  const fixed = [0, 1, 2, 30, start - 1, start, start + 1, start + 500, Math.floor(body.length / 2), body.length - 22, body.length - 20, body.length - 4, lastCut]
  for (const cutAt of fixed) await tryCase(t, `cut at ${cutAt}`, body, { cutAt })
  await fc.assert(
    fc.asyncProperty(fc.integer({ min: 0, max: lastCut }), fc.integer({ min: 1, max: 64 * 1024 }), async (cutAt, chunk) => {
      await tryCase(t, `cut at ${cutAt} in chunks of ${chunk}`, body, { cutAt, chunk })
    }),
    { numRuns: 20 },
  )
  await tryCase(t, 'cut inside the file, slow sender', body, { cutAt: start + 100, chunk: 5, slow: true })

  // The connection breaks, or the client goes away, at several places.
  for (const failAt of [0, 10, start + 1, Math.floor(body.length / 2), body.length - 2]) await tryCase(t, `body fails at ${failAt}`, body, { failAt })
  for (const abortAt of [start - 5, start + 1, body.length - 2]) await tryCase(t, `client gone at ${abortAt}`, body, { abortAt })

  // Boundaries: missing, empty, wrong, and a body without any.
  await tryCase(t, 'no boundary', body, { contentType: 'multipart/form-data' })
  await tryCase(t, 'empty boundary', body, { contentType: 'multipart/form-data; boundary=' })
  await tryCase(t, 'wrong boundary', body, { contentType: 'multipart/form-data; boundary=YYwrong' })
  await tryCase(t, 'not multipart at all', randomBytes(5000), {})
  await tryCase(t, 'empty body', Buffer.alloc(0), {})

  // Too much: 1,000 parts, a huge part header, a huge field.
  const many = Array.from({ length: 1000 }, (_, i) => ({ name: `f${i}`, value: 'x' }))
  await tryCase(t, '1,000 parts', multipart([...t.fields, ...many, t.file]), {}, 'any')
  await tryCase(t, 'huge part header', multipart([...t.fields, { ...t.file, fileName: 'a'.repeat(200_000) }]), {})
  await tryCase(t, 'huge field', multipart([...t.fields, { name: 'extra', value: 'y'.repeat(300_000) }, t.file]), {}, 'any')
  await tryCase(t, 'headerless garbage part', Buffer.concat([Buffer.from(`--${BOUNDARY}\r\n`), randomBytes(3000), Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]), {})

  // Wrong content type for a multipart body, and a typed value posing as the stored file.
  await tryCase(t, 'text/plain', body, { contentType: 'text/plain' }, 'any')
  const forged = JSON.stringify({ key: 'monument/someone-else/original.jpg', size: 1, sha256: 'x', contentType: 'image/jpeg', fileName: 'x.jpg' })
  await tryCase(t, 'file field as text', multipart([...t.fields, { name: t.file.name, value: forged }]), {})
  // (The captions form's other buttons post urlencoded: that is another, valid, request there.)
  await tryCase(t, 'urlencoded with a forged file', Buffer.from(new URLSearchParams([...t.fields.map((f) => [f.name, f.value]), [t.file.name, forged]]).toString()), { contentType: 'application/x-www-form-urlencoded' }, t.name === 'media captions' ? 'any' : 'refused')

  // Storage fails: at once, and (for a photo with variants) after the first object.
  const put = vi.spyOn(storage, 'put').mockRejectedValueOnce(new Error('S3 unavailable'))
  await tryCase(t, 'storage down', body, {})
  put.mockRestore()
}

describe('upload fuzz: every action that accepts a file', () => {
  it('survives broken, hostile and interrupted multipart bodies: refusals, no 500, nothing left in the bucket', { timeout: 600_000 }, async () => {
    const a = await createPersona({ roles: ['survivor'] })
    const story = await createStory({ authorId: a.id })
    const audio = await addStoryMedia({ authorId: a.id, storyId: story.id, input: Readable.from([wav(4000)]) })
    const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from(`%${'z'.repeat(9000)}\n`), Buffer.from('1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')])

    const targets: Target[] = [
      {
        name: 'story media',
        path: `/mijn-verhalen/${story.id}/media`,
        cookie: a.cookie,
        fields: [],
        file: { name: 'media', fileName: 'stem.wav', type: 'audio/wav', bytes: wav(30_000) },
        run: (request) => uploadAction({ request, params: { id: story.id }, context: testContext }),
        savesWhenWhole: true,
      },
      {
        name: 'media captions',
        path: `/mijn-verhalen/${story.id}/media/${audio.id}`,
        cookie: a.cookie,
        fields: [{ name: 'intent', value: 'captions' }],
        file: { name: 'captions', fileName: 'stem.vtt', type: 'text/vtt', bytes: Buffer.from(`WEBVTT\n\n${Array.from({ length: 60 }, (_, i) => `00:${String(i).padStart(2, '0')}.000 --> 00:${String(i).padStart(2, '0')}.900\nRegel ${i}\n`).join('\n')}`) },
        run: (request) => mediaItemAction({ request, params: { id: story.id, mediaId: audio.id }, context: testContext }),
        savesWhenWhole: true,
      },
      {
        name: 'scheme evidence',
        path: '/regeling/aanvraag/bewijs',
        cookie: a.cookie,
        fields: [
          { name: 'intent', value: 'upload' },
          { name: 'type', value: 'courtRuling' },
        ],
        file: { name: 'file', fileName: 'uitspraak.pdf', type: 'application/pdf', bytes: pdf },
        run: (request) => stepRoute.action({ request, params: { stap: 'bewijs' }, context: testContext }),
        savesWhenWhole: true,
      },
      {
        name: 'applicant answer',
        path: '/mijn-aanvraag',
        cookie: a.cookie,
        fields: [
          { name: 'intent', value: 'answer' },
          { name: 'requestId', value: randomUUID() },
          { name: 'answer', value: 'Hierbij de brief.' },
        ],
        file: { name: 'file', fileName: 'brief.pdf', type: 'application/pdf', bytes: pdf },
        run: (request) => answerRoute.action({ request, params: {}, context: testContext }),
        savesWhenWhole: false,
      },
    ]
    for (const t of targets) await fuzzTarget(t)

    // Over the byte limit: captions over 1 MB, evidence over 20 MB.
    await tryCase(targets[1]!, 'captions over the limit', multipart([...targets[1]!.fields, { ...targets[1]!.file, bytes: Buffer.concat([Buffer.from('WEBVTT\n\n'), Buffer.alloc(1_100_000, 0x41)]) }]), {})
    await tryCase(targets[2]!, 'evidence over the limit', multipart([...targets[2]!.fields, { ...targets[2]!.file, bytes: Buffer.concat([pdf, randomBytes(21 * 1024 * 1024)]) }]), {})

    // A photo whose second object (a web variant) cannot be stored: the first goes again.
    const jpeg = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#88aa66' } }).jpeg().toBuffer()
    const realPut = storage.put.bind(storage)
    const put = vi.spyOn(storage, 'put').mockImplementationOnce(realPut).mockRejectedValueOnce(new Error('S3 unavailable'))
    await tryCase(targets[0]!, 'storage fails after the first object', multipart([{ name: 'media', fileName: 'foto.jpg', type: 'image/jpeg', bytes: jpeg }]), {})
    put.mockRestore()

    // Let anything still in flight (a late 'error' event) happen before counting crashes.
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r))
    process.stdout.write(`upload fuzz: ${tally.cases} cases tried, ${tally.refused} refused, ${tally.saved} saved, ${tally.fiveHundreds} answered 500, ${crashes.length} crashes\n`)
    expect(tally.fiveHundreds).toBe(0)
    expect(crashes).toEqual([])
  })
})
