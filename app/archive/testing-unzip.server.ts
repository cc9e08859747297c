import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { unzipInto } from '~/testing/zip'
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
  await unzipInto(zip, dir)
  return dir
}
