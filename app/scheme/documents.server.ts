import { randomUUID } from 'node:crypto'
import { Readable } from 'node:stream'
import { fileTypeFromBuffer } from 'file-type'
import { ObjectTooLargeError } from '@storage/put-object'
import { storage } from '~/utils/storage.server'

/**
 * Evidence uploads: PDFs and images only, recognised by their content (never by the name or
 * the type the browser claims), at most 20 MB, streamed straight into storage.
 */
const MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
const DOCUMENT_TYPES = ['application/pdf', 'image/jpeg', 'image/png', 'image/heic', 'image/heif', 'image/webp', 'image/tiff'] as const
const SNIFF_BYTES = 4100

export type StoredUpload = { key: string; size: number; sha256: string; contentType: string; fileName: string }
export type UploadError = 'scheme:evidence.errors.type' | 'scheme:evidence.errors.tooLarge' | 'scheme:evidence.errors.empty'

/** The content type of a document from its first bytes, or null when it is not a PDF or an image we accept. */
async function sniffDocumentType(head: Uint8Array): Promise<string | null> {
  if (head.length >= 4 && Buffer.from(head.subarray(0, 4)).toString('latin1') === '%PDF') return 'application/pdf'
  const found = await fileTypeFromBuffer(head.subarray(0, SNIFF_BYTES))
  return found && (DOCUMENT_TYPES as readonly string[]).includes(found.mime) ? found.mime : null
}

async function drain(iterator: AsyncIterator<Uint8Array>) {
  // The multipart parser waits for this part to be read to the end before the next one.
  for (;;) {
    const { done } = await iterator.next()
    if (done) return
  }
}

/**
 * Stores one uploaded document under `prefix`. Returns what to register in stored_files, or
 * the i18n key of why it was refused (then nothing is left in storage).
 */
export async function storeDocumentUpload({
  prefix,
  fileName,
  data,
}: {
  prefix: string
  fileName: string
  data: AsyncIterable<Uint8Array>
}): Promise<StoredUpload | { error: UploadError }> {
  const iterator = data[Symbol.asyncIterator]()
  const chunks: Uint8Array[] = []
  let headLength = 0
  let ended = false
  while (headLength < SNIFF_BYTES) {
    const next = await iterator.next()
    if (next.done) {
      ended = true
      break
    }
    chunks.push(next.value)
    headLength += next.value.length
  }
  if (headLength === 0) return { error: 'scheme:evidence.errors.empty' }
  const head = Buffer.concat(chunks)
  const contentType = await sniffDocumentType(head)
  if (!contentType) {
    if (!ended) await drain(iterator)
    return { error: 'scheme:evidence.errors.type' }
  }
  async function* rest() {
    yield head
    if (ended) return
    for (;;) {
      const next = await iterator.next()
      if (next.done) return
      yield next.value
    }
  }
  const key = `${prefix}/${randomUUID()}`
  try {
    const stored = await storage.put({ key, body: Readable.from(rest()), contentType, maxBytes: MAX_DOCUMENT_BYTES })
    return { ...stored, contentType, fileName: cleanFileName(fileName) }
  } catch (error) {
    if (error instanceof ObjectTooLargeError) {
      await drain(iterator)
      return { error: 'scheme:evidence.errors.tooLarge' }
    }
    throw error
  }
}

/** A file name to show back to the person; never used as a storage key. */
function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? ''
  // Control characters and characters that are unsafe in a download's file name go.
  const cleaned = [...base]
    .filter((c) => c.charCodeAt(0) >= 32 && !'<>:"|?*'.includes(c))
    .join('')
    .trim()
    .slice(0, 120)
  return cleaned || 'document'
}
