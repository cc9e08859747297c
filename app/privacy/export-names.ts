/**
 * Names of files in a data export. A person should recognise their own files ("kaart.pdf"),
 * not get storage keys without an extension. The name comes from what the person uploaded,
 * so it is treated as hostile: no folders, no "..", no control characters, nothing a zip
 * tool or file system refuses, and an extension that matches the stored content (which was
 * recognised by its bytes, not by the name).
 */

const EXTENSIONS: Record<string, string[]> = {
  'application/pdf': ['pdf'],
  'image/jpeg': ['jpg', 'jpeg'],
  'image/png': ['png'],
  'image/heic': ['heic'],
  'image/heif': ['heif', 'heic'],
  'image/webp': ['webp'],
  'image/tiff': ['tif', 'tiff'],
  'image/avif': ['avif'],
  'image/gif': ['gif'],
  'audio/mpeg': ['mp3'],
  'audio/mp4': ['m4a'],
  'audio/ogg': ['ogg', 'oga'],
  'audio/wav': ['wav'],
  'video/mp4': ['mp4'],
  'video/webm': ['webm'],
  'text/vtt': ['vtt'],
  'text/plain': ['txt'],
}

const MAX_NAME = 100

/** One safe path segment: what is left of `name` after everything unsafe is taken out. */
export function safeSegment(name: string, fallback = 'file'): string {
  const base = name.split(/[\\/]/).pop() ?? ''
  const cleaned = [...base.normalize('NFC')]
    .filter((c) => {
      const code = c.codePointAt(0)!
      return code >= 32 && code !== 127 && !(code >= 0x80 && code < 0xa0) && !'<>:"|?*'.includes(c)
    })
    .join('')
    .trim()
    // A leading dot hides a file or names a parent folder; trailing dots and spaces are dropped by Windows.
    .replace(/^\.+/, '')
    .replace(/[. ]+$/, '')
  return cleaned || fallback
}

/**
 * The name of an uploaded file in an export: its original name made safe, with the
 * extension of its real content type (added when the name has none or another one).
 */
export function exportFileName({ name, contentType }: { name: string | null | undefined; contentType?: string | null }): string {
  const safe = safeSegment(name ?? '', 'document')
  const known = contentType ? EXTENSIONS[contentType.toLowerCase()] : undefined
  const dot = safe.lastIndexOf('.')
  const ext = dot > 0 ? safe.slice(dot + 1).toLowerCase() : ''
  if (!known || known.includes(ext)) return shorten(safe, dot > 0 ? safe.slice(dot) : '')
  return shorten(`${safe}.${known[0]}`, `.${known[0]}`)
}

/** Keeps the extension when a long name is cut. */
function shorten(name: string, ext: string): string {
  if (name.length <= MAX_NAME) return name
  return `${name.slice(0, MAX_NAME - ext.length).trimEnd()}${ext}`
}

/** "kaart.pdf" taken: "kaart (2).pdf", "kaart (3).pdf", … */
export function uniqueName(name: string, taken: Set<string>): string {
  if (!taken.has(name.toLowerCase())) {
    taken.add(name.toLowerCase())
    return name
  }
  const slash = name.lastIndexOf('/')
  const dot = name.lastIndexOf('.')
  const cut = dot > slash + 1 ? dot : name.length
  for (let n = 2; ; n++) {
    const candidate = `${name.slice(0, cut)} (${n})${name.slice(cut)}`
    if (!taken.has(candidate.toLowerCase())) {
      taken.add(candidate.toLowerCase())
      return candidate
    }
  }
}
