import type { Readable } from 'node:stream'
import { parseStream } from 'music-metadata'
import type { Storage } from '@storage/index'
import type { MediaKind } from './media-limits'

/**
 * Whether a stored audio or video file is whole: its container can be read to the end and
 * says how long it is. The type check (`sniffMediaStream`) only sees the first bytes, so an
 * OGG cut off after 4 kB, or an MP4 whose recording stopped before the phone wrote its index
 * (the `moov` box), passed as audio or video that no player can use. The probe reads the
 * object back from storage after the streamed upload, never holding it whole in memory:
 * MP4 by its top-level boxes (a few small range requests, however large the video), other
 * audio with music-metadata over a stream of the object (WebM too, as far as it can tell).
 */

export type ProbeErrorKey = 'monument:media.errors.incomplete'

export class MediaIncompleteError extends Error {
  readonly key: ProbeErrorKey = 'monument:media.errors.incomplete'
  constructor(
    /** Why, for the log; never shown as-is. */
    public readonly reason: string,
  ) {
    super(`media incomplete: ${reason}`)
    this.name = 'MediaIncompleteError'
  }
}

/** music-metadata's warnings that mean "the file ends before its container does". */
const TRUNCATION_WARNINGS = [/End-of-stream reached/i, /data chunk length exceeding file length/i, /exceeds remaining bytes/i, /unexpected end/i]

/** Most top-level boxes an MP4 may have before we stop looking (a normal one has fewer than ten). */
const MAX_MP4_BOXES = 256

async function readRange(storage: Storage, key: string, start: number, length: number): Promise<Buffer> {
  const out = await storage.stream({ key, range: { start, end: start + length - 1 } })
  if (!out) throw new MediaIncompleteError('object gone')
  const chunks: Buffer[] = []
  for await (const chunk of out.body) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks)
}

/**
 * MP4 (and M4A): the top-level boxes must tile the file exactly, one of them must be `moov`,
 * and its movie header must give a duration. Each box costs one 16-byte range request.
 */
async function probeMp4(storage: Storage, key: string, size: number) {
  let offset = 0
  let duration: number | null = null
  for (let boxes = 0; offset < size; boxes++) {
    if (boxes >= MAX_MP4_BOXES) throw new MediaIncompleteError('too many top-level boxes')
    if (size - offset < 8) throw new MediaIncompleteError('cut inside a box header')
    const head = await readRange(storage, key, offset, Math.min(16, size - offset))
    let boxSize = head.readUInt32BE(0)
    const type = head.toString('latin1', 4, 8)
    let headerSize = 8
    if (boxSize === 1) {
      if (head.length < 16) throw new MediaIncompleteError('cut inside a box header')
      boxSize = Number(head.readBigUInt64BE(8))
      headerSize = 16
    } else if (boxSize === 0) boxSize = size - offset
    if (boxSize < headerSize) throw new MediaIncompleteError(`malformed ${type} box`)
    if (offset + boxSize > size) throw new MediaIncompleteError(`${type} box runs past the end`)
    if (type === 'moov') duration = await movieDuration(storage, key, offset + headerSize, boxSize - headerSize)
    offset += boxSize
  }
  if (duration === null) throw new MediaIncompleteError('no moov box')
  if (!(duration > 0)) throw new MediaIncompleteError('no duration')
}

/** The duration in seconds from the `mvhd` box, which comes first or nearly first in `moov`. */
async function movieDuration(storage: Storage, key: string, start: number, length: number): Promise<number> {
  const bytes = await readRange(storage, key, start, Math.min(length, 4096))
  for (let at = 0; at + 8 <= bytes.length; ) {
    const boxSize = bytes.readUInt32BE(at)
    const type = bytes.toString('latin1', at + 4, at + 8)
    if (type === 'mvhd') {
      const version = bytes[at + 8]
      if (version === 1 && at + 40 <= bytes.length) return Number(bytes.readBigUInt64BE(at + 32)) / bytes.readUInt32BE(at + 28)
      if (version === 0 && at + 32 <= bytes.length) return bytes.readUInt32BE(at + 28) / bytes.readUInt32BE(at + 24)
      return 0
    }
    if (boxSize < 8) break
    at += boxSize
  }
  throw new MediaIncompleteError('no movie header')
}

/** Whether a WAV's data chunk declares the "unknown length" sizes (0 or 0xFFFFFFFF) that streaming writers use. */
async function wavSizeUnknown(storage: Storage, key: string) {
  const head = await readRange(storage, key, 0, 4096)
  for (let at = 12; at + 8 <= head.length; ) {
    const size = head.readUInt32LE(at + 4)
    if (head.toString('latin1', at, at + 4) === 'data') return size === 0 || size === 0xffffffff
    at += 8 + size + (size % 2)
  }
  return false
}

async function probeWithMusicMetadata(storage: Storage, key: string, size: number, mime: string, needsDuration: boolean) {
  const out = await storage.stream({ key })
  if (!out) throw new MediaIncompleteError('object gone')
  const body: Readable = out.body
  body.on('error', () => {})
  try {
    const metadata = await parseStream(body, { mimeType: mime, size }, { duration: true, skipCovers: true })
    const warning = metadata.quality.warnings.find((w) => TRUNCATION_WARNINGS.some((pattern) => pattern.test(w.message)))
    // A WAV written while recording (to a pipe) may declare "unknown" sizes: it cannot be told from a cut one.
    if (warning && !(mime === 'audio/wav' && (await wavSizeUnknown(storage, key)))) throw new MediaIncompleteError(warning.message)
    if (!metadata.format.container) throw new MediaIncompleteError('no container')
    if (needsDuration && !((metadata.format.duration ?? 0) > 0)) throw new MediaIncompleteError('no duration')
  } catch (error) {
    if (error instanceof MediaIncompleteError) throw error
    // music-metadata could not read the container at all (damaged, or cut inside a header).
    throw new MediaIncompleteError(error instanceof Error ? error.message : 'unreadable')
  } finally {
    // The parser may stop before the end: the rest is not needed.
    body.destroy()
  }
}

/**
 * Throws MediaIncompleteError when the stored audio or video `key` is not whole. Photos are
 * checked when they are decoded (photo.server.ts) and never reach this.
 */
export async function probeStoredMedia({ storage, key, size, mime, kind }: { storage: Storage; key: string; size: number; mime: string; kind: MediaKind }) {
  if (kind === 'photo') return
  if (mime === 'video/mp4' || mime === 'audio/mp4') return probeMp4(storage, key, size)
  // A WebM from a browser's recorder (MediaRecorder) carries no duration: only its container is checked.
  return probeWithMusicMetadata(storage, key, size, mime, mime !== 'video/webm')
}
