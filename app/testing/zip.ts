// Test-only: reading zips (research datasets, archive packages) in unit and end-to-end tests.
import { mkdir, writeFile } from 'node:fs/promises'
import path from 'node:path'
import yauzl from 'yauzl'

/** Every file entry of a zip held in memory, in the zip's order; directories are skipped. */
export async function readZipEntries(zip: Buffer): Promise<Map<string, Buffer>> {
  const zipfile = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.fromBuffer(zip, { lazyEntries: true }, (e, z) => (e || !z ? reject(e) : resolve(z))))
  const files = new Map<string, Buffer>()
  await new Promise<void>((resolve, reject) => {
    zipfile.on('error', reject)
    zipfile.on('end', resolve)
    zipfile.on('entry', (entry: yauzl.Entry) => {
      if (entry.fileName.endsWith('/')) return zipfile.readEntry()
      zipfile.openReadStream(entry, (e, stream) => {
        if (e || !stream) return reject(e)
        const chunks: Buffer[] = []
        stream.on('data', (c: Buffer) => chunks.push(c))
        stream.on('error', reject)
        stream.on('end', () => {
          files.set(entry.fileName, Buffer.concat(chunks))
          zipfile.readEntry()
        })
      })
    })
    zipfile.readEntry()
  })
  return files
}

/** A zip's text files by name (UTF-8). */
export async function readZipTexts(zip: Buffer): Promise<Record<string, string>> {
  return Object.fromEntries([...(await readZipEntries(zip))].map(([name, bytes]) => [name, bytes.toString('utf8')]))
}

/** Unzips into `dir`; an entry that would land outside it fails the call. */
export async function unzipInto(zip: Buffer, dir: string): Promise<void> {
  const root = path.resolve(dir)
  for (const [name, bytes] of await readZipEntries(zip)) {
    const target = path.resolve(root, name)
    if (!target.startsWith(root + path.sep)) throw new Error(`entry outside the folder: ${name}`)
    await mkdir(path.dirname(target), { recursive: true })
    await writeFile(target, bytes)
  }
}
