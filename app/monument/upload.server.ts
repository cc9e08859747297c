import { Readable } from 'node:stream'
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web'
import busboy from 'busboy'
import { addStoryMedia, UploadRefusedError } from './media-add.server'
import { runMediaConsentForm } from './media-consent.server'
import { CAPTIONS_MAX_BYTES, deleteStoryMedia, setMediaCaptions, updateMediaDetails } from './media-edit.server'
import { MEDIA_BYTE_LIMITS } from './media-limits'
import { MediaDetailsSchema } from './schemas'
import type { Lng } from '~/i18n/config'

/** The request was no readable multipart form: no or a wrong boundary, a broken part header, cut off. */
export class MalformedUploadError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('malformed multipart form', options)
    this.name = 'MalformedUploadError'
  }
}

/** Limits of the upload forms: one file, a few small fields; anything more is not our form. */
const FORM_LIMITS = { files: 1, fields: 20, fieldSize: 10_000, parts: 50, headerPairs: 20 }

type UploadOutcome<T> = { ok: true; value: T } | { ok: false; error: unknown } | { ok: false; noFile: true }

/**
 * Streams the one file of a multipart request into `handle`, without ever holding it whole
 * in memory (busboy parses as the bytes arrive). Fields other than the file are ignored:
 * upload forms carry nothing else that matters. Resolves with the handler's outcome, or
 * `noFile` when the form held none; it never rejects, and no stream made here can end in an
 * unhandled 'error' (a form cut off, a wrong boundary, a client that goes away: busboy and
 * the request body report those as 'error' events, and one without a listener stops the
 * process).
 */
export async function streamSingleUpload<T>({
  request,
  field,
  maxBytes = MEDIA_BYTE_LIMITS.video,
  handle,
}: {
  request: Request
  field: string
  maxBytes?: number
  /**
   * Gets the file stream and `formDone`, which resolves once the whole form has arrived and
   * rejects when it is cut off or malformed after the file. A handler awaits it after reading
   * the file and before it commits anything: a body cut off after the file's last byte but
   * before the form's end is still a cut-off upload.
   */
  handle: (file: Readable, formDone: () => Promise<void>) => Promise<T>
}): Promise<UploadOutcome<T>> {
  const contentType = request.headers.get('content-type') ?? ''
  if (!request.body || !contentType.startsWith('multipart/form-data')) return { ok: false, noFile: true }
  let bb: busboy.Busboy
  let body: Readable
  try {
    // One byte over the largest limit: the handler's own byte limit refuses first, busboy's
    // cap only stops a runaway stream (a truncated file would end "normally").
    bb = busboy({ headers: { 'content-type': contentType }, limits: { ...FORM_LIMITS, fileSize: maxBytes + 1 } })
    body = Readable.fromWeb(request.body as unknown as NodeWebReadableStream<Uint8Array>)
  } catch (error) {
    // No boundary, or one busboy cannot use (or a body already read): there is nothing to read.
    return { ok: false, error: new MalformedUploadError({ cause: error }) }
  }
  let formError: unknown = null
  let settleForm: (error?: unknown) => void = () => {}
  const formComplete = new Promise<void>((resolve, reject) => {
    settleForm = (error) => (error ? reject(error) : resolve())
  })
  // A handler that refused early never awaits it.
  formComplete.catch(() => {})
  const formDone = () => formComplete

  const outcome = new Promise<UploadOutcome<T>>((resolve) => {
    let started = false
    bb.on('file', (name, stream) => {
      // First, before anything async: busboy destroys this stream with an error when the form
      // is cut off, possibly before the handler has attached its own listeners.
      stream.on('error', () => {})
      if (name !== field || started) {
        stream.resume()
        return
      }
      started = true
      stream.on('limit', () => stream.destroy(new Error('file over the byte limit')))
      handle(stream, formDone).then(
        (value) => resolve({ ok: true, value }),
        (error: unknown) => {
          // Refused before or while reading: let the rest of the form through (or away).
          if (!stream.destroyed) stream.resume()
          resolve({ ok: false, error })
        },
      )
    })
    bb.on('close', () => {
      settleForm(formError ?? undefined)
      if (!started) resolve(formError ? { ok: false, error: formError } : { ok: false, noFile: true })
    })
    bb.on('error', (error: unknown) => {
      formError = new MalformedUploadError({ cause: error })
      settleForm(formError)
      // A form cut off halfway: busboy destroys the file stream too, so the handler fails and
      // cleans up; without a file yet there is nothing to clean.
      if (!started) resolve({ ok: false, error: formError })
    })
  })
  // The body breaks (the connection dropped) or the client goes away: busboy is destroyed with
  // the error, which fails the file stream and so the handler.
  body.on('error', (error) => bb.destroy(error))
  const onAbort = () => body.destroy(new Error('request aborted'))
  if (request.signal.aborted) onAbort()
  else request.signal.addEventListener('abort', onAbort, { once: true })
  body.pipe(bb)
  const result = await outcome
  request.signal.removeEventListener('abort', onAbort)
  // Stop reading what is left of a refused upload.
  body.unpipe(bb)
  if (!bb.destroyed) bb.destroy()
  body.resume()
  return result
}

/**
 * The upload form's POST: streams the file into `addStoryMedia` and says where to go next —
 * back to the media step, with the refusal's message key (and its values) when refused.
 */
export async function receiveStoryMediaUpload({ request, authorId, storyId }: { request: Request; authorId: string; storyId: string }): Promise<string> {
  const back = `/mijn-verhalen/${storyId}?stap=media`
  const result = await streamSingleUpload({ request, field: 'media', handle: (input, formDone) => addStoryMedia({ authorId, storyId, input, beforeCommit: formDone }) })
  if (result.ok) return `${back}&opgeslagen=mediaAdded#media-${result.value.id}`
  if ('noFile' in result) return `${back}&fout=noFile#media-file`
  const refused = result.error instanceof UploadRefusedError ? result.error : new UploadRefusedError('monument:media.errors.interrupted')
  const params = new URLSearchParams({ fout: refused.key.replace('monument:media.errors.', '') })
  if (refused.values.limit) params.set('limiet', refused.values.limit)
  if (refused.values.remaining) params.set('ruimte', refused.values.remaining)
  return `${back}&${params.toString()}#media-file`
}

/** The buttons of one medium on the media step: details, captions (multipart), consent, delete. */
export async function runMediaItemAction({ request, authorId, storyId, mediaId, locale }: { request: Request; authorId: string; storyId: string; mediaId: string; locale: Lng }): Promise<string | null> {
  const back = `/mijn-verhalen/${storyId}?stap=media`
  if ((request.headers.get('content-type') ?? '').startsWith('multipart/form-data')) {
    const result = await streamSingleUpload({ request, field: 'captions', maxBytes: CAPTIONS_MAX_BYTES, handle: (input, formDone) => setMediaCaptions({ authorId, mediaId, input, beforeCommit: formDone }) })
    if (!result.ok) return `${back}&fout=${'noFile' in result ? 'noFile' : result.error instanceof UploadRefusedError ? result.error.key.replace('monument:media.errors.', '') : 'interrupted'}#media-${mediaId}`
    if (!result.value.ok) return result.value.reason === 'notFound' ? null : `${back}&fout=${result.value.reason.replace('monument:media.errors.', '')}#media-${mediaId}`
    return `${back}&opgeslagen=captions#media-${mediaId}`
  }
  // A body that is no form at all (another content type, or cut off) is a refused post, not a 500.
  const form = await request.formData().catch(() => null)
  if (!form) return `${back}&fout=interrupted#media-${mediaId}`
  const intent = form.get('intent')
  if (intent === 'details') {
    const parsed = MediaDetailsSchema.safeParse({ description: form.get('description') ?? undefined, transcript: form.get('transcript') ?? undefined })
    if (!parsed.success) return `${back}&fout=${String(parsed.error.issues[0]?.message ?? '').replace('monument:media.errors.', '')}#media-${mediaId}`
    const result = await updateMediaDetails({ authorId, mediaId, details: parsed.data })
    if (!result.ok) return result.reason === 'notEditable' ? `${back}&fout=notEditable#media-${mediaId}` : null
    return `${back}&opgeslagen=mediaDetails#media-${mediaId}`
  }
  if (intent === 'consent') return runMediaConsentForm({ authorId, storyId, mediaId, form, locale })
  if (intent === 'delete') {
    const result = await deleteStoryMedia({ authorId, mediaId })
    return result.ok ? `${back}&opgeslagen=mediaDeleted` : null
  }
  return back
}
