// The reference receiver's memory: each delivered case once by webhook id, kept across
// restarts in a JSON-lines file, with counts that let a test or bench prove "never twice".
import { existsSync, mkdirSync, readFileSync } from 'node:fs'
import { appendFile } from 'node:fs/promises'
import path from 'node:path'
import type { CaseDocumentV1 } from '../app/assessment/case-document/case-document'
import type { CaseDocumentV2 } from '../app/assessment/case-document/case-document-v2'

export type StoredCase = {
  webhookId: string
  receivedAt: string
  caseId: string
  reference: string
  version: number
  document: CaseDocumentV1 | CaseDocumentV2
}

function loadStored(file: string): StoredCase[] {
  if (!existsSync(file)) return []
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as StoredCase)
}

export function openCaseStore(dataDir: string) {
  mkdirSync(dataDir, { recursive: true })
  const casesFile = path.join(dataDir, 'cases.jsonl')
  // Idempotency by webhook id, kept across restarts through the JSON-lines file.
  const stored = new Map<string, StoredCase>()
  for (const c of loadStored(casesFile)) stored.set(c.webhookId, c)
  const deliveries = new Map<string, number>()
  const effects = new Map<string, number>()
  // Appends run one after another so lines never interleave.
  let writes: Promise<unknown> = Promise.resolve()

  return {
    has: (id: string) => stored.has(id),
    size: () => stored.size,
    countDelivery: (id: string) => void deliveries.set(id, (deliveries.get(id) ?? 0) + 1),
    processedTwice: () => [...effects.values()].filter((n) => n > 1).length,
    /**
     * Stores a first delivery; false when it could not be written. The claim is made
     * synchronously, before any await, so a concurrent duplicate sees it at once.
     */
    async claim(entry: StoredCase): Promise<boolean> {
      const id = entry.webhookId
      stored.set(id, entry)
      effects.set(id, (effects.get(id) ?? 0) + 1)
      const write = writes.then(() => appendFile(casesFile, `${JSON.stringify(entry)}\n`))
      writes = write.catch(() => {})
      try {
        await write
        return true
      } catch {
        // Not stored: forget the claim so the sender's retry can succeed.
        stored.delete(id)
        effects.set(id, (effects.get(id) ?? 1) - 1)
        return false
      }
    },
    list: () =>
      [...stored.values()].map(({ document: _document, ...c }) => ({
        ...c,
        deliveries: deliveries.get(c.webhookId) ?? 0,
        effects: effects.get(c.webhookId) ?? 0,
      })),
    latest: (caseId: string) => [...stored.values()].filter((c) => c.caseId === caseId).sort((a, b) => b.version - a.version)[0],
    flushed: () => writes,
  }
}
