import { Readable } from 'node:stream'
import { fileTypeFromBuffer } from 'file-type'
import { type MediaKind } from './media-limits'

/**
 * What a monument upload really is, decided by its first bytes (magic numbers) and never by
 * its file name or the browser's declared type: both are chosen by the sender. A file we
 * would store as "audio" but that is really HTML or a script must never reach the bucket.
 */

/** file-type needs at most this many bytes to recognise every format it knows. */
export const SNIFF_BYTES = 4100

export type MediaErrorKey =
  | 'monument:media.errors.unsupportedType'
  | 'monument:media.errors.quicktimeNotSupported'
  | 'monument:media.errors.empty'

/** A refused upload; `key` is the message to show (namespace `monument`). */
export class MediaTypeError extends Error {
  constructor(
    public readonly key: MediaErrorKey,
    /** What the bytes turned out to be, for the log; never shown as-is. */
    public readonly detectedMime?: string,
  ) {
    super(`media refused: ${key}${detectedMime ? ` (${detectedMime})` : ''}`)
    this.name = 'MediaTypeError'
  }
}

export type SniffedMedia = { kind: MediaKind; mime: string; ext: string }

/** file-type's answer → the type we store and serve. Anything not listed is refused. */
const ALLOWED: Record<string, SniffedMedia> = {
  'image/jpeg': { kind: 'photo', mime: 'image/jpeg', ext: 'jpg' },
  'image/png': { kind: 'photo', mime: 'image/png', ext: 'png' },
  'image/webp': { kind: 'photo', mime: 'image/webp', ext: 'webp' },
  // Normally caught by sniffHeif first; kept so file-type's answer alone is enough too.
  'image/avif': { kind: 'photo', mime: 'image/avif', ext: 'avif' },
  'audio/mpeg': { kind: 'audio', mime: 'audio/mpeg', ext: 'mp3' },
  'audio/mp4': { kind: 'audio', mime: 'audio/mp4', ext: 'm4a' },
  'audio/x-m4a': { kind: 'audio', mime: 'audio/mp4', ext: 'm4a' },
  'audio/ogg': { kind: 'audio', mime: 'audio/ogg', ext: 'ogg' },
  // Voice messages and many recorders write Opus in Ogg: the same container to a browser.
  'audio/ogg; codecs=opus': { kind: 'audio', mime: 'audio/ogg', ext: 'opus' },
  'audio/wav': { kind: 'audio', mime: 'audio/wav', ext: 'wav' },
  'audio/vnd.wave': { kind: 'audio', mime: 'audio/wav', ext: 'wav' },
  'video/mp4': { kind: 'video', mime: 'video/mp4', ext: 'mp4' },
  'video/webm': { kind: 'video', mime: 'video/webm', ext: 'webm' },
}

/**
 * HEIF-family brands, read from the `ftyp` box ourselves: file-type calls some of them video
 * (`heim`, `heis` become "video/mp4") or a sequence, and these bytes must never be stored as a
 * video. HEIC is decoded by libheif (WebAssembly) in photo.server.ts, AVIF by sharp itself.
 * Sequences (`hevc`, `msf1`, …) are let through here: a file that holds no single still image
 * is refused when it is decoded, with a message about HEIC rather than "unknown type".
 */
const HEIC_BRANDS = new Set(['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx'])
const AVIF_BRANDS = new Set(['avif', 'avis'])
/** Generic image-file brands: the compatible brands tell which codec is inside. */
const GENERIC_HEIF_BRANDS = new Set(['mif1', 'msf1'])

const HEIC: SniffedMedia = { kind: 'photo', mime: 'image/heic', ext: 'heic' }
const HEIF: SniffedMedia = { kind: 'photo', mime: 'image/heif', ext: 'heif' }
const AVIF: SniffedMedia = { kind: 'photo', mime: 'image/avif', ext: 'avif' }

/**
 * Whether these first bytes are a HEIF image (HEIC, AVIF or a generic HEIF), by the major and
 * compatible brands of the leading `ftyp` box; null for anything else (MP4, MOV, …).
 */
export function sniffHeif(head: Uint8Array): SniffedMedia | null {
  if (head.length < 16) return null
  const bytes = Buffer.from(head.buffer, head.byteOffset, head.byteLength)
  if (bytes.toString('latin1', 4, 8) !== 'ftyp') return null
  const size = bytes.readUInt32BE(0)
  if (size < 16 || size % 4 !== 0) return null
  const major = bytes.toString('latin1', 8, 12)
  const compatible = new Set<string>()
  for (let at = 16; at + 4 <= Math.min(size, bytes.length); at += 4) compatible.add(bytes.toString('latin1', at, at + 4))
  if (HEIC_BRANDS.has(major)) return HEIC
  if (AVIF_BRANDS.has(major)) return AVIF
  if (!GENERIC_HEIF_BRANDS.has(major)) return null
  if ([...AVIF_BRANDS].some((b) => compatible.has(b))) return AVIF
  if ([...HEIC_BRANDS].some((b) => compatible.has(b))) return HEIC
  return HEIF
}

/** Decides the type of the first bytes of a file; throws MediaTypeError when it is refused. */
export async function sniffMediaType(head: Uint8Array): Promise<SniffedMedia> {
  if (head.length === 0) throw new MediaTypeError('monument:media.errors.empty')
  const heif = sniffHeif(head)
  if (heif) return heif
  const found = await fileTypeFromBuffer(head.subarray(0, SNIFF_BYTES))
  if (!found) throw new MediaTypeError('monument:media.errors.unsupportedType')
  const allowed = ALLOWED[found.mime]
  if (allowed) return allowed
  if (found.mime === 'video/quicktime') {
    throw new MediaTypeError('monument:media.errors.quicktimeNotSupported', found.mime)
  }
  throw new MediaTypeError('monument:media.errors.unsupportedType', found.mime)
}

type Head = { chunks: Buffer[]; length: number; ended: boolean }

/**
 * Reads from `input` until at least `size` bytes have arrived or the stream ends, without
 * switching it to flowing mode: what is not read stays in the stream for later.
 */
function readHead(input: Readable, size: number): Promise<Head> {
  return new Promise((resolve, reject) => {
    const head: Head = { chunks: [], length: 0, ended: false }
    if (input.readableEnded) {
      resolve({ ...head, ended: true })
      return
    }
    // Already failed or gone (the form was cut off before anyone read from it): its 'error'
    // and 'close' events are past, so waiting for them would wait for ever.
    if (input.destroyed) {
      reject(input.errored ?? new Error('input closed before its type could be read'))
      return
    }
    const cleanup = () => {
      input.off('readable', onReadable)
      input.off('end', onEnd)
      input.off('error', onError)
      input.off('close', onClose)
    }
    const onReadable = () => {
      let chunk: Buffer | string | null
      while (head.length < size && (chunk = input.read()) !== null) {
        const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk
        head.chunks.push(bytes)
        head.length += bytes.length
      }
      if (head.length >= size) {
        cleanup()
        resolve(head)
      }
    }
    const onEnd = () => {
      cleanup()
      resolve({ ...head, ended: true })
    }
    const onError = (error: Error) => {
      cleanup()
      reject(error)
    }
    // Destroyed without an error (client went away): there is nothing to decide on.
    const onClose = () => {
      cleanup()
      reject(new Error('input closed before its type could be read'))
    }
    input.on('readable', onReadable)
    input.on('end', onEnd)
    input.on('error', onError)
    input.on('close', onClose)
  })
}

/**
 * Peeks at the first bytes of an upload, decides its type, and returns a stream that still
 * yields every byte (the peeked ones first), so the upload can go on to storage untouched.
 * Only the head (a few kB, at most one chunk more) is held in memory.
 *
 * On refusal the input is neither drained nor destroyed: the caller decides (for a busboy
 * file stream, `input.resume()` lets the rest of the form finish; destroying it would stall
 * busboy); a no-op 'error' listener stays on it so an abort meanwhile cannot crash the
 * process. The same holds when the caller refuses after the sniff (quota) and leaves
 * `stream` unread. Destroying `stream` destroys the input. Errors of the input itself
 * reach `stream` as they are.
 */
export async function sniffMediaStream(input: Readable): Promise<SniffedMedia & { stream: Readable }> {
  const head = await readHead(input, SNIFF_BYTES)
  // Between the peek and the consumer's first read nobody else may be listening: an upload
  // aborted in that gap must not become an unhandled 'error' that takes the process down.
  // The iterator below sees the error through the stream's own state and rethrows it.
  const swallowUntilRead = () => {}
  input.on('error', swallowUntilRead)
  const headBytes = Buffer.concat(head.chunks, head.length)
  const media = await sniffMediaType(headBytes)

  let finished = head.ended
  async function* all(): AsyncGenerator<Buffer> {
    yield headBytes
    if (finished) return
    input.off('error', swallowUntilRead)
    if (input.errored) throw input.errored
    // Pulls on demand, so backpressure reaches the input.
    for await (const chunk of input) yield typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer)
    finished = true
  }
  const stream = Readable.from(all(), { objectMode: false })
  // The consumer stopped early or failed (even before its first read): release the input,
  // as pipeline() would.
  stream.once('close', () => {
    if (!finished && !input.destroyed) input.destroy()
  })
  return { ...media, stream }
}
