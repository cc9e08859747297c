/**
 * Byte limits for the monument's media, shared by server and browser (the upload form can
 * refuse an oversized file before a single byte is sent; the server enforces the same figures).
 */
export const MEDIA_KINDS = ['photo', 'audio', 'video'] as const
export type MediaKind = (typeof MEDIA_KINDS)[number]

const MB = 1000 * 1000
const GB = 1000 * MB

/**
 * The upload field's `accept` list: what the server takes (the server decides by the bytes; this
 * only guides the file picker). File extensions next to the types because some systems do not
 * know `image/heic` and would grey out an iPhone photo.
 */
export const MEDIA_ACCEPT = [
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/avif',
  'image/heic',
  'image/heif',
  '.heic',
  '.heif',
  '.avif',
  'audio/*',
  'video/mp4',
  'video/webm',
].join(',')

/** Largest single file per kind. Decimal units, as phones and file managers show them. */
export const MEDIA_BYTE_LIMITS: Record<MediaKind, number> = {
  photo: 25 * MB,
  audio: 300 * MB,
  video: 2 * GB,
}

/**
 * Everything one survivor may keep on the monument together. Generous on purpose: a story
 * told in video should not hit a wall, but one account must not be able to fill the bucket.
 */
export const SURVIVOR_QUOTA_BYTES = 5 * GB

export type QuotaCheck =
  | { ok: true; remainingBytes: number }
  | {
      ok: false
      reason: 'tooLarge' | 'quotaExceeded'
      /** i18n key in the `monument` namespace, with `limit` and `remaining` as values. */
      key: 'monument:media.errors.tooLarge' | 'monument:media.errors.quotaExceeded'
      values: { limit: string; remaining: string }
      remainingBytes: number
    }

/**
 * Whether a file of `incomingBytes` of this kind still fits, given what the survivor already
 * stores. Pure: the caller sums `usedBytes` from the database (within the same transaction
 * as the insert, so two parallel uploads cannot both squeeze into the last gigabyte).
 */
export function checkQuota(args: {
  kind: MediaKind
  incomingBytes: number
  usedBytes: number
  quotaBytes?: number
}): QuotaCheck {
  if (!Number.isFinite(args.incomingBytes) || args.incomingBytes < 0) {
    throw new RangeError('incomingBytes must be a non-negative number')
  }
  const quota = args.quotaBytes ?? SURVIVOR_QUOTA_BYTES
  const remainingBytes = Math.max(0, quota - Math.max(0, args.usedBytes))
  const limit = MEDIA_BYTE_LIMITS[args.kind]
  const values = { limit: formatBytes(limit), remaining: formatBytes(remainingBytes) }
  if (args.incomingBytes > limit) {
    return { ok: false, reason: 'tooLarge', key: 'monument:media.errors.tooLarge', values, remainingBytes }
  }
  if (args.incomingBytes > remainingBytes) {
    return { ok: false, reason: 'quotaExceeded', key: 'monument:media.errors.quotaExceeded', values, remainingBytes }
  }
  return { ok: true, remainingBytes: remainingBytes - args.incomingBytes }
}

/**
 * The most bytes an upload of this kind may take when its size is not known in advance
 * (a streamed upload): pass it as `maxBytes` to `storage.put`, which aborts past it.
 */
export function maxUploadBytes(args: { kind: MediaKind; usedBytes: number; quotaBytes?: number }): number {
  const quota = args.quotaBytes ?? SURVIVOR_QUOTA_BYTES
  return Math.max(0, Math.min(MEDIA_BYTE_LIMITS[args.kind], quota - Math.max(0, args.usedBytes)))
}

/** "25 MB", "1,5 GB": short and locale-neutral enough for an error message's value. */
export function formatBytes(bytes: number, locale = 'nl-NL'): string {
  const units: Array<[number, string]> = [
    [GB, 'GB'],
    [MB, 'MB'],
    [1000, 'kB'],
  ]
  for (const [size, unit] of units) {
    if (bytes >= size) {
      return `${new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(bytes / size)} ${unit}`
    }
  }
  return `${bytes} B`
}
