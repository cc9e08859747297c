import { describe, expect, it } from 'vitest'
import { checkQuota, formatBytes, MEDIA_ACCEPT, MEDIA_BYTE_LIMITS, maxUploadBytes, SURVIVOR_QUOTA_BYTES } from './media-limits'

const MB = 1000 * 1000
const GB = 1000 * MB

describe('media limits', () => {
  it('has the agreed limits per kind and per survivor', () => {
    expect(MEDIA_BYTE_LIMITS).toEqual({ photo: 25 * MB, audio: 300 * MB, video: 2 * GB })
    expect(SURVIVOR_QUOTA_BYTES).toBe(5 * GB)
  })

  it('accepts a file that fits and reports what is left', () => {
    expect(checkQuota({ kind: 'photo', incomingBytes: 5 * MB, usedBytes: 1 * GB })).toEqual({
      ok: true,
      remainingBytes: 4 * GB - 5 * MB,
    })
    // Exactly at the limits is still allowed.
    expect(checkQuota({ kind: 'video', incomingBytes: 2 * GB, usedBytes: 3 * GB })).toEqual({ ok: true, remainingBytes: 0 })
  })

  it('refuses a file above its kind limit, even with space left', () => {
    expect(checkQuota({ kind: 'photo', incomingBytes: 25 * MB + 1, usedBytes: 0 })).toMatchObject({
      ok: false,
      reason: 'tooLarge',
      key: 'monument:media.errors.tooLarge',
      values: { limit: '25 MB' },
    })
  })

  it('refuses a file that does not fit in what is left of the quota', () => {
    expect(checkQuota({ kind: 'audio', incomingBytes: 200 * MB, usedBytes: 4.9 * GB })).toMatchObject({
      ok: false,
      reason: 'quotaExceeded',
      key: 'monument:media.errors.quotaExceeded',
      values: { remaining: '100 MB' },
      remainingBytes: 100 * MB,
    })
    expect(checkQuota({ kind: 'photo', incomingBytes: 1, usedBytes: 6 * GB })).toMatchObject({ ok: false, remainingBytes: 0 })
    expect(checkQuota({ kind: 'photo', incomingBytes: 1, usedBytes: 0, quotaBytes: 0 })).toMatchObject({ reason: 'quotaExceeded' })
  })

  it('rejects nonsense sizes', () => {
    expect(() => checkQuota({ kind: 'photo', incomingBytes: -1, usedBytes: 0 })).toThrow(RangeError)
    expect(() => checkQuota({ kind: 'photo', incomingBytes: Number.NaN, usedBytes: 0 })).toThrow(RangeError)
  })

  it('gives the byte cap for a streamed upload: the kind limit or what is left, whichever is smaller', () => {
    expect(maxUploadBytes({ kind: 'video', usedBytes: 0 })).toBe(2 * GB)
    expect(maxUploadBytes({ kind: 'video', usedBytes: 4.5 * GB })).toBe(0.5 * GB)
    expect(maxUploadBytes({ kind: 'photo', usedBytes: 6 * GB })).toBe(0)
  })

  it('formats sizes for messages', () => {
    expect(formatBytes(25 * MB)).toBe('25 MB')
    expect(formatBytes(1.5 * GB)).toBe('1,5 GB')
    expect(formatBytes(1.5 * GB, 'en-GB')).toBe('1.5 GB')
    expect(formatBytes(512)).toBe('512 B')
  })

  it('lets the file picker offer every photo type the server takes, iPhone photos included', () => {
    const accept = MEDIA_ACCEPT.split(',')
    for (const type of ['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/heic', 'image/heif', '.heic', '.heif', '.avif']) {
      expect(accept, type).toContain(type)
    }
    // Never a blanket image/*: GIF, SVG or TIFF would only be refused after the upload.
    expect(accept).not.toContain('image/*')
  })
})
