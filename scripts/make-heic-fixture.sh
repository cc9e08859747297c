#!/usr/bin/env bash
# Makes app/testing/fixtures/portrait-gps.heic: a tiny (64×48 stored) HEVC-coded HEIC shaped
# like an iPhone portrait photo, and transparent.heic (32×24, half-transparent blue, with an
# alpha plane), for the monument's HEIC tests. Tests only read the committed
# file; this script documents how it was made and is needed only to make it again.
#
# What the fixture holds, and why:
# - Pixels in four coloured quadrants (top-left red, top-right green, bottom-left blue,
#   bottom-right yellow), so a test can tell the orientation from the colours.
# - An EXIF block with camera make/model ("Apple", "iPhone 12") and a GPS position
#   (52°22'6"N 4°53'12"E): what must never reach the bucket.
# - Like an iPhone: the pixels are stored landscape with an `irot` box (rotate 90° clockwise,
#   angle 3 = 270° anticlockwise) AND an EXIF orientation 6 that describes the same rotation.
#   HEIF readers apply `irot` and ignore the EXIF tag; applying both turns the photo twice.
#   heif-enc 1.15 writes no `irot` of its own, so step 3 adds it to the box structure.
#
# Needs: Debian's libheif-examples (heif-enc, heif-info; its libheif1 brings the x265 encoder)
# and the project's node_modules (sharp). Optional: exiftool (libimage-exiftool-perl) to show
# the EXIF. Run from the repository root: bash scripts/make-heic-fixture.sh
set -euo pipefail

cd "$(dirname "$0")/.."
out=app/testing/fixtures/portrait-gps.heic
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

command -v heif-enc >/dev/null || { echo "heif-enc is missing: apt-get install -y libheif-examples" >&2; exit 1; }

# 1. A 64×48 JPEG with quadrants, camera EXIF, GPS and EXIF orientation 6 (sharp).
node --input-type=module - "$work/in.jpg" <<'JS'
import sharp from 'sharp'
const [file] = process.argv.slice(2)
const width = 64, height = 48
const pixels = Buffer.alloc(width * height * 3)
for (let y = 0; y < height; y++) {
  for (let x = 0; x < width; x++) {
    const top = y < height / 2, left = x < width / 2
    const colour = top && left ? [220, 30, 30] : top ? [30, 200, 30] : left ? [30, 30, 220] : [240, 240, 40]
    pixels.set(colour, (y * width + x) * 3)
  }
}
await sharp(pixels, { raw: { width, height, channels: 3 } })
  .jpeg({ quality: 90 })
  .withExif({
    IFD0: { Make: 'Apple', Model: 'iPhone 12' },
    IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 22/1 6/1', GPSLongitudeRef: 'E', GPSLongitude: '4/1 53/1 12/1' },
  })
  .withMetadata({ orientation: 6 })
  .toFile(file)
JS

# 2. HEVC-coded HEIC; heif-enc copies the JPEG's EXIF (GPS included) into an Exif item.
heif-enc -q 60 -o "$work/plain.heic" "$work/in.jpg" >/dev/null

# 3. Add `irot` (angle 3) to the primary image's properties. Growing the meta box moves mdat,
#    so every file-based extent offset in iloc moves by the same number of bytes.
node --input-type=module - "$work/plain.heic" "$out" <<'JS'
import { readFileSync, writeFileSync } from 'node:fs'
const [input, output] = process.argv.slice(2)
const file = readFileSync(input)

/** Child boxes of [start, end): { type, start, size, body } (body = first byte after the header). */
function boxes(buf, start, end) {
  const list = []
  for (let at = start; at < end; ) {
    const size = buf.readUInt32BE(at)
    if (size < 8) throw new Error('unexpected box size')
    list.push({ type: buf.toString('latin1', at + 4, at + 8), start: at, size, body: at + 8 })
    at += size
  }
  return list
}
const find = (list, type) => {
  const box = list.find((b) => b.type === type)
  if (!box) throw new Error(`no ${type} box`)
  return box
}

const top = boxes(file, 0, file.length)
const meta = find(top, 'meta')
if (find(top, 'mdat').start < meta.start) throw new Error('expected meta before mdat')
const inMeta = boxes(file, meta.body + 4, meta.start + meta.size) // meta is a FullBox
const pitm = find(inMeta, 'pitm')
const primary = file[pitm.body] === 0 ? file.readUInt16BE(pitm.body + 4) : file.readUInt32BE(pitm.body + 4)
const iprp = find(inMeta, 'iprp')
const inIprp = boxes(file, iprp.body, iprp.start + iprp.size)
const ipco = find(inIprp, 'ipco')
const ipma = find(inIprp, 'ipma')
if (ipma.start < ipco.start) throw new Error('expected ipco before ipma')
const propertyIndex = boxes(file, ipco.body, ipco.start + ipco.size).length + 1

// ipma: version (item id 16/32 bits), flags bit 0 (association 8/16 bits).
const ipmaVersion = file[ipma.body]
const wide = (file.readUInt32BE(ipma.body) & 1) === 1
let at = ipma.body + 4
const entries = file.readUInt32BE(at)
at += 4
let insertAt = -1, countAt = -1
for (let i = 0; i < entries; i++) {
  const item = ipmaVersion < 1 ? file.readUInt16BE(at) : file.readUInt32BE(at)
  at += ipmaVersion < 1 ? 2 : 4
  const count = file[at]
  if (item === primary) countAt = at
  at += 1 + count * (wide ? 2 : 1)
  if (item === primary) insertAt = at
}
if (insertAt < 0) throw new Error('primary image has no ipma entry')
const association = wide ? Buffer.alloc(2) : Buffer.alloc(1)
// Essential: a reader that cannot rotate must not show the photo sideways.
if (wide) association.writeUInt16BE(0x8000 | propertyIndex)
else association.writeUInt8(0x80 | propertyIndex)
const irot = Buffer.from([0, 0, 0, 9, 0x69, 0x72, 0x6f, 0x74, 3]) // 'irot', angle 3
const delta = irot.length + association.length

const copy = Buffer.from(file)
copy[countAt] += 1
for (const box of [meta, iprp]) copy.writeUInt32BE(box.size + delta, box.start)
copy.writeUInt32BE(ipco.size + irot.length, ipco.start)
copy.writeUInt32BE(ipma.size + association.length, ipma.start)

// iloc: shift every extent stored in the file itself (construction method 0).
const iloc = find(inMeta, 'iloc')
const version = copy[iloc.body]
let p = iloc.body + 4
const offsetSize = copy[p] >> 4, lengthSize = copy[p] & 15, baseSize = copy[p + 1] >> 4
const indexSize = version >= 1 ? copy[p + 1] & 15 : 0
p += 2
const itemCount = version < 2 ? copy.readUInt16BE(p) : copy.readUInt32BE(p)
p += version < 2 ? 2 : 4
const readN = (n, o) => (n === 0 ? 0 : n === 4 ? copy.readUInt32BE(o) : Number(copy.readBigUInt64BE(o)))
const writeN = (n, o, v) => (n === 4 ? copy.writeUInt32BE(v, o) : copy.writeBigUInt64BE(BigInt(v), o))
for (let i = 0; i < itemCount; i++) {
  p += version < 2 ? 2 : 4
  const method = version >= 1 ? copy.readUInt16BE(p) & 15 : 0
  if (version >= 1) p += 2
  p += 2 // data_reference_index
  const baseAt = p
  const base = readN(baseSize, p)
  p += baseSize
  const extents = copy.readUInt16BE(p)
  p += 2
  if (method === 0 && base > 0) writeN(baseSize, baseAt, base + delta)
  for (let e = 0; e < extents; e++) {
    p += indexSize
    if (method === 0 && base === 0) writeN(offsetSize, p, readN(offsetSize, p) + delta)
    p += offsetSize + lengthSize
  }
}

const end = ipco.start + ipco.size
const result = Buffer.concat([
  copy.subarray(0, end), irot, copy.subarray(end, insertAt), association, copy.subarray(insertAt),
])
writeFileSync(output, result)
JS

# 4. Show what was made: 48×64 upright after irot, Exif present (with GPS).
heif-info "$out"
heif-convert "$out" "$work/check.png" >/dev/null
node --input-type=module - "$work/check.png" <<'JS'
import sharp from 'sharp'
const { width, height } = await sharp(process.argv[2]).metadata()
if (width !== 48 || height !== 64) throw new Error(`expected 48x64 after irot, got ${width}x${height}`)
console.log(`decoded by libheif: ${width}x${height} (upright)`)
JS
if command -v exiftool >/dev/null; then exiftool -a -G1 -Orientation -GPSPosition -Make -Model "$out"; fi

# 5. A HEIC with an alpha plane: a transparent photo must stay transparent (WebP, not JPEG).
alpha=app/testing/fixtures/transparent.heic
node --input-type=module - "$work/alpha.png" <<'JS'
import sharp from 'sharp'
await sharp({ create: { width: 32, height: 24, channels: 4, background: { r: 0, g: 128, b: 255, alpha: 0.5 } } }).png().toFile(process.argv[2])
JS
heif-enc -q 60 -o "$alpha" "$work/alpha.png" >/dev/null
heif-info "$alpha" | grep -q 'alpha channel: yes' || { echo "no alpha plane in $alpha" >&2; exit 1; }
ls -l "$out" "$alpha"
