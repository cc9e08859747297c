import { mkdir, mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import yauzl from 'yauzl'
import { storage } from '~/utils/storage.server'

/** Test-only: a stored object's bytes. */
export async function readObject(key: string): Promise<Buffer> {
  const object = await storage.stream({ key })
  if (!object) throw new Error(`no object ${key}`)
  const chunks: Buffer[] = []
  for await (const chunk of object.body as AsyncIterable<Buffer>) chunks.push(chunk)
  return Buffer.concat(chunks)
}

/** Test-only: unzips a zip held in memory into a new temporary folder; returns the folder. */
export async function unzipToTemp(zip: Buffer): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'archive-test-'))
  const zipfile = await new Promise<yauzl.ZipFile>((resolve, reject) => yauzl.fromBuffer(zip, { lazyEntries: true }, (e, z) => (e ? reject(e) : resolve(z))))
  await new Promise<void>((resolve, reject) => {
    zipfile.on('error', reject)
    zipfile.on('end', resolve)
    zipfile.on('entry', (entry: yauzl.Entry) => {
      const target = path.join(dir, entry.fileName)
      if (!target.startsWith(dir + path.sep)) return reject(new Error(`unsafe path ${entry.fileName}`))
      if (entry.fileName.endsWith('/')) return zipfile.readEntry()
      zipfile.openReadStream(entry, async (e, stream) => {
        if (e) return reject(e)
        const chunks: Buffer[] = []
        for await (const chunk of stream as AsyncIterable<Buffer>) chunks.push(chunk)
        await mkdir(path.dirname(target), { recursive: true })
        await writeFile(target, Buffer.concat(chunks))
        zipfile.readEntry()
      })
    })
    zipfile.readEntry()
  })
  return dir
}
