import { createHash } from 'node:crypto'
import { createWriteStream } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { Transform, type Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { eq } from 'drizzle-orm'
import yauzl from 'yauzl'
import { db } from '@db/client.server'
import { archivePackages } from '@db/schema/archive'
import { storage } from '~/utils/storage.server'
import { BAG_INFO, BAGIT, MANIFEST, parseBagInfo, parseManifest, payloadOxum, TAG_MANIFEST } from './bagit'
import { isPackageRef } from './package-ref'

/**
 * Checks a stored package as an archive would (`npm run archive:verify <ref>`): the zip's
 * bytes against the checksum recorded when it was built, and the bag inside against its own
 * manifests (every payload file listed and matching, nothing listed missing, the tag files
 * matching the tag manifest, the Payload-Oxum right). The zip is read from a temporary file,
 * entry by entry: a package with a long video is never held in memory.
 */

export type VerifyResult = { ok: boolean; problems: string[]; payloadOxum: string }

type Entry = { sha256: string; bytes: number; text: string | null }

const TAG_TEXT_LIMIT = 8 * 1024 * 1024

function openZip(file: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => yauzl.open(file, { lazyEntries: true, autoClose: false }, (e, zip) => (e ? reject(e) : resolve(zip))))
}

function entryStream(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => zip.openReadStream(entry, (e, stream) => (e ? reject(e) : resolve(stream))))
}

async function hashStream(stream: Readable, keepText: boolean): Promise<Entry> {
  const hash = createHash('sha256')
  const chunks: Buffer[] = []
  let bytes = 0
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash.update(chunk)
    bytes += chunk.length
    if (keepText && bytes <= TAG_TEXT_LIMIT) chunks.push(chunk)
  }
  return { sha256: hash.digest('hex'), bytes, text: keepText && bytes <= TAG_TEXT_LIMIT ? Buffer.concat(chunks).toString('utf8') : null }
}

/** Every file entry of a zip: name → hash, size (and the text of top-level tag files). */
async function readEntries(file: string): Promise<{ entries: Map<string, Entry>; problems: string[] }> {
  const zip = await openZip(file)
  const entries = new Map<string, Entry>()
  const problems: string[] = []
  try {
    await new Promise<void>((resolve, reject) => {
      zip.on('error', reject)
      zip.on('end', resolve)
      zip.on('entry', (entry: yauzl.Entry) => {
        if (entry.fileName.endsWith('/')) return zip.readEntry()
        entryStream(zip, entry)
          .then((stream) => hashStream(stream, !entry.fileName.includes('/data/')))
          .then((e) => {
            if (entries.has(entry.fileName)) problems.push(`${entry.fileName} is in the zip twice`)
            entries.set(entry.fileName, e)
            zip.readEntry()
          })
          .catch(reject)
      })
      zip.readEntry()
    })
  } finally {
    zip.close()
  }
  return { entries, problems }
}

/** The checks on the unzipped bag: manifests, tag manifest, Payload-Oxum. Pure, so a test can feed it a doctored bag. */
export function checkBag(root: string, zipEntries: Map<string, Entry>): VerifyResult {
  const problems: string[] = []
  const bag = new Map<string, Entry>()
  for (const [name, e] of zipEntries) {
    if (!name.startsWith(`${root}/`)) problems.push(`${name} is outside the bag's folder ${root}/`)
    else if (name.split('/').some((part) => part === '..' || part === '')) problems.push(`${name} is not a safe path`)
    else bag.set(name.slice(root.length + 1), e)
  }
  const payload = [...bag].filter(([p]) => p.startsWith('data/'))
  const oxum = payloadOxum(payload.map(([, e]) => e))

  const bagit = bag.get(BAGIT)?.text
  if (!bagit) problems.push(`${BAGIT} is missing`)
  else {
    const fields = parseBagInfo(bagit)
    if (fields.get('BagIt-Version') !== '1.0') problems.push(`${BAGIT} does not declare BagIt-Version 1.0`)
    if (fields.get('Tag-File-Character-Encoding')?.toUpperCase() !== 'UTF-8') problems.push(`${BAGIT} does not declare UTF-8`)
  }
  const info = bag.get(BAG_INFO)?.text
  if (info === undefined || info === null) problems.push(`${BAG_INFO} is missing`)
  else if (parseBagInfo(info).get('Payload-Oxum') !== oxum) problems.push(`Payload-Oxum in ${BAG_INFO} is ${parseBagInfo(info).get('Payload-Oxum') ?? 'missing'}, the payload is ${oxum}`)

  const check = (manifestName: string, mustList: string[]) => {
    const text = bag.get(manifestName)?.text
    if (text === undefined || text === null) return problems.push(`${manifestName} is missing`)
    const manifest = parseManifest(text)
    problems.push(...manifest.problems.map((p) => `${manifestName}: ${p}`))
    for (const [file, sha256] of manifest.entries) {
      const actual = bag.get(file)
      if (!actual) problems.push(`${manifestName} lists ${file}, which is not in the bag`)
      else if (actual.sha256 !== sha256) problems.push(`${file} does not match its checksum in ${manifestName}`)
    }
    for (const file of mustList) if (!manifest.entries.has(file)) problems.push(`${file} is not listed in ${manifestName}`)
  }
  check(MANIFEST, payload.map(([p]) => p))
  check(TAG_MANIFEST, [...bag.keys()].filter((p) => !p.startsWith('data/') && p !== TAG_MANIFEST))
  return { ok: problems.length === 0, problems, payloadOxum: oxum }
}

export async function verifyArchivePackage({ ref }: { ref: string }): Promise<VerifyResult> {
  const [row] = isPackageRef(ref) ? await db.select().from(archivePackages).where(eq(archivePackages.ref, ref)) : []
  if (!row) return { ok: false, problems: [`no archive package ${ref}`], payloadOxum: '' }
  const object = await storage.stream({ key: row.storageKey })
  if (!object) return { ok: false, problems: [`the package's zip is missing from storage (${row.storageKey})`], payloadOxum: '' }
  const dir = await mkdtemp(path.join(tmpdir(), 'archive-verify-'))
  try {
    const file = path.join(dir, 'package.zip')
    const zipHash = createHash('sha256')
    const tee = new Transform({
      transform(chunk: Buffer, _enc, done) {
        zipHash.update(chunk)
        done(null, chunk)
      },
    })
    await pipeline(object.body, tee, createWriteStream(file))
    const problems: string[] = []
    if (zipHash.digest('hex') !== row.sha256) problems.push('the zip differs from the checksum recorded when it was built')
    let read: Awaited<ReturnType<typeof readEntries>>
    try {
      read = await readEntries(file)
    } catch (error) {
      return { ok: false, problems: [...problems, `the zip cannot be read: ${(error as Error).message}`], payloadOxum: '' }
    }
    const bag = checkBag(row.ref, read.entries)
    const all = [...problems, ...read.problems, ...bag.problems]
    if (bag.payloadOxum !== row.payloadOxum) all.push(`the payload is ${bag.payloadOxum}, recorded was ${row.payloadOxum}`)
    return { ok: all.length === 0, problems: all, payloadOxum: bag.payloadOxum }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}
