import { randomBytes } from 'node:crypto'

/**
 * Test-only: small media files made in code (no encoder is installed here), complete or cut
 * short: one WAV for every test that needs audio, and an Ogg Opus and an MP4 for the
 * completeness checks and the upload fuzz suite.
 */

/** Test-only: a short mono PCM WAV (noise), enough for the type check and a player. */
export function wav(samples: number): Buffer {
  const header = Buffer.alloc(44)
  header.write('RIFF', 0, 'ascii')
  header.writeUInt32LE(36 + samples, 4)
  header.write('WAVE', 8, 'ascii')
  header.write('fmt ', 12, 'ascii')
  header.writeUInt32LE(16, 16)
  header.writeUInt16LE(1, 20)
  header.writeUInt16LE(1, 22)
  header.writeUInt32LE(8000, 24)
  header.writeUInt32LE(16000, 28)
  header.writeUInt16LE(2, 32)
  header.writeUInt16LE(16, 34)
  header.write('data', 36, 'ascii')
  header.writeUInt32LE(samples, 40)
  return Buffer.concat([header, randomBytes(samples)])
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256)
  for (let i = 0; i < 256; i++) {
    let r = i << 24
    for (let j = 0; j < 8; j++) r = r & 0x80000000 ? ((r << 1) ^ 0x04c11db7) >>> 0 : (r << 1) >>> 0
    table[i] = r >>> 0
  }
  return table
})()

function oggCrc(bytes: Buffer) {
  let crc = 0
  for (const b of bytes) crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ b) & 0xff]!) >>> 0
  return crc >>> 0
}

function oggPage({ packets, granule, serial, sequence, flags }: { packets: Buffer[]; granule: bigint; serial: number; sequence: number; flags: number }) {
  const lacing: number[] = []
  for (const p of packets) {
    let n = p.length
    while (n >= 255) {
      lacing.push(255)
      n -= 255
    }
    lacing.push(n)
  }
  const header = Buffer.alloc(27 + lacing.length)
  header.write('OggS', 0, 'latin1')
  header.writeUInt8(0, 4)
  header.writeUInt8(flags, 5)
  header.writeBigInt64LE(granule, 6)
  header.writeUInt32LE(serial, 14)
  header.writeUInt32LE(sequence, 18)
  header.writeUInt32LE(0, 22)
  header.writeUInt8(lacing.length, 26)
  Buffer.from(lacing).copy(header, 27)
  const page = Buffer.concat([header, ...packets])
  page.writeUInt32LE(oggCrc(page), 22)
  return page
}

/** A complete Ogg Opus file of about `seconds` seconds (mono; the audio packets are noise, never decoded here). */
export function oggOpus(seconds = 5): Buffer {
  const serial = 0x1234abcd
  const head = Buffer.alloc(19)
  head.write('OpusHead', 0, 'latin1')
  head.writeUInt8(1, 8)
  head.writeUInt8(1, 9)
  head.writeUInt16LE(312, 10)
  head.writeUInt32LE(48000, 12)
  head.writeInt16LE(0, 16)
  head.writeUInt8(0, 18)
  const vendor = Buffer.from('portal-test')
  const tags = Buffer.concat([Buffer.from('OpusTags', 'latin1'), Buffer.from(new Uint32Array([vendor.length]).buffer), vendor, Buffer.alloc(4)])
  const pages = [oggPage({ packets: [head], granule: 0n, serial, sequence: 0, flags: 0x02 }), oggPage({ packets: [tags], granule: 0n, serial, sequence: 1, flags: 0 })]
  const frames = Math.round((seconds * 1000) / 20)
  const perPage = 10
  let granule = 0n
  for (let f = 0, seq = 2; f < frames; f += perPage, seq++) {
    const count = Math.min(perPage, frames - f)
    // TOC 0x78: SILK wideband 20 ms, one frame; then noise.
    const packets = Array.from({ length: count }, () => Buffer.concat([Buffer.from([0x78]), randomBytes(79)]))
    granule += BigInt(count * 960)
    const last = f + count >= frames
    pages.push(oggPage({ packets, granule: granule + 312n, serial, sequence: seq, flags: last ? 0x04 : 0 }))
  }
  return Buffer.concat(pages)
}


function box(type: string, ...content: Buffer[]) {
  const body = Buffer.concat(content)
  const size = Buffer.alloc(8)
  size.writeUInt32BE(8 + body.length, 0)
  size.write(type, 4, 'latin1')
  return Buffer.concat([size, body])
}

function u32(...values: number[]) {
  const b = Buffer.alloc(4 * values.length)
  values.forEach((v, i) => b.writeUInt32BE(v >>> 0, 4 * i))
  return b
}

/**
 * A minimal MP4 (ftyp, mdat with `mdatBytes` of noise, then moov with an mvhd of
 * `seconds`), the order a phone writes when the recording stops: without its moov, an MP4
 * cannot be played.
 */
export function mp4(seconds = 3, mdatBytes = 20_000): Buffer {
  const ftyp = box('ftyp', Buffer.from('isom', 'latin1'), u32(0x200), Buffer.from('isomiso2mp41', 'latin1'))
  const mdat = box('mdat', randomBytes(mdatBytes))
  const matrix = u32(0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000)
  const mvhd = box('mvhd', u32(0, 0, 0, 1000, seconds * 1000), u32(0x10000), Buffer.from([1, 0]), Buffer.alloc(10), matrix, Buffer.alloc(24), u32(2))
  // Only the movie header: enough for a container parser to know the duration.
  const moov = box('moov', mvhd)
  return Buffer.concat([ftyp, mdat, moov])
}
