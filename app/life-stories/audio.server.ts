import { randomUUID } from 'node:crypto'
import type { Readable } from 'node:stream'
import { ObjectTooLargeError } from '@storage/put-object'
import { readUploadForm, type FormFailure } from '~/files/multipart.server'
import { MEDIA_BYTE_LIMITS } from '~/monument/media-limits'
import { MediaIncompleteError, probeStoredMedia } from '~/monument/media-probe.server'
import { MediaTypeError, sniffMediaStream } from '~/monument/media-type.server'
import { storage } from '~/utils/storage.server'

/**
 * The optional audio of a life story: recognised by its bytes (the monument's sniffer, audio
 * only), at most the monument's audio limit, streamed into storage while the form arrives and
 * checked to be whole afterwards (the monument's probe). A refused or cut-off file is removed
 * again, so nothing stays in the bucket without a stored_files row.
 */
export const LIFE_STORY_AUDIO_MAX_BYTES = MEDIA_BYTE_LIMITS.audio

export type StoredAudio = { key: string; size: number; sha256: string; contentType: string }
export type AudioError = 'lifeStories:register.errors.audioType' | 'lifeStories:register.errors.audioTooLarge' | 'lifeStories:register.errors.audioIncomplete'
type Stored = StoredAudio | { error: AudioError }

async function storeAudio(input: Readable): Promise<Stored | null> {
  let sniffed
  try {
    sniffed = await sniffMediaStream(input)
  } catch (error) {
    input.resume()
    if (error instanceof MediaTypeError) return error.key === 'monument:media.errors.empty' ? null : { error: 'lifeStories:register.errors.audioType' }
    throw error
  }
  if (sniffed.kind !== 'audio') {
    input.resume()
    return { error: 'lifeStories:register.errors.audioType' }
  }
  const key = `life-stories/${randomUUID()}.${sniffed.ext}`
  try {
    const put = await storage.put({ key, body: sniffed.stream, contentType: sniffed.mime, maxBytes: LIFE_STORY_AUDIO_MAX_BYTES })
    try {
      await probeStoredMedia({ storage, key, size: put.size, mime: sniffed.mime, kind: 'audio' })
    } catch (error) {
      await storage.remove(key).catch(() => {})
      if (error instanceof MediaIncompleteError) return { error: 'lifeStories:register.errors.audioIncomplete' }
      throw error
    }
    return { key, size: put.size, sha256: put.sha256, contentType: sniffed.mime }
  } catch (error) {
    input.resume()
    if (error instanceof ObjectTooLargeError) return { error: 'lifeStories:register.errors.audioTooLarge' }
    throw error
  }
}

/**
 * Reads the registration form (multipart, so it works without JavaScript), streaming the audio
 * into storage. A form that cannot be read to its end gives the fields that did arrive and a
 * reason; its stored audio is removed.
 */
export async function readRegistrationForm(request: Request): Promise<
  { ok: true; form: FormData; audio: Stored | null } | { ok: false; reason: FormFailure; fields: Record<string, string> }
> {
  const read = await readUploadForm<Stored | null>({
    request,
    fileField: 'audio',
    storeFile: ({ stream }) => storeAudio(stream),
    discardFile: async (stored) => {
      if (stored && !('error' in stored)) await storage.remove(stored.key).catch(() => {})
    },
  })
  if (!read.ok) return read
  return { ok: true, form: read.form, audio: read.file }
}

/** Removes stored audio that will not be registered (the rest of the form was refused). */
export async function discardAudio(audio: Stored | null) {
  if (audio && !('error' in audio)) await storage.remove(audio.key).catch(() => {})
}
