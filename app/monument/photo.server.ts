import { type Readable } from 'node:stream'
import sharp, { type Metadata, type Sharp } from 'sharp'
import { MEDIA_BYTE_LIMITS } from './media-limits'
import { sniffHeif } from './media-type.server'
import { decodeInThread, withHeicSlot, type DecodedPixels } from './photo-heic-decoder.server'

/**
 * Photos for the monument lose every piece of metadata before they are stored: EXIF (camera
 * make, model and serial number, date and time), GPS coordinates, XMP, IPTC and ICC profiles.
 * A photo of a childhood home must not also carry the address where it was taken today.
 *
 * sharp drops all of it when re-encoding unless asked to keep it (`withMetadata`,
 * `keepExif`, …): this module never asks. `.rotate()` comes first so the EXIF orientation is
 * applied to the pixels before the tag that describes it disappears.
 *
 * HEIC (iPhone photos) is the exception to "sharp reads it": the prebuilt libvips decodes
 * HEIF only with AV1 (AVIF), not HEVC. HEIC is decoded by heic-decode (libheif compiled to
 * WebAssembly) into bare RGBA pixels, which sharp then encodes like any other photo. Raw
 * pixels carry no metadata at all, so nothing of the HEIC's EXIF can come along. libheif
 * applies the HEIF rotation and mirroring (`irot`, `imir`) while decoding, and by the HEIF
 * rules the EXIF orientation tag must then be ignored: it describes the same turn, and iPhones
 * write both. Known limit: libheif does no colour management, so a Display P3 HEIC is read as
 * if it were sRGB (slightly duller colours); its ICC profile is dropped with the rest.
 */

const PHOTO_VARIANTS = [
  { name: 'web', maxSize: 1600 },
  { name: 'medium', maxSize: 800 },
  { name: 'thumb', maxSize: 400 },
] as const
type PhotoVariantName = (typeof PHOTO_VARIANTS)[number]['name']

export type ProcessedImage = { buffer: Buffer; mime: 'image/jpeg' | 'image/webp'; width: number; height: number; byteSize: number }
export type ProcessedPhoto = {
  /** Full resolution, re-encoded without metadata: the survivor's own copy. */
  original: ProcessedImage
  variants: Array<ProcessedImage & { name: PhotoVariantName; maxSize: number }>
}

export type PhotoErrorKey =
  | 'monument:media.errors.unreadablePhoto'
  /** A HEIC we recognised but could not decode (damaged, or a sequence or collection). */
  | 'monument:media.errors.heicNotSupported'
  | 'monument:media.errors.tooLarge'
  /** More pixels than we decode (a "decompression bomb", or a huge scan): only a smaller photo helps. */
  | 'monument:media.errors.photoTooManyPixels'

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
const MAX_INPUT_PIXELS = 200_000_000

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
  if (await isHevcHeif(bytes)) return withHeicSlot(() => processHeic(bytes))
  return encodePhoto({ open: () => sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'warning' }), orient: true })
}

/**
 * A HEIF file that sharp cannot decode itself: anything in a HEIF container but AVIF. When
 * sharp cannot even read the header (damaged file), libheif gets to try, and to refuse.
 */
async function isHevcHeif(bytes: Buffer): Promise<boolean> {
  const heif = sniffHeif(bytes)
  if (!heif) return false
  const meta = await sharp(bytes).metadata().catch(() => null)
  return meta?.compression !== 'av1'
}

async function processHeic(bytes: Buffer): Promise<ProcessedPhoto> {
  let decoded: DecodedPixels
  try {
    decoded = await decodeInThread(bytes)
  } catch (error) {
    // Trying again cannot help a HEIC with too many pixels; a smaller photo can.
    if (error instanceof Error && /too large to decode/.test(error.message)) throw new PhotoProcessingError('monument:media.errors.photoTooManyPixels', { cause: error })
    throw new PhotoProcessingError('monument:media.errors.heicNotSupported', { cause: error })
  }
  const { width, height, pixels } = decoded
  // libheif always hands out RGBA; a photo without transparency stays a JPEG.
  let opaque = true
  for (let i = 3; i < pixels.length; i += 4) {
    if (pixels[i] !== 255) {
      opaque = false
      break
    }
  }
  return encodePhoto({
    open: () => {
      const image = sharp(pixels, { raw: { width, height, channels: 4 }, limitInputPixels: MAX_INPUT_PIXELS })
      return opaque ? image.removeAlpha() : image
    },
    // Already upright: libheif applied irot/imir, and the EXIF orientation must not be applied again.
    orient: false,
    hasAlpha: !opaque,
  })
}

/**
 * Re-encodes one opened image (full size, then each variant). `orient` applies the EXIF
 * orientation first; `hasAlpha` is read from the image when not given.
 */
async function encodePhoto({ open, orient, hasAlpha: knownAlpha }: { open: () => Sharp; orient: boolean; hasAlpha?: boolean }): Promise<ProcessedPhoto> {
  let meta: Metadata | null = null
  if (knownAlpha === undefined) {
    try {
      meta = await open().metadata()
    } catch (error) {
      throw new PhotoProcessingError(exceedsPixelLimit(error) ? 'monument:media.errors.photoTooManyPixels' : 'monument:media.errors.unreadablePhoto', { cause: error })
    }
  }
  const hasAlpha = knownAlpha ?? meta?.hasAlpha === true
  // The header tells the size before anything is decoded: a photo over the pixel limit will
  // never open, so it gets the message that says what helps (a smaller photo), not "try again".
  if (meta?.width && meta.height && meta.width * meta.height > MAX_INPUT_PIXELS) throw new PhotoProcessingError('monument:media.errors.photoTooManyPixels')

  const encode = async (resize?: number): Promise<ProcessedImage> => {
    // rotate() before anything else: afterwards the orientation tag is gone with the rest.
    let pipeline = orient ? open().rotate() : open()
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
    throw new PhotoProcessingError(exceedsPixelLimit(error) ? 'monument:media.errors.photoTooManyPixels' : 'monument:media.errors.unreadablePhoto', { cause: error })
  }
}

/** sharp's refusal of an image over `limitInputPixels` ("Input image exceeds pixel limit"). */
function exceedsPixelLimit(error: unknown) {
  return error instanceof Error && /pixel limit/i.test(error.message)
}
