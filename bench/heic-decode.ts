// HEIC photos on the monument: decode time and peak memory for a realistic 12 MP iPhone-size
// HEIC, through processPhoto (decoder thread + sharp variants) and heic-decode alone.
// Samples the process's resident memory (worker thread included) every 5 ms. Prints figures only.
// Usage: npx tsx bench/heic-decode.ts [--file photo.heic] [--runs 3]
// Without --file it makes a 4000×3000 HEIC with heif-enc (apt-get install -y libheif-examples).
import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import sharp from 'sharp'
import { peakParallelHeicDecodes } from '../app/monument/photo-heic-decoder.server'
import { processPhoto } from '../app/monument/photo.server'

function arg(name: string): string | undefined {
  const at = process.argv.indexOf(`--${name}`)
  return at > 0 ? process.argv[at + 1] : undefined
}
const runs = Number(arg('runs') ?? 3)

/** A photo-like 4000×3000 JPEG (gradients, noise, a light blur), turned into HEIC by heif-enc. */
async function makeHeic(): Promise<Buffer> {
  const dir = mkdtempSync(path.join(tmpdir(), 'heic-bench-'))
  try {
    const width = 4000
    const height = 3000
    const noise = await sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 30 } } }).raw().toBuffer()
    const pixels = Buffer.alloc(width * height * 3)
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = (y * width + x) * 3
        pixels[i] = ((x * 255) / width + noise[i]! * 0.3) & 255
        pixels[i + 1] = ((y * 255 * 0.7) / height + noise[i + 1]! * 0.3) & 255
        pixels[i + 2] = (((x + y) * 128) / (width + height) + noise[i + 2]! * 0.3) & 255
      }
    }
    const jpeg = path.join(dir, 'photo.jpg')
    await sharp(pixels, { raw: { width, height, channels: 3 } }).blur(1.2).jpeg({ quality: 92 }).toFile(jpeg)
    const heic = path.join(dir, 'photo.heic')
    execFileSync('heif-enc', ['-q', '50', '-o', heic, jpeg], { stdio: 'ignore' })
    return readFileSync(heic)
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const MB = 1000 * 1000
const rss = () => process.memoryUsage().rss

/** Runs `task` while sampling RSS; returns its duration and the peak above the start. */
async function measure<T>(task: () => Promise<T>): Promise<{ ms: number; peakMB: number; startMB: number; result: T }> {
  const start = rss()
  let peak = start
  const timer = setInterval(() => (peak = Math.max(peak, rss())), 5)
  const t0 = performance.now()
  const result = await task()
  const ms = performance.now() - t0
  clearInterval(timer)
  peak = Math.max(peak, rss())
  return { ms, peakMB: (peak - start) / MB, startMB: start / MB, result }
}

/**
 * Each scenario runs in a fresh process, so one scenario's leftovers (sharp's cache, the
 * decoder thread's WebAssembly memory, malloc arenas) do not blur the next one's figures.
 */
const scenarios = ['heic', 'heic-parallel', 'jpeg', 'decode-only'] as const
type Scenario = (typeof scenarios)[number]

async function runScenario(scenario: Scenario, heic: Buffer) {
  const mib = (bytes: number) => `${(bytes / MB).toFixed(0)} MB`
  // 'jpeg': the same picture as a JPEG, for comparison with the path every other photo takes.
  const input = scenario === 'jpeg' ? await jpegOfSameSize(heic) : heic
  for (let run = 1; run <= runs; run++) {
    const { ms, peakMB, startMB, result } =
      scenario === 'decode-only'
        ? await measure(async () => (await decodeAlone(input), null))
        : scenario === 'heic-parallel'
          ? await measure(async () => (await Promise.all([processPhoto({ input }), processPhoto({ input })]))[0])
          : await measure(() => processPhoto({ input }))
    const out = result ? ` → ${[result.original, ...result.variants].map((i) => `${i.width}×${i.height} ${(i.byteSize / 1000).toFixed(0)} kB`).join(', ')}` : ''
    console.log(`${scenario} run ${run}: ${ms.toFixed(0)} ms, RSS ${startMB.toFixed(0)} → peak ${(startMB + peakMB).toFixed(0)} MB (+${peakMB.toFixed(0)})${run === 1 ? out : ''}`)
  }
  if (scenario === 'heic-parallel') console.log(`heic-parallel: at most ${peakParallelHeicDecodes()} HEIC processed at once`)
  console.log(`${scenario}: RSS at the end ${mib(rss())}`)
}

/** A 12 MP JPEG of the same picture (decoded once with heic-decode, outside the measurement). */
async function jpegOfSameSize(heic: Buffer): Promise<Buffer> {
  const { width, height, data } = await decodeAlone(heic)
  return sharp(Buffer.from(data.buffer), { raw: { width, height, channels: 4 } }).removeAlpha().jpeg({ quality: 90 }).toBuffer()
}

function decodeAlone(heic: Buffer) {
  const decode = createRequire(import.meta.url)('heic-decode') as (args: { buffer: Uint8Array }) => Promise<{ width: number; height: number; data: Uint8ClampedArray }>
  return decode({ buffer: heic })
}

const scenario = arg('scenario') as Scenario | undefined
const file = arg('file')
if (scenario) {
  await runScenario(scenario, readFileSync(file!))
} else {
  const dir = mkdtempSync(path.join(tmpdir(), 'heic-bench-'))
  try {
    const heicPath = file ?? path.join(dir, 'photo.heic')
    if (!file) writeFileSync(heicPath, await makeHeic())
    const heic = readFileSync(heicPath)
    const meta = await sharp(heic).metadata()
    console.log(`input: ${meta.width}×${meta.height} ${meta.compression}, ${(heic.length / MB).toFixed(2)} MB; ${runs} runs per scenario, each scenario in a fresh process`)
    for (const s of scenarios) {
      execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--scenario', s, '--file', heicPath, '--runs', String(runs)], { stdio: 'inherit' })
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}
