/**
 * BagIt (RFC 8493) as the archive packages write and check it: the fixed tag files, the
 * manifest lines and the Payload-Oxum. Pure functions, shared by the builder and the verifier,
 * so both read a manifest the same way. Paths are relative to the bag, with '/' separators.
 */

export const BAGIT_TXT = 'BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n'

export const MANIFEST = 'manifest-sha256.txt'
export const TAG_MANIFEST = 'tagmanifest-sha256.txt'
export const BAG_INFO = 'bag-info.txt'
export const BAGIT = 'bagit.txt'

/** `<octets>.<files>` of the payload (RFC 8493 §2.2.2). */
export function payloadOxum(files: Array<{ bytes: number }>): string {
  return `${files.reduce((sum, f) => sum + f.bytes, 0)}.${files.length}`
}

/** RFC 8493 §2.1.3: in a manifest, CR, LF and '%' in a path are percent-encoded. */
export function encodeManifestPath(path: string): string {
  return path.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')
}

export function decodeManifestPath(path: string): string {
  return path.replace(/%0D/gi, '\r').replace(/%0A/gi, '\n').replace(/%25/g, '%')
}

/** Manifest text: one `<sha256>  <path>` line per file, sorted by path so the same bag gives the same bytes. */
export function manifestText(files: Array<{ path: string; sha256: string }>): string {
  return [...files]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((f) => `${f.sha256}  ${encodeManifestPath(f.path)}\n`)
    .join('')
}

/** Reads a manifest into path → sha256; lines that are not `<64 hex> <space(s)> <path>` are returned as problems. */
export function parseManifest(text: string): { entries: Map<string, string>; problems: string[] } {
  const entries = new Map<string, string>()
  const problems: string[] = []
  text.split(/\r?\n/).forEach((line, i) => {
    if (line === '') return
    const match = /^([0-9a-fA-F]{64})[ \t]+\*?(.+)$/.exec(line)
    if (!match) problems.push(`line ${i + 1} of the manifest is not "<sha256> <path>"`)
    else entries.set(decodeManifestPath(match[2]!), match[1]!.toLowerCase())
  })
  return { entries, problems }
}

/**
 * bag-info.txt: `Label: value` lines. Values are made one line (a newline would start a
 * new label), so a hostile value cannot forge another field.
 */
export function bagInfoText(fields: Array<[string, string]>): string {
  return fields.map(([label, value]) => `${label}: ${value.replace(/[\r\n]+/g, ' ').trim()}\n`).join('')
}

/** Reads bag-info.txt into label → value (continuation lines, starting with white space, are joined). */
export function parseBagInfo(text: string): Map<string, string> {
  const fields = new Map<string, string>()
  let last: string | null = null
  for (const line of text.split(/\r?\n/)) {
    if (line === '') continue
    if (/^[ \t]/.test(line) && last) {
      fields.set(last, `${fields.get(last)} ${line.trim()}`)
      continue
    }
    const at = line.indexOf(':')
    if (at <= 0) continue
    last = line.slice(0, at).trim()
    fields.set(last, line.slice(at + 1).trim())
  }
  return fields
}

const EXTENSIONS: Record<string, string> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/wave': 'wav',
  'audio/ogg': 'ogg',
  'audio/webm': 'webm',
  'video/mp4': 'mp4',
  'video/webm': 'webm',
  'video/quicktime': 'mov',
}

/** The payload names of the n-th medium's files (ASCII only: the original names are the survivor's, never used). */
export function mediaPaths(n: number, kind: 'photo' | 'audio' | 'video', mime: string) {
  const ext = EXTENSIONS[mime.toLowerCase().split(';')[0]!.trim()] ?? 'bin'
  return {
    original: `data/media/${n}-${kind}.${ext}`,
    transcript: `data/media/${n}-transcript.txt`,
    captions: `data/media/${n}-captions.vtt`,
  }
}
