import { type Readable } from 'node:stream'
import sharp from 'sharp'
import { MEDIA_BYTE_LIMITS } from './media-limits'

/**
 * Photos for the monument lose every piece of metadata before they are stored: EXIF (camera
 * make, model and serial number, date and time), GPS coordinates, XMP, IPTC and ICC profiles.
 * A photo of a childhood home must not also carry the address where it was taken today.
 *
 * sharp drops all of it when re-encoding unless asked to keep it (`withMetadata`,
 * `keepExif`, …): this module never asks. `.rotate()` comes first so the EXIF orientation is
 * applied to the pixels before the tag that describes it disappears.
 */

export const PHOTO_VARIANTS = [
  { name: 'web', maxSize: 1600 },
  { name: 'medium', maxSize: 800 },
  { name: 'thumb', maxSize: 400 },
] as const
export type PhotoVariantName = (typeof PHOTO_VARIANTS)[number]['name']

export type ProcessedImage = { buffer: Buffer; mime: 'image/jpeg' | 'image/webp'; width: number; height: number; byteSize: number }
export type ProcessedPhoto = {
  /** Full resolution, re-encoded without metadata: the survivor's own copy. */
  original: ProcessedImage
  variants: Array<ProcessedImage & { name: PhotoVariantName; maxSize: number }>
}

export type PhotoErrorKey =
  | 'monument:media.errors.unreadablePhoto'
  | 'monument:media.errors.heicNotSupported'
  | 'monument:media.errors.tooLarge'

export class PhotoProcessingError extends Error {
  constructor(
    public readonly key: PhotoErrorKey,
    options?: { cause?: unknown },
  ) {
    super(`photo refused: ${key}`, options)
    this.name = 'PhotoProcessingError'
  }
}

/**
 * Largest image, in pixels, we decode. A small file can claim enormous dimensions (a
 * "decompression bomb"); 200 megapixels still covers the largest phone cameras.
 */
export const MAX_INPUT_PIXELS = 200_000_000

/**
 * Trade-off: the photo is read into memory whole. Photos are at most 25 MB, and one buffer
 * lets sharp decode the same bytes several times (original, then each variant with JPEG
 * shrink-on-load) without a temporary file. Rotating by EXIF orientation needs the whole
 * decoded image anyway, so streaming would not lower the peak much. Audio and video are never
 * handled this way.
 */
async function readPhotoBytes(input: Readable | Buffer, maxBytes: number): Promise<Buffer> {
  if (Buffer.isBuffer(input)) {
    if (input.length > maxBytes) throw new PhotoProcessingError('monument:media.errors.tooLarge')
    return input
  }
  const chunks: Buffer[] = []
  let length = 0
  for await (const chunk of input) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer)
    length += bytes.length
    if (length > maxBytes) {
      input.destroy()
      throw new PhotoProcessingError('monument:media.errors.tooLarge')
    }
    chunks.push(bytes)
  }
  return Buffer.concat(chunks, length)
}

/**
 * Re-encodes a photo without any metadata, upright and in sRGB, and makes the web variants.
 * Opaque photos become JPEG; photos with transparency become WebP (JPEG has no alpha).
 * The input's type must already have been checked by its bytes (`sniffMediaStream`).
 */
export async function processPhoto(args: { input: Readable | Buffer; maxBytes?: number }): Promise<ProcessedPhoto> {
  const bytes = await readPhotoBytes(args.input, args.maxBytes ?? MEDIA_BYTE_LIMITS.photo)
  const open = () => sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'warning' })

  let meta: sharp.Metadata
  try {
    meta = await open().metadata()
  } catch (error) {
    throw new PhotoProcessingError('monument:media.errors.unreadablePhoto', { cause: error })
  }
  const hasAlpha = meta.hasAlpha === true

  const encode = async (resize?: number): Promise<ProcessedImage> => {
    // rotate() before anything else: afterwards the orientation tag is gone with the rest.
    let pipeline = open().rotate()
    if (resize) pipeline = pipeline.resize({ width: resize, height: resize, fit: 'inside', withoutEnlargement: true })
    // Convert to sRGB using the embedded profile (sharp does so when the profile is not
    // kept), so colours look the same in every browser once the profile is dropped.
    pipeline = pipeline.toColourspace('srgb')
    const encoder = hasAlpha
      ? pipeline.webp({ quality: resize ? 82 : 92, alphaQuality: 100 })
      : pipeline.jpeg({ quality: resize ? 82 : 90, progressive: true })
    const { data, info } = await encoder.toBuffer({ resolveWithObject: true })
    const mime = hasAlpha ? 'image/webp' : 'image/jpeg'
    return { buffer: data, mime, width: info.width, height: info.height, byteSize: data.length }
  }

  try {
    const original = await encode()
    const variants = []
    for (const variant of PHOTO_VARIANTS) {
      variants.push({ ...(await encode(variant.maxSize)), name: variant.name, maxSize: variant.maxSize })
    }
    return { original, variants }
  } catch (error) {
    // The header of an HEVC-coded HEIC reads fine, its pixels do not (the prebuilt sharp has
    // no HEVC decoder): say so, instead of calling the photo unreadable.
    const heic = meta.format === 'heif' && meta.compression !== 'av1'
    throw new PhotoProcessingError(
      heic ? 'monument:media.errors.heicNotSupported' : 'monument:media.errors.unreadablePhoto',
      { cause: error },
    )
  }
}
