import { createRequire } from 'node:module'
import { Worker } from 'node:worker_threads'

/**
 * HEIC (iPhone photos) decoding, apart from the rest of photo processing because it runs in
 * its own worker thread with its own limits: one HEIC at a time, a time-out, and a thread
 * that is stopped when idle. It returns bare RGBA pixels (no metadata); photo.server.ts
 * encodes them like any other photo.
 */

/**
 * Largest HEIC, in pixels, we decode. Lower than photo.server's MAX_INPUT_PIXELS because the WebAssembly
 * decoder holds the whole RGBA image (4 bytes a pixel) and its memory never shrinks while the
 * decoder lives; 50 megapixels covers the 48 MP iPhone cameras.
 */
const MAX_HEIC_PIXELS = 50_000_000

/** A HEIC that takes longer than this to decode is refused (and its decoder thread stopped). */
const HEIC_DECODE_TIMEOUT_MS = 60_000
/** The decoder thread is stopped after this long without work, which frees its memory. */
const HEIC_IDLE_MS = 30_000

export type DecodedPixels = { width: number; height: number; pixels: Buffer }
type DecodeReply = { ok: true; width: number; height: number; pixels: ArrayBuffer } | { ok: false; reason: string }

/**
 * The decoder runs in a worker thread: a 12 MP HEIC takes about half a second of synchronous
 * WebAssembly, which on the main thread would stall every other request, and a thread can be
 * stopped to hand back the decoder's memory (WebAssembly memory only ever grows). The source
 * is inline so the server bundle needs no separate worker file; heic-decode is resolved here
 * and passed in, so the thread finds it wherever the bundle runs from.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads')
const decode = require(workerData.decoderPath)
parentPort.on('message', async ({ bytes, maxPixels }) => {
  let images
  try {
    images = await decode.all({ buffer: bytes })
    // Several top-level images (a collection or burst): we would have to guess which one.
    if (images.length !== 1) throw new Error('expected one image, found ' + images.length)
    const [image] = images
    if (image.width * image.height > maxPixels) throw new Error('image too large to decode')
    const { width, height, data } = await image.decode()
    parentPort.postMessage({ ok: true, width, height, pixels: data.buffer }, [data.buffer])
  } catch (error) {
    parentPort.postMessage({ ok: false, reason: String((error && error.message) || error) })
  } finally {
    if (images) images.dispose()
  }
})
`

let decoderThread: Worker | null = null
let idleTimer: NodeJS.Timeout | null = null

function stopDecoderThread() {
  if (idleTimer) clearTimeout(idleTimer)
  idleTimer = null
  const thread = decoderThread
  decoderThread = null
  if (thread) void thread.terminate()
}

function decoderThreadFor(): Worker {
  if (idleTimer) clearTimeout(idleTimer)
  idleTimer = null
  if (decoderThread) return decoderThread
  const decoderPath = createRequire(import.meta.url).resolve('heic-decode')
  const thread = new Worker(WORKER_SOURCE, { eval: true, workerData: { decoderPath } })
  // An idle decoder must not keep the process (or a test run) alive.
  thread.unref()
  thread.on('error', () => {
    if (decoderThread === thread) decoderThread = null
  })
  thread.on('exit', () => {
    if (decoderThread === thread) decoderThread = null
  })
  decoderThread = thread
  return thread
}

/** Sends one HEIC to the decoder thread; only ever called with the HEIC slot held. */
export function decodeInThread(bytes: Buffer): Promise<DecodedPixels> {
  const thread = decoderThreadFor()
  return new Promise<DecodedPixels>((resolve, reject) => {
    const done = () => {
      clearTimeout(timeout)
      thread.off('message', onMessage)
      thread.off('error', onError)
      thread.off('exit', onExit)
    }
    const onMessage = (reply: DecodeReply) => {
      done()
      if (reply.ok) resolve({ width: reply.width, height: reply.height, pixels: Buffer.from(reply.pixels) })
      else reject(new Error(`HEIC decode failed: ${reply.reason}`))
    }
    const onError = (error: Error) => {
      done()
      reject(error)
    }
    const onExit = (code: number) => {
      done()
      reject(new Error(`HEIC decoder stopped (exit code ${code})`))
    }
    const timeout = setTimeout(() => {
      done()
      stopDecoderThread()
      reject(new Error('HEIC decode timed out'))
    }, HEIC_DECODE_TIMEOUT_MS)
    thread.on('message', onMessage)
    thread.once('error', onError)
    thread.once('exit', onExit)
    // A copy, not a transfer: the upload's buffer may share its memory with other small buffers.
    thread.postMessage({ bytes: new Uint8Array(bytes), maxPixels: MAX_HEIC_PIXELS })
  })
}

let heicQueue: Promise<unknown> = Promise.resolve()
let heicActive = 0
let heicPeak = 0

/**
 * One HEIC at a time, from decode until its last variant is encoded: a 12 MP photo is ~48 MB
 * of RGBA (plus the decoder's own copy), and two parallel uploads must not double that peak.
 * Other photos do not wait here.
 */
export function withHeicSlot<T>(task: () => Promise<T>): Promise<T> {
  const run = heicQueue.then(async () => {
    heicActive++
    heicPeak = Math.max(heicPeak, heicActive)
    try {
      return await task()
    } finally {
      heicActive--
      if (heicActive === 0 && decoderThread) {
        idleTimer = setTimeout(stopDecoderThread, HEIC_IDLE_MS)
        idleTimer.unref()
      }
    }
  })
  heicQueue = run.catch(() => {})
  return run
}

/** How many HEIC photos were ever processed at the same time (for tests and benchmarks: 1). */
export function peakParallelHeicDecodes(): number {
  return heicPeak
}
