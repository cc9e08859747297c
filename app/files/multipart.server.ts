import { Readable } from 'node:stream'
import type { ReadableStream as NodeWebReadableStream } from 'node:stream/web'
import busboy from 'busboy'

/**
 * Reads a multipart form whose one file is streamed into storage while the form arrives
 * (never held in memory), for forms that also carry text fields (the scheme's evidence and
 * answer forms). Unlike Remix's unstable_parseMultipartFormData it never rejects: a form cut
 * off halfway, without or with a wrong boundary, with a broken part header, with too many or
 * too large parts, or whose client goes away, ends as `{ ok: false }`, and a file already
 * stored for it is handed to `discardFile`, so nothing stays in the bucket. Every stream made
 * here has an 'error' listener: an unhandled 'error' event would stop the process.
 */

export type FormFailure = 'malformed' | 'interrupted' | 'tooLarge' | 'storage'

export type ReadFormResult<F> =
  | { ok: true; form: FormData; file: F | null }
  | {
      ok: false
      reason: FormFailure
      /** The text fields that did arrive, to show back (nothing typed is lost). */
      fields: Record<string, string>
    }

/** One form holds at most a few dozen small fields; these limits are far above any real form. */
export const FORM_LIMITS = { files: 3, fields: 50, fieldSize: 100_000, parts: 60, headerPairs: 20 }

export async function readUploadForm<F>({
  request,
  fileField,
  storeFile,
  discardFile,
}: {
  request: Request
  /** The one file field that is stored; other file parts are read past. */
  fileField: string
  storeFile: (file: { fileName: string; stream: Readable }) => Promise<F>
  /** Undoes `storeFile` when the rest of the form fails. */
  discardFile: (file: F) => Promise<void>
}): Promise<ReadFormResult<F>> {
  const fields: Record<string, string> = {}
  const contentType = request.headers.get('content-type') ?? ''
  if (!request.body) return { ok: false, reason: 'malformed', fields }
  let bb: busboy.Busboy
  let body: Readable
  try {
    bb = busboy({ headers: { 'content-type': contentType }, limits: FORM_LIMITS })
    body = Readable.fromWeb(request.body as unknown as NodeWebReadableStream<Uint8Array>)
  } catch {
    // No boundary, or one busboy cannot use (or a body already read): nothing to read.
    return { ok: false, reason: 'malformed', fields }
  }

  const form = new FormData()
  let failure: FormFailure | null = null
  const fail = (reason: FormFailure) => {
    failure ??= reason
  }
  let stored: Promise<{ value: F } | null> = Promise.resolve(null)
  let fileSeen = false

  const parsed = new Promise<void>((resolve) => {
    bb.on('field', (name, value, info) => {
      // A text value under the file's name is never a stored file: callers read that field as
      // the description of what storeFile kept, and it must not be forgeable.
      if (name === fileField) return
      if (info.nameTruncated || info.valueTruncated) fail('tooLarge')
      else {
        form.append(name, value)
        fields[name] = value
      }
    })
    bb.on('file', (name, stream, info) => {
      // First, before anything async: busboy destroys this stream with an error when the form
      // is cut off, possibly before the handler has attached its own listeners.
      stream.on('error', () => {})
      if (name !== fileField || fileSeen || !info.filename) {
        // An empty file input (nothing chosen) is sent as a part without a file name.
        if (name === fileField && !fileSeen) form.append(name, '')
        stream.resume()
        return
      }
      fileSeen = true
      stored = storeFile({ fileName: info.filename, stream }).then(
        (value) => {
          // The handler may have stopped reading early (a refused type): let the form go on.
          if (!stream.readableEnded) stream.resume()
          return { value }
        },
        (error: unknown) => {
          if (!stream.readableEnded) stream.resume()
          // The file stream failed because the form did (cut off, client gone); otherwise storage did.
          fail(stream.errored || failure ? 'interrupted' : 'storage')
          void error
          return null
        },
      )
    })
    bb.on('partsLimit', () => fail('tooLarge'))
    bb.on('filesLimit', () => fail('tooLarge'))
    bb.on('fieldsLimit', () => fail('tooLarge'))
    bb.on('error', (error: Error) => {
      fail(/Unexpected end/.test(error.message) ? 'interrupted' : 'malformed')
      resolve()
    })
    bb.on('close', () => resolve())
  })
  body.on('error', (error) => {
    fail('interrupted')
    bb.destroy(error)
  })
  const onAbort = () => body.destroy(new Error('request aborted'))
  if (request.signal.aborted) onAbort()
  else request.signal.addEventListener('abort', onAbort, { once: true })
  body.pipe(bb)

  await parsed
  const file = await stored
  request.signal.removeEventListener('abort', onAbort)
  body.unpipe(bb)
  if (!bb.destroyed) bb.destroy()
  body.resume()

  if (failure) {
    if (file) await discardFile(file.value).catch(() => {})
    return { ok: false, reason: failure, fields }
  }
  return { ok: true, form, file: file?.value ?? null }
}
